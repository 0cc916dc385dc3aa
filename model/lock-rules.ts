/**
 * Guards and context updates of the lock transitions (`machine.ts`, `transitions.ts`): pure functions of the
 * vault's context and the event, wired into the machine by name, each named only here.
 */
import type { VaultContext, VaultEvent } from "./machine-types.js";
import { classifyPolicy, isRejectedPolicy, LOCK_TTL_MS } from "./rules.js";
import { NO_ARCHIVES } from "./archive-map.js";

const RETIRED_KEPT = 16;

interface Args {
  context: VaultContext;
  event: VaultEvent;
}

/** The context of a vault that does not exist, or has just been created. */
export const EMPTY_VAULT: VaultContext = { createdAt: 0, retiredLockIds: [], archives: NO_ARCHIVES, tags: {} };

const policyIs =
  (kind: ReturnType<typeof classifyPolicy>["kind"]) =>
  ({ event }: Args) =>
    event.type === "INITIATE" && classifyPolicy(event.policy).kind === kind;

/** Guards by name (INIT-POLICY-*, POLICY-MEMBER-MISSING, COMP-*, INIT-EXPIRES-AFTER-24H). */
export const lockGuards = {
  policyMissing: policyIs("missing"),
  policyTooLarge: policyIs("tooLarge"),
  policyInvalid: policyIs("invalid"),
  policySizeAmbiguous: policyIs("sizeAmbiguous"),
  policyRejected: ({ event }: Args) => event.type === "INITIATE" && isRejectedPolicy(event.policy),
  isCurrentLockId: ({ context, event }: Args) => event.type === "COMPLETE" && event.lockId === context.lock?.lockId,
  isRetiredLockId: ({ context, event }: Args) =>
    event.type === "COMPLETE" && context.retiredLockIds.includes(event.lockId),
  lockExpired: ({ context, event }: Args) => context.lock !== undefined && event.now >= context.lock.expiresAt,
};

/** Context updates by name: each returns the changed fields (INIT-INSTALLS-POLICY, COMP-STALE-ID-REJECTED). */
export const lockUpdates = {
  createVault: ({ event }: Args): Partial<VaultContext> => ({ ...EMPTY_VAULT, createdAt: event.now }),
  dropVault: (): Partial<VaultContext> => EMPTY_VAULT,
  installLock: ({ event }: Args): Partial<VaultContext> => {
    if (event.type !== "INITIATE") return {};
    const lock = {
      policy: event.policy ?? "",
      lockId: event.lockId,
      createdAt: event.now,
      expiresAt: event.now + LOCK_TTL_MS,
    };
    return { lock };
  },
  retireLock: ({ context }: Args): Partial<VaultContext> => ({
    lock: undefined,
    retiredLockIds: [...context.retiredLockIds, context.lock?.lockId ?? ""].slice(-RETIRED_KEPT),
  }),
};
