/**
 * Builders of the machine's transitions: each returns XState transition configs whose `meta` is the
 * EdgeMeta (edge id, requirement ids, chosen outcome, accepted alternatives, required response parts).
 */
import type { dataGuards, dataUpdates } from "./data-rules.js";
import type { EdgeMeta, LockState } from "./machine-types.js";
import { err, ok } from "./outcome.js";

export const NOT_FOUND = "Vault not found for ARN";

/** Guard names: the lock guards of `machine.ts` and the data guards of `data-rules.ts`. */
type GuardName =
  | "policyMissing"
  | "policyTooLarge"
  | "policyInvalid"
  | "policySizeAmbiguous"
  | "policyRejected"
  | "isCurrentLockId"
  | "isRetiredLockId"
  | "lockExpired"
  | keyof typeof dataGuards;
/** Context update names: the lock updates of `machine.ts` and the data updates of `data-rules.ts`. */
type UpdateName = "createVault" | "dropVault" | "installLock" | "retireLock" | keyof typeof dataUpdates;

/** One transition: target, guard and context update by name, and its meaning as `meta`. */
export function edge(meta: EdgeMeta, target?: LockState, guard?: GuardName, update?: UpdateName) {
  const mark = { type: "mark" as const, params: { id: meta.id } };
  const actions = update ? [update, mark] : [mark];
  return { target, guard, actions, meta };
}

export const missing = (id: string, event: string) =>
  edge({
    id,
    requirements: [event === "DESCRIBE_VAULT" ? "VAULT-OPS-MISSING" : "LOCK-OPS-VAULT-MISSING"],
    expect: err("ResourceNotFoundException"),
    reason: NOT_FOUND,
  });

export const created = (state: LockState) =>
  edge({
    id: `${state}.CREATE_VAULT`,
    requirements: ["CV-IDEMPOTENT"],
    expect: ok(201),
    requires: { headers: ["location"] },
  });

export const described = (state: LockState) =>
  edge({
    id: `${state}.DESCRIBE_VAULT`,
    requirements: ["DESC-VAULT", "DESC-BEFORE-INVENTORY"],
    expect: ok(200),
    requires: { body: ["VaultARN", "VaultName", "CreationDate"], bodyAbsent: ["State", "Policy"] },
  });

export const GET_BODY = ["Policy", "State", "CreationDate"];

/** Initiate edges of a vault whose lock is InProgress or Locked: always refused. */
export function initiateRefused(state: "inProgress" | "locked") {
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
export function completeWithoutLock() {
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

/** Initiate edges of a vault with no lock: each policy verdict of `classifyPolicy`. */
export function initiateOnUnlocked() {
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
        requirements: ["POLICY-MEMBER-MISSING"],
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
        reason: "The specified vault lock policy is invalid",
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
