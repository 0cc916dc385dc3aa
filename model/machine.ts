/**
 * The executable spec: one vault's lock lifecycle as an XState v5 machine. Pure: no timers, no clock;
 * every event carries `now` (epoch ms) and expiry is the explicit TICK transition. Every transition,
 * error ones included, carries `meta: EdgeMeta` naming the requirements it implements and the outcome.
 */
import { assign, setup } from "xstate";
import { err, ok, type OutcomeSpec, type ResponseParts } from "./outcome.js";
import { classifyPolicy, LOCK_TTL_MS } from "./rules.js";

export interface LockRecord {
  policy: string;
  lockId: string;
  createdAt: number;
  expiresAt: number;
}

export interface VaultContext {
  createdAt: number;
  lock?: LockRecord;
  /** Ids of this vault's aborted or expired attempts, newest last, at most RETIRED_KEPT. */
  retiredLockIds: string[];
  /** Id of the edge the last event took; set by every transition. */
  lastEdge?: string;
}

export type VaultEvent =
  | { type: "CREATE_VAULT"; now: number }
  | { type: "DELETE_VAULT"; now: number }
  | { type: "DESCRIBE_VAULT"; now: number }
  | { type: "INITIATE"; now: number; policy?: string; lockId: string }
  | { type: "COMPLETE"; now: number; lockId: string }
  | { type: "ABORT"; now: number }
  | { type: "GET"; now: number }
  | { type: "TICK"; now: number };

export type LockState = "absent" | "noLock" | "inProgress" | "locked";

/** What a transition means: its requirements, the chosen outcome and the other outcomes accepted. */
export interface EdgeMeta {
  id: string;
  requirements: string[];
  expect: OutcomeSpec;
  /** Refusals a conforming endpoint may give instead; each leaves the vault as it was. */
  alternatives?: OutcomeSpec[];
  requires?: ResponseParts;
  /** Why an error happens, for its message. */
  reason?: string;
}

const RETIRED_KEPT = 16;
const NOT_FOUND = "Vault not found for ARN";

type GuardName =
  | "policyMissing"
  | "policyTooLarge"
  | "policyInvalid"
  | "policySizeAmbiguous"
  | "policyRejected"
  | "isCurrentLockId"
  | "isRetiredLockId"
  | "lockExpired";
type UpdateName = "createVault" | "dropVault" | "installLock" | "retireLock";

function edge(meta: EdgeMeta, target?: LockState, guard?: GuardName, update?: UpdateName) {
  const mark = { type: "mark" as const, params: { id: meta.id } };
  const actions = update ? [update, mark] : [mark];
  return { target, guard, actions, meta };
}

const missing = (id: string, event: string) =>
  edge({
    id,
    requirements: [event === "DESCRIBE_VAULT" ? "VAULT-OPS-MISSING" : "LOCK-OPS-VAULT-MISSING"],
    expect: err("ResourceNotFoundException"),
    reason: NOT_FOUND,
  });

const created = (state: LockState) =>
  edge({
    id: `${state}.CREATE_VAULT`,
    requirements: ["CV-IDEMPOTENT"],
    expect: ok(201),
    requires: { headers: ["location"] },
  });

const described = (state: LockState) =>
  edge({
    id: `${state}.DESCRIBE_VAULT`,
    requirements: ["DESC-VAULT"],
    expect: ok(200),
    requires: { body: ["VaultARN", "VaultName", "CreationDate"], bodyAbsent: ["State", "Policy"] },
  });

const GET_BODY = ["Policy", "State", "CreationDate"];

/** Initiate edges of a vault whose lock is InProgress or Locked: always refused. */
function initiateRefused(state: "inProgress" | "locked") {
  const stateRequirement =
    state === "inProgress"
      ? ["INIT-IN-PROGRESS-DENIED", "INIT-NOT-IDEMPOTENT"]
      : ["INIT-LOCKED-REFUSED", "LOCKED-IS-PERMANENT"];
  const lockedAlternative = state === "locked" ? [err("InvalidParameterValueException")] : [];
  const reason = `Vault lock is ${state === "inProgress" ? "InProgress; abort it first" : "Locked"}`;
  return [
    edge(
      {
        id: `${state}.INITIATE.badPolicy`,
        requirements: [...stateRequirement, "INIT-STATE-BEFORE-VALIDATION"],
        expect: err("AccessDeniedException"),
        alternatives: [err("InvalidParameterValueException"), err("MissingParameterValueException")],
        reason,
      },
      undefined,
      "policyRejected",
    ),
    edge({
      id: `${state}.INITIATE.validPolicy`,
      requirements: stateRequirement,
      expect: err("AccessDeniedException"),
      alternatives: lockedAlternative,
      reason,
    }),
  ];
}

