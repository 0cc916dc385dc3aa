/**
 * Behavioural mutants of the reference emulator: realistic faults, each tied to the requirement it breaks.
 * Off by default; reachable only through `startEmulator({ mutant })` or the CLI's `--mutant`. Oracle-layer
 * mutants are pure (`rewrite` the request, or `respond` instead of the reference answer), so the model × mutant
 * search of `mutation/` can compute the shortest sequence that tells them apart.
 */
import {
  classifyPolicy,
  examplePolicy,
  LOCK_TTL_MS,
  type Branch,
  type Request,
  type WorldView,
} from "../../model/index.js";
import type { IncomingHttpHeaders } from "node:http";
import { DATA_MUTANTS } from "./data.js";
import { PROTOCOL_MUTANTS } from "./protocol.js";
import { addressed, answerAsIf, lockOf, op, policyOf, refuse, stateOf, withState, wrongId } from "./kit.js";

export interface Mutant {
  name: string;
  /** The requirement the fault breaks. */
  breaks: string;
  description: string;
  layer: "oracle" | "auth" | "concurrency" | "handler";
  rewrite?: (world: WorldView, request: Request) => Request;
  respond?: (world: WorldView, request: Request, reference: Branch) => Branch | undefined;
  /** Handler layer: the request headers as the handlers see them, after authentication. */
  requestHeaders?: (headers: IncomingHttpHeaders) => IncomingHttpHeaders;
}

