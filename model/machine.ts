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
import { EMPTY_VAULT, lockGuards, lockUpdates } from "./lock-rules.js";
import { SUBRESOURCE_GUARDS, SUBRESOURCE_UPDATES } from "./subresources/index.js";
import {
  completeWithoutLock,
  created,
  described,
  GET_BODY,
  initiateOnUnlocked,
  initiateRefused,
  missing,
} from "./transitions.js";
import { err, ok } from "./outcome.js";

export type { ArchiveRecord, EdgeMeta, LockRecord, LockState, VaultContext, VaultEvent } from "./machine-types.js";

export { EMPTY_VAULT };

type VaultAssign = ReturnType<typeof assign<VaultContext, VaultEvent, undefined, VaultEvent, never>>;
type Update = (args: { context: VaultContext; event: VaultEvent }) => Partial<VaultContext>;

/** Each named context update as an XState `assign` action under the same name. */
function assignEach<Name extends string>(updates: Record<Name, Update>): Record<Name, VaultAssign> {
  const entries = Object.entries<Update>(updates).map(([name, update]) => [name, assign(update)]);
  return Object.fromEntries(entries) as Record<Name, VaultAssign>;
}

/** The vault-lock machine. Initial state: the vault does not exist. */
export const vaultLockMachine = setup({
  types: { context: {} as VaultContext, events: {} as VaultEvent },
  guards: { ...lockGuards, ...dataGuards, ...SUBRESOURCE_GUARDS },
  actions: assignEach({ ...lockUpdates, ...dataUpdates, ...SUBRESOURCE_UPDATES }),
}).createMachine({
  id: "vaultLock",
  initial: "absent",
  context: EMPTY_VAULT,
  states: {
    absent: {
      on: {
        CREATE_VAULT: {
          target: "noLock",
          actions: "createVault",
          meta: {
            id: "absent.CREATE_VAULT",
            requirements: ["CV-CREATES", "CV-NEW-VAULT-UNLOCKED", "DV-IN-PROGRESS"],
            expect: ok(201),
            requires: { headers: ["location"] },
          },
        },
        DELETE_VAULT: {
          meta: {
            id: "absent.DELETE_VAULT",
            requirements: ["DV-IDEMPOTENT"],
            expect: ok(204),
            alternatives: [err("ResourceNotFoundException")],
          },
        },
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
          {
            target: "absent",
            actions: "dropVault",
            meta: { id: "noLock.DELETE_VAULT", requirements: ["DV-DELETES"], expect: ok(204) },
          },
        ],
        DESCRIBE_VAULT: described("noLock"),
        INITIATE: initiateOnUnlocked(),
        COMPLETE: completeWithoutLock(),
        ABORT: { meta: { id: "noLock.ABORT", requirements: ["ABORT-IDEMPOTENT"], expect: ok(204) } },
        GET: {
          meta: {
            id: "noLock.GET",
            requirements: ["GET-NO-LOCK-NOT-FOUND", "CV-NEW-VAULT-UNLOCKED"],
            expect: err("ResourceNotFoundException"),
            reason: "No vault lock policy found",
          },
        },
        ...dataOperations("noLock"),
      },
    },
    inProgress: {
      on: {
        TICK: {
          target: "noLock",
          guard: "lockExpired",
          actions: "retireLock",
          meta: {
            id: "inProgress.TICK.expired",
            requirements: ["INIT-EXPIRES-AFTER-24H", "INIT-EXPIRY-BOUNDARY", "POL-GONE-AFTER-ABORT-OR-EXPIRY"],
            expect: ok(204),
          },
        },
        CREATE_VAULT: created("inProgress"),
        DELETE_VAULT: [
          deleteNotEmpty("inProgress"),
          deleteRecentlyWritten("inProgress"),
          {
            target: "absent",
            actions: "dropVault",
            meta: {
              id: "inProgress.DELETE_VAULT",
              requirements: ["DV-IN-PROGRESS"],
              expect: ok(204),
              alternatives: [err("AccessDeniedException"), err("InvalidParameterValueException")],
            },
          },
        ],
        DESCRIBE_VAULT: described("inProgress"),
        INITIATE: initiateRefused("inProgress"),
        COMPLETE: [
          {
            target: "locked",
            guard: "isCurrentLockId",
            meta: { id: "inProgress.COMPLETE.currentId", requirements: ["COMP-LOCKS"], expect: ok(204) },
          },
          {
            guard: "isRetiredLockId",
            meta: {
              id: "inProgress.COMPLETE.retiredId",
              requirements: ["COMP-IN-PROGRESS-WRONG-ID", "COMP-STALE-ID-REJECTED"],
              expect: err("InvalidParameterValueException"),
              reason: "Lock id is not the current one",
            },
          },
          {
            meta: {
              id: "inProgress.COMPLETE.randomId",
              requirements: ["COMP-IN-PROGRESS-WRONG-ID"],
              expect: err("InvalidParameterValueException"),
              reason: "Lock id is not the current one",
            },
          },
        ],
        ABORT: {
          target: "noLock",
          actions: "retireLock",
          meta: {
            id: "inProgress.ABORT",
            requirements: ["ABORT-REMOVES-POLICY", "POL-GONE-AFTER-ABORT-OR-EXPIRY"],
            expect: ok(204),
          },
        },
        GET: {
          meta: {
            id: "inProgress.GET",
            requirements: ["GET-IN-PROGRESS", "GET-POLICY-ROUNDTRIP", "INIT-EXPIRY-BOUNDARY"],
            expect: ok(200),
            requires: { body: [...GET_BODY, "ExpirationDate"] },
          },
        },
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
          {
            target: "absent",
            actions: "dropVault",
            meta: { id: "locked.DELETE_VAULT", requirements: ["DV-LOCKED-EMPTY"], expect: ok(204) },
          },
        ],
        DESCRIBE_VAULT: described("locked"),
        INITIATE: initiateRefused("locked"),
        COMPLETE: [
          {
            guard: "isCurrentLockId",
            meta: { id: "locked.COMPLETE.currentId", requirements: ["COMP-IDEMPOTENT"], expect: ok(204) },
          },
          {
            guard: "isRetiredLockId",
            meta: {
              id: "locked.COMPLETE.retiredId",
              requirements: ["COMP-LOCKED-WRONG-ID-DENIED", "COMP-STALE-ID-REJECTED"],
              expect: err("AccessDeniedException"),
              reason: "Vault is locked with another lock id",
            },
          },
          {
            meta: {
              id: "locked.COMPLETE.randomId",
              requirements: ["COMP-LOCKED-WRONG-ID-DENIED"],
              expect: err("AccessDeniedException"),
              reason: "Vault is locked with another lock id",
            },
          },
        ],
        ABORT: {
          meta: {
            id: "locked.ABORT",
            requirements: ["ABORT-LOCKED-DENIED", "LOCKED-IS-PERMANENT"],
            expect: err("AccessDeniedException"),
            reason: "Vault lock is Locked and cannot be aborted",
          },
        },
        GET: {
          meta: {
            id: "locked.GET",
            requirements: ["GET-LOCKED", "GET-LOCKED-EXPIRATION", "GET-POLICY-ROUNDTRIP"],
            expect: ok(200),
            requires: { body: GET_BODY, bodyAbsent: ["ExpirationDate"] },
          },
        },
        ...dataOperations("locked"),
      },
    },
  },
});

export type VaultLockMachine = typeof vaultLockMachine;