/** Complete edges on a vault with no lock: refused whatever the id (COMP-NO-LOCK). */
function completeWithoutLock() {
  const alternatives = [err("AccessDeniedException"), err("ResourceNotFoundException")];
  const reason = "No vault lock is in progress";
  return [
    edge(
      {
        id: "noLock.COMPLETE.retiredId",
        requirements: ["COMP-NO-LOCK", "COMP-STALE-ID-REJECTED"],
        expect: err("InvalidParameterValueException"),
        alternatives,
        reason,
      },
      undefined,
      "isRetiredLockId",
    ),
    edge({
      id: "noLock.COMPLETE.randomId",
      requirements: ["COMP-NO-LOCK"],
      expect: err("InvalidParameterValueException"),
      alternatives,
      reason,
    }),
  ];
}

function initiateOnUnlocked() {
  const installs = [
    "INIT-INSTALLS-POLICY",
    "INIT-REPEATABLE",
    "INIT-LOCK-ID-UNIQUE",
    "INIT-POLICY-LIMIT",
    "INIT-LOCK-ID-FORMAT",
  ];
  const sizeRefusals = [err("InvalidParameterValueException"), err("LimitExceededException")];
  const requires = { headers: ["x-amz-lock-id"] };
  return [
    edge(
      {
        id: "noLock.INITIATE.missingPolicy",
        requirements: ["INIT-POLICY-RULES"],
        expect: err("MissingParameterValueException"),
        alternatives: [err("InvalidParameterValueException")],
        reason: "Required parameter missing: Policy",
      },
      undefined,
      "policyMissing",
    ),
    edge(
      {
        id: "noLock.INITIATE.tooLarge",
        requirements: ["INIT-POLICY-LIMIT", "INIT-POLICY-SIZE-UNIT"],
        expect: sizeRefusals[0]!,
        alternatives: sizeRefusals.slice(1),
        reason: "Vault lock policy is larger than 20 KB",
      },
      undefined,
      "policyTooLarge",
    ),
    edge(
      {
        id: "noLock.INITIATE.invalidPolicy",
        requirements: ["INIT-POLICY-INVALID", "INIT-POLICY-RULES"],
        expect: err("InvalidParameterValueException"),
        reason: "Vault lock policy is not valid",
      },
      undefined,
      "policyInvalid",
    ),
    edge(
      {
        id: "noLock.INITIATE.sizeAmbiguous",
        requirements: [...installs, "INIT-POLICY-SIZE-UNIT"],
        expect: ok(201),
        alternatives: sizeRefusals,
        requires,
      },
      "inProgress",
      "policySizeAmbiguous",
      "installLock",
    ),
    edge(
      { id: "noLock.INITIATE.valid", requirements: [...installs, "POL-RESOURCE-MATCH"], expect: ok(201), requires },
      "inProgress",
      undefined,
      "installLock",
    ),
  ];
}

/** The vault-lock machine. Initial state: the vault does not exist. */
export const vaultLockMachine = setup({
  types: { context: {} as VaultContext, events: {} as VaultEvent },
  guards: {
    policyMissing: ({ event }) => event.type === "INITIATE" && classifyPolicy(event.policy).kind === "missing",
    policyTooLarge: ({ event }) => event.type === "INITIATE" && classifyPolicy(event.policy).kind === "tooLarge",
    policyInvalid: ({ event }) => event.type === "INITIATE" && classifyPolicy(event.policy).kind === "invalid",
    policySizeAmbiguous: ({ event }) =>
      event.type === "INITIATE" && classifyPolicy(event.policy).kind === "sizeAmbiguous",
    policyRejected: ({ event }) =>
      event.type === "INITIATE" && ["missing", "tooLarge", "invalid"].includes(classifyPolicy(event.policy).kind),
    isCurrentLockId: ({ context, event }) => event.type === "COMPLETE" && event.lockId === context.lock?.lockId,
    isRetiredLockId: ({ context, event }) => event.type === "COMPLETE" && context.retiredLockIds.includes(event.lockId),
    lockExpired: ({ context, event }) => context.lock !== undefined && event.now >= context.lock.expiresAt,
  },
  actions: {
    mark: assign((_, params: { id: string }) => ({ lastEdge: params.id })),
    createVault: assign(({ event }) => ({ createdAt: event.now, lock: undefined, retiredLockIds: [] })),
    dropVault: assign(() => ({ createdAt: 0, lock: undefined, retiredLockIds: [] })),
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
  },
}).createMachine({
  id: "vaultLock",
  initial: "absent",
  context: { createdAt: 0, retiredLockIds: [] },
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
      },
    },
    noLock: {
      on: {
        CREATE_VAULT: created("noLock"),
        DELETE_VAULT: edge(
          { id: "noLock.DELETE_VAULT", requirements: ["DV-DELETES"], expect: ok(204) },
          "absent",
          undefined,
          "dropVault",
        ),
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
        DELETE_VAULT: edge(
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
      },
    },
    locked: {
      on: {
        CREATE_VAULT: created("locked"),
        DELETE_VAULT: edge(
          { id: "locked.DELETE_VAULT", requirements: ["DV-LOCKED-EMPTY"], expect: ok(204) },
          "absent",
          undefined,
          "dropVault",
        ),
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
      },
    },
  },
});

export type VaultLockMachine = typeof vaultLockMachine;