export const MUTANTS: readonly Mutant[] = [
  {
    name: "initiate-replaces-in-progress",
    breaks: "INIT-IN-PROGRESS-DENIED",
    layer: "oracle",
    description: "Initiate while InProgress installs the new policy and id",
    respond: (w, r) =>
      op(r) === "InitiateVaultLock" && stateOf(w, r) === "inProgress" && classifyPolicy(policyOf(r)).kind === "valid"
        ? answerAsIf(w, r, withState(addressed(w, r)!.record!, "noLock"))
        : undefined,
  },
  {
    name: "initiate-in-progress-400",
    breaks: "INIT-IN-PROGRESS-DENIED",
    layer: "oracle",
    description: "Initiate while InProgress answers 400 InvalidParameterValue",
    respond: (w, r) =>
      op(r) === "InitiateVaultLock" && stateOf(w, r) === "inProgress"
        ? refuse("InvalidParameterValueException")
        : undefined,
  },
  {
    name: "initiate-locked-replaces",
    breaks: "INIT-LOCKED-REFUSED",
    layer: "oracle",
    description: "Initiate on a Locked vault starts a new InProgress lock",
    respond: (w, r) =>
      op(r) === "InitiateVaultLock" && stateOf(w, r) === "locked" && classifyPolicy(policyOf(r)).kind === "valid"
        ? answerAsIf(w, r, withState(addressed(w, r)!.record!, "noLock"))
        : undefined,
  },
  {
    name: "complete-locked-not-idempotent",
    breaks: "COMP-IDEMPOTENT",
    layer: "oracle",
    description: "Complete with the locking id on a Locked vault answers 403",
    respond: (w, r) =>
      op(r) === "CompleteVaultLock" && stateOf(w, r) === "locked" && !wrongId(w, r)
        ? refuse("AccessDeniedException")
        : undefined,
  },
  {
    name: "locked-wrong-id-400",
    breaks: "COMP-LOCKED-WRONG-ID-DENIED",
    layer: "oracle",
    description: "A wrong id on a Locked vault answers 400 InvalidParameterValue",
    respond: (w, r) =>
      stateOf(w, r) === "locked" && wrongId(w, r) ? refuse("InvalidParameterValueException") : undefined,
  },
  {
    name: "stale-id-completes",
    breaks: "COMP-STALE-ID-REJECTED",
    layer: "oracle",
    description: "An id of an aborted or expired attempt still completes the lock",
    rewrite: (w, r) => {
      const context = addressed(w, r)?.record?.context;
      if (
        r.operation.name !== "CompleteVaultLock" ||
        !context?.lock ||
        !context.retiredLockIds.includes(r.operation.lockId)
      )
        return r;
      return { ...r, operation: { ...r.operation, lockId: context.lock.lockId } };
    },
  },
  {
    name: "complete-no-lock-204",
    breaks: "COMP-NO-LOCK",
    layer: "oracle",
    description: "Complete with no lock answers 204",
    respond: (w, r) =>
      op(r) === "CompleteVaultLock" && stateOf(w, r) === "noLock"
        ? {
            ...refuse("InvalidParameterValueException"),
            outcome: { status: 204 },
            response: { status: 204, headers: {} },
          }
        : undefined,
  },
  {
    name: "abort-locked-succeeds",
    breaks: "ABORT-LOCKED-DENIED",
    layer: "oracle",
    description: "Abort removes a Locked policy",
    respond: (w, r) =>
      op(r) === "AbortVaultLock" && stateOf(w, r) === "locked"
        ? answerAsIf(w, r, withState(addressed(w, r)!.record!, "inProgress"))
        : undefined,
  },
  {
    name: "abort-locked-404",
    breaks: "ABORT-LOCKED-DENIED",
    layer: "oracle",
    description: "Abort on a Locked vault answers 404",
    respond: (w, r) =>
      op(r) === "AbortVaultLock" && stateOf(w, r) === "locked" ? refuse("ResourceNotFoundException") : undefined,
  },
  {
    name: "abort-no-lock-404",
    breaks: "ABORT-IDEMPOTENT",
    layer: "oracle",
    description: "Abort with no lock answers 404",
    respond: (w, r) =>
      op(r) === "AbortVaultLock" && stateOf(w, r) === "noLock" ? refuse("ResourceNotFoundException") : undefined,
  },
  {
    name: "no-expiry",
    breaks: "INIT-EXPIRES-AFTER-24H",
    layer: "oracle",
    description: "An InProgress lock never expires",
    rewrite: (w, r) => {
      const lock = stateOf(w, r) === "inProgress" ? lockOf(w, r) : undefined;
      return lock ? { ...r, now: Math.min(r.now, lock.expiresAt - 1) } : r;
    },
  },
  {
    name: "expiry-after-48h",
    breaks: "INIT-EXPIRES-AFTER-24H",
    layer: "oracle",
    description: "An InProgress lock expires after 48 hours instead of 24",
    rewrite: (w, r) => {
      const lock = stateOf(w, r) === "inProgress" ? lockOf(w, r) : undefined;
      return lock && r.now < lock.createdAt + 2 * LOCK_TTL_MS ? { ...r, now: Math.min(r.now, lock.expiresAt - 1) } : r;
    },
  },
  {
    name: "policy-kept-after-expiry",
    breaks: "GET-NO-LOCK-NOT-FOUND",
    layer: "oracle",
    description: "Get still shows the policy of an expired lock",
    respond: (w, r) => {
      const lock = stateOf(w, r) === "inProgress" ? lockOf(w, r) : undefined;
      if (op(r) !== "GetVaultLock" || !lock || r.now < lock.expiresAt) return undefined;
      return answerAsIf(w, { ...r, now: lock.expiresAt - 1 }, addressed(w, r)!.record);
    },
  },
  {
    name: "lock-id-reused",
    breaks: "INIT-LOCK-ID-UNIQUE",
    layer: "oracle",
    description: "Initiate hands out the vault's first lock id again",
    rewrite: (w, r) => {
      const first = addressed(w, r)?.record?.context.retiredLockIds[0];
      return op(r) === "InitiateVaultLock" && first ? { ...r, freshLockId: first } : r;
    },
  },
  {
    name: "expiration-date-when-locked",
    breaks: "GET-LOCKED-EXPIRATION",
    layer: "oracle",
    description: "Get on a Locked vault includes an ExpirationDate",
    respond: (w, r, reference) => {
      const lock = lockOf(w, r);
      if (op(r) !== "GetVaultLock" || stateOf(w, r) !== "locked" || !lock) return undefined;
      return {
        ...reference,
        response: {
          ...reference.response,
          body: { ...reference.response.body, ExpirationDate: new Date(lock.expiresAt).toISOString() },
        },
      };
    },
  },
  {
    name: "get-no-lock-200",
    breaks: "GET-NO-LOCK-NOT-FOUND",
    layer: "oracle",
    description: "Get with no lock answers 200 with an empty body",
    respond: (w, r) =>
      op(r) === "GetVaultLock" && stateOf(w, r) === "noLock"
        ? {
            ...refuse("InvalidParameterValueException"),
            outcome: { status: 200 },
            response: { status: 200, headers: {}, body: {} },
          }
        : undefined,
  },
  {
    name: "policy-size-unchecked",
    breaks: "INIT-POLICY-LIMIT",
    layer: "oracle",
    description: "Policies over 20 KB are accepted",
    respond: (w, r) => {
      if (
        r.operation.name !== "InitiateVaultLock" ||
        stateOf(w, r) !== "noLock" ||
        classifyPolicy(r.operation.policy).kind !== "tooLarge"
      )
        return undefined;
      const accepted = answerAsIf(
        w,
        { ...r, operation: { ...r.operation, policy: examplePolicy("valid")! } },
        addressed(w, r)!.record,
      );
      return {
        ...accepted,
        changes: accepted.changes.map((c) => ({
          ...c,
          record: c.record && {
            ...c.record,
            context: { ...c.record.context, lock: { ...c.record.context.lock!, policy: policyOf(r)! } },
          },
        })),
      };
    },
  },
  {
    name: "vault-missing-400",
    breaks: "LOCK-OPS-VAULT-MISSING",
    layer: "oracle",
    description: "A missing vault answers 400 InvalidParameterValue instead of 404",
    respond: (w, r, reference) =>
      reference.outcome.code === "ResourceNotFoundException" && stateOf(w, r) === "absent"
        ? refuse("InvalidParameterValueException")
        : undefined,
  },
  {
    name: "delete-vault-noop",
    breaks: "DV-DELETES",
    layer: "oracle",
    description: "DeleteVault answers 204 but keeps the vault",
    respond: (w, r, reference) =>
      op(r) === "DeleteVault" && stateOf(w, r) !== "absent" ? { ...reference, changes: [] } : undefined,
  },
  {
    name: "account-id-ignored",
    breaks: "ACCT-MISMATCH-DENIED",
    layer: "oracle",
    description: "The account id in the URI is ignored",
    rewrite: (_, r) => ({ ...r, operation: { ...r.operation, accountId: "-" } }),
  },
  {
    name: "signatures-not-checked",
    breaks: "PROTO-BAD-SIGNATURE",
    layer: "auth",
    description: "Any signature, key and time is accepted",
  },
  {
    name: "non-atomic-initiate",
    breaks: "RACE-ONE-INITIATE-WINS",
    layer: "concurrency",
    description: "Initiate reads, yields, then writes, so racing Initiates all win",
  },
  ...DATA_MUTANTS,
  ...PROTOCOL_MUTANTS,
];

/** The mutant of this name; throws on an unknown one. */
export function mutantNamed(name: string): Mutant {
  const found = MUTANTS.find((m) => m.name === name);
  if (!found) throw new Error(`unknown mutant ${name}; known: ${MUTANTS.map((m) => m.name).join(", ")}`);
  return found;
}

/** The answer the mutant gives (its oracle layer); the reference answer where it does not interfere. */
export function mutatedStep(
  mutant: Mutant | undefined,
  world: WorldView,
  request: Request,
  step: (w: WorldView, r: Request) => Branch[],
): Branch {
  const rewritten = mutant?.rewrite ? mutant.rewrite(world, request) : request;
  const reference = step(world, rewritten)[0]!;
  return mutant?.respond?.(world, rewritten, reference) ?? reference;
}
