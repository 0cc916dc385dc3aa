/**
 * The executable spec: one vault's lock lifecycle as an XState v5 machine. Pure: no timers, no clock;
 * every event carries `now` (epoch ms) and expiry is the explicit TICK transition. Every transition,
 * error ones included, carries `meta: EdgeMeta` naming the requirements it implements and the outcome.
 */
import { assign, setup } from "xstate";
import type { VaultContext, VaultEvent } from "./machine-types.js";
import { dataGuards, dataUpdates } from "./data-rules.js";
import {
  dataOnAbsent,
  dataOperations,
  deleteAfterWrites,
  deleteNotEmpty,
  deleteRecentlyWritten,
} from "./data-transitions.js";
import { classifyPolicy, isRejectedPolicy, LOCK_TTL_MS } from "./rules.js";
import {
  completeWithoutLock,
  created,
  described,
  edge,
  GET_BODY,
  initiateOnUnlocked,
  initiateRefused,
  missing,
} from "./transitions.js";
import { err, ok } from "./outcome.js";

export type { ArchiveRecord, EdgeMeta, LockRecord, LockState, VaultContext, VaultEvent } from "./machine-types.js";

const RETIRED_KEPT = 16;
/** The context of a vault that does not exist, or has just been created. */
export const EMPTY_VAULT: VaultContext = { createdAt: 0, retiredLockIds: [], archives: {}, tags: {} };

/** The vault-lock machine. Initial state: the vault does not exist. */
export const vaultLockMachine = setup({
  types: { context: {} as VaultContext, events: {} as VaultEvent },
  guards: {
    policyMissing: ({ event }) => event.type === "INITIATE" && classifyPolicy(event.policy).kind === "missing",
    policyTooLarge: ({ event }) => event.type === "INITIATE" && classifyPolicy(event.policy).kind === "tooLarge",
    policyInvalid: ({ event }) => event.type === "INITIATE" && classifyPolicy(event.policy).kind === "invalid",
    policySizeAmbiguous: ({ event }) =>
      event.type === "INITIATE" && classifyPolicy(event.policy).kind === "sizeAmbiguous",
    policyRejected: ({ event }) => event.type === "INITIATE" && isRejectedPolicy(event.policy),
    isCurrentLockId: ({ context, event }) => event.type === "COMPLETE" && event.lockId === context.lock?.lockId,
    isRetiredLockId: ({ context, event }) => event.type === "COMPLETE" && context.retiredLockIds.includes(event.lockId),
    lockExpired: ({ context, event }) => context.lock !== undefined && event.now >= context.lock.expiresAt,
    ...dataGuards,
  },
  actions: {
    mark: assign((_, params: { id: string }) => ({ lastEdge: params.id })),
    createVault: assign(({ event }) => ({ ...EMPTY_VAULT, createdAt: event.now })),
    dropVault: assign(() => EMPTY_VAULT),
    installLock: assign(({ event }) => {
      if (event.type !== "INITIATE") return {};
      const lock = {
        policy: event.policy ?? "",
        lockId: event.lockId,
        createdAt: event.now,
        expiresAt: event.now + LOCK_TTL_MS,
      };
      return { lock };
    }),
    retireLock: assign(({ context }) => ({
      lock: undefined,
      retiredLockIds: [...context.retiredLockIds, context.lock?.lockId ?? ""].slice(-RETIRED_KEPT),
    })),
    addArchive: assign(dataUpdates.addArchive),
    removeArchive: assign(dataUpdates.removeArchive),
    addTags: assign(dataUpdates.addTags),
    removeTags: assign(dataUpdates.removeTags),
    setAccessPolicy: assign(dataUpdates.setAccessPolicy),
    dropAccessPolicy: assign(dataUpdates.dropAccessPolicy),
  },
}).createMachine({
  id: "vaultLock",
  initial: "absent",
  context: EMPTY_VAULT,
  states: {
    absent: {
      on: {
        CREATE_VAULT: edge(
          {
            id: "absent.CREATE_VAULT",
            requirements: ["CV-CREATES", "CV-NEW-VAULT-UNLOCKED", "DV-IN-PROGRESS"],
            expect: ok(201),
            requires: { headers: ["location"] },
          },
          "noLock",
          undefined,
          "createVault",
        ),
        DELETE_VAULT: edge({
          id: "absent.DELETE_VAULT",
          requirements: ["DV-IDEMPOTENT"],
          expect: ok(204),
          alternatives: [err("ResourceNotFoundException")],
        }),
        DESCRIBE_VAULT: missing("absent.DESCRIBE_VAULT", "DESCRIBE_VAULT"),
        INITIATE: missing("absent.INITIATE", "INITIATE"),
        COMPLETE: missing("absent.COMPLETE", "COMPLETE"),
        ABORT: missing("absent.ABORT", "ABORT"),
        GET: missing("absent.GET", "GET"),
        ...dataOnAbsent(),
      },
    },
    noLock: {
      on: {
        CREATE_VAULT: created("noLock"),
        DELETE_VAULT: [
          deleteNotEmpty("noLock"),
          deleteRecentlyWritten("noLock"),
          deleteAfterWrites("noLock"),
          edge(
            { id: "noLock.DELETE_VAULT", requirements: ["DV-DELETES"], expect: ok(204) },
            "absent",
            undefined,
            "dropVault",
          ),
        ],
        DESCRIBE_VAULT: described("noLock"),
        INITIATE: initiateOnUnlocked(),
        COMPLETE: completeWithoutLock(),
        ABORT: edge({ id: "noLock.ABORT", requirements: ["ABORT-IDEMPOTENT"], expect: ok(204) }),
        GET: edge({
          id: "noLock.GET",
          requirements: ["GET-NO-LOCK-NOT-FOUND", "CV-NEW-VAULT-UNLOCKED"],
          expect: err("ResourceNotFoundException"),
          reason: "No vault lock policy found",
        }),
        ...dataOperations("noLock"),
      },
    },
    inProgress: {
      on: {
        TICK: edge(
          {
            id: "inProgress.TICK.expired",
            requirements: ["INIT-EXPIRES-AFTER-24H", "INIT-EXPIRY-BOUNDARY", "POL-GONE-AFTER-ABORT-OR-EXPIRY"],
            expect: ok(204),
          },
          "noLock",
          "lockExpired",
          "retireLock",
        ),
        CREATE_VAULT: created("inProgress"),
        DELETE_VAULT: [
          deleteNotEmpty("inProgress"),
          deleteRecentlyWritten("inProgress"),
          edge(
            {
              id: "inProgress.DELETE_VAULT",
              requirements: ["DV-IN-PROGRESS"],
              expect: ok(204),
              alternatives: [err("AccessDeniedException"), err("InvalidParameterValueException")],
            },
            "absent",
            undefined,
            "dropVault",
          ),
        ],
        DESCRIBE_VAULT: described("inProgress"),
        INITIATE: initiateRefused("inProgress"),
        COMPLETE: [
          edge(
            { id: "inProgress.COMPLETE.currentId", requirements: ["COMP-LOCKS"], expect: ok(204) },
            "locked",
            "isCurrentLockId",
          ),
          edge(
            {
              id: "inProgress.COMPLETE.retiredId",
              requirements: ["COMP-IN-PROGRESS-WRONG-ID", "COMP-STALE-ID-REJECTED"],
              expect: err("InvalidParameterValueException"),
              reason: "Lock id is not the current one",
            },
            undefined,
            "isRetiredLockId",
          ),
          edge({
            id: "inProgress.COMPLETE.randomId",
            requirements: ["COMP-IN-PROGRESS-WRONG-ID"],
            expect: err("InvalidParameterValueException"),
            reason: "Lock id is not the current one",
          }),
        ],
        ABORT: edge(
          {
            id: "inProgress.ABORT",
            requirements: ["ABORT-REMOVES-POLICY", "POL-GONE-AFTER-ABORT-OR-EXPIRY"],
            expect: ok(204),
          },
          "noLock",
          undefined,
          "retireLock",
        ),
        GET: edge({
          id: "inProgress.GET",
          requirements: ["GET-IN-PROGRESS", "GET-POLICY-ROUNDTRIP", "INIT-EXPIRY-BOUNDARY"],
          expect: ok(200),
          requires: { body: [...GET_BODY, "ExpirationDate"] },
        }),
        ...dataOperations("inProgress"),
      },
    },
    locked: {
      on: {
        CREATE_VAULT: created("locked"),
        DELETE_VAULT: [
          deleteNotEmpty("locked"),
          deleteRecentlyWritten("locked"),
          deleteAfterWrites("locked"),
          edge(
            { id: "locked.DELETE_VAULT", requirements: ["DV-LOCKED-EMPTY"], expect: ok(204) },
            "absent",
            undefined,
            "dropVault",
          ),
        ],
        DESCRIBE_VAULT: described("locked"),
        INITIATE: initiateRefused("locked"),
        COMPLETE: [
          edge(
            { id: "locked.COMPLETE.currentId", requirements: ["COMP-IDEMPOTENT"], expect: ok(204) },
            undefined,
            "isCurrentLockId",
          ),
          edge(
            {
              id: "locked.COMPLETE.retiredId",
              requirements: ["COMP-LOCKED-WRONG-ID-DENIED", "COMP-STALE-ID-REJECTED"],
              expect: err("AccessDeniedException"),
              reason: "Vault is locked with another lock id",
            },
            undefined,
            "isRetiredLockId",
          ),
          edge({
            id: "locked.COMPLETE.randomId",
            requirements: ["COMP-LOCKED-WRONG-ID-DENIED"],
            expect: err("AccessDeniedException"),
            reason: "Vault is locked with another lock id",
          }),
        ],
        ABORT: edge({
          id: "locked.ABORT",
          requirements: ["ABORT-LOCKED-DENIED", "LOCKED-IS-PERMANENT"],
          expect: err("AccessDeniedException"),
          reason: "Vault lock is Locked and cannot be aborted",
        }),
        GET: edge({
          id: "locked.GET",
          requirements: ["GET-LOCKED", "GET-LOCKED-EXPIRATION", "GET-POLICY-ROUNDTRIP"],
          expect: ok(200),
          requires: { body: GET_BODY, bodyAbsent: ["ExpirationDate"] },
        }),
        ...dataOperations("locked"),
      },
    },
  },
});

export type VaultLockMachine = typeof vaultLockMachine;
