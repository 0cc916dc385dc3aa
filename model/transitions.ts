/**
 * Builders of the machine's transitions: each returns XState transition configs whose `meta` is the
 * EdgeMeta (edge id, requirement ids, chosen outcome, accepted alternatives, required response parts).
 */
import type { dataGuards, dataUpdates } from "./data-rules.js";
import type { lockGuards, lockUpdates } from "./lock-rules.js";
import type { SubresourceGuard, SubresourceUpdate } from "./subresources/index.js";
import type { EdgeMeta, LockState } from "./machine-types.js";
import { err, ok } from "./outcome.js";

export const NOT_FOUND = "Vault not found for ARN";

/** A guard's name: one of `lockGuards`, `dataGuards` or a subresource's guards, the only place each is named. */
export type GuardName = keyof typeof lockGuards | keyof typeof dataGuards | SubresourceGuard;
/** A context update's name: one of `lockUpdates`, `dataUpdates` or a subresource's updates. */
export type UpdateName = keyof typeof lockUpdates | keyof typeof dataUpdates | SubresourceUpdate;

/** A state in which the vault exists. */
export type Present = Exclude<LockState, "absent">;

/**
 * For the data transitions of `state`: each edge's id, and the requirement its success adds once a lock exists
 * (`extra`, LOCK-UNTOUCHED-BY-DATA by default), none while there is no lock.
 */
export function dataEdgeNaming(state: Present, extra = "LOCK-UNTOUCHED-BY-DATA") {
  return { id: (name: string) => `${state}.${name}`, untouched: state === "noLock" ? [] : [extra] };
}

/** One transition in XState's object form: target, guard and context update by name, its meaning as `meta`. */
export interface Transition {
  target?: LockState;
  guard?: GuardName;
  actions?: UpdateName;
  meta: EdgeMeta;
}

export const missing = (id: string, event: string): Transition => ({
  meta: {
    id,
    requirements: [event === "DESCRIBE_VAULT" ? "VAULT-OPS-MISSING" : "LOCK-OPS-VAULT-MISSING"],
    expect: err("ResourceNotFoundException"),
    reason: NOT_FOUND,
  },
});

export const created = (state: LockState): Transition => ({
  meta: {
    id: `${state}.CREATE_VAULT`,
    requirements: ["CV-IDEMPOTENT"],
    expect: ok(201),
    requires: { headers: ["location"] },
  },
});

export const described = (state: LockState): Transition => ({
  meta: {
    id: `${state}.DESCRIBE_VAULT`,
    requirements: ["DESC-VAULT", "DESC-BEFORE-INVENTORY"],
    expect: ok(200),
    requires: { body: ["VaultARN", "VaultName", "CreationDate"], bodyAbsent: ["State", "Policy"] },
  },
});

export const GET_BODY = ["Policy", "State", "CreationDate"];

/** Initiate edges of a vault whose lock is InProgress or Locked: always refused. */
export function initiateRefused(state: "inProgress" | "locked"): Transition[] {
  const stateRequirement =
    state === "inProgress"
      ? ["INIT-IN-PROGRESS-DENIED", "INIT-NOT-IDEMPOTENT"]
      : ["INIT-LOCKED-REFUSED", "LOCKED-IS-PERMANENT"];
  const lockedAlternative = state === "locked" ? [err("InvalidParameterValueException")] : [];
  const reason = `Vault lock is ${state === "inProgress" ? "InProgress; abort it first" : "Locked"}`;
  return [
    {
      guard: "policyRejected",
      meta: {
        id: `${state}.INITIATE.badPolicy`,
        requirements: [...stateRequirement, "INIT-STATE-BEFORE-VALIDATION"],
        expect: err("AccessDeniedException"),
        alternatives: [err("InvalidParameterValueException"), err("MissingParameterValueException")],
        reason,
      },
    },
    {
      meta: {
        id: `${state}.INITIATE.validPolicy`,
        requirements: stateRequirement,
        expect: err("AccessDeniedException"),
        alternatives: lockedAlternative,
        reason,
      },
    },
  ];
}

/** Complete edges on a vault with no lock: refused whatever the id (COMP-NO-LOCK). */
export function completeWithoutLock(): Transition[] {
  const alternatives = [err("AccessDeniedException"), err("ResourceNotFoundException")];
  const reason = "No vault lock is in progress";
  return [
    {
      guard: "isRetiredLockId",
      meta: {
        id: "noLock.COMPLETE.retiredId",
        requirements: ["COMP-NO-LOCK", "COMP-STALE-ID-REJECTED"],
        expect: err("InvalidParameterValueException"),
        alternatives,
        reason,
      },
    },
    {
      meta: {
        id: "noLock.COMPLETE.randomId",
        requirements: ["COMP-NO-LOCK"],
        expect: err("InvalidParameterValueException"),
        alternatives,
        reason,
      },
    },
  ];
}

/** Initiate edges of a vault with no lock: each policy verdict of `classifyPolicy`. */
export function initiateOnUnlocked(): Transition[] {
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
    {
      guard: "policyMissing",
      meta: {
        id: "noLock.INITIATE.missingPolicy",
        requirements: ["POLICY-MEMBER-MISSING"],
        expect: err("MissingParameterValueException"),
        alternatives: [err("InvalidParameterValueException")],
        reason: "Required parameter missing: Policy",
      },
    },
    {
      guard: "policyTooLarge",
      meta: {
        id: "noLock.INITIATE.tooLarge",
        requirements: ["INIT-POLICY-LIMIT", "INIT-POLICY-SIZE-UNIT"],
        expect: sizeRefusals[0]!,
        alternatives: sizeRefusals.slice(1),
        reason: "Vault lock policy is larger than 20 KB",
      },
    },
    {
      guard: "policyInvalid",
      meta: {
        id: "noLock.INITIATE.invalidPolicy",
        requirements: ["INIT-POLICY-INVALID", "INIT-POLICY-RULES"],
        expect: err("InvalidParameterValueException"),
        reason: "The specified vault lock policy is invalid",
      },
    },
    {
      target: "inProgress",
      guard: "policySizeAmbiguous",
      actions: "installLock",
      meta: {
        id: "noLock.INITIATE.sizeAmbiguous",
        requirements: [...installs, "INIT-POLICY-SIZE-UNIT"],
        expect: ok(201),
        alternatives: sizeRefusals,
        requires,
      },
    },
    {
      target: "inProgress",
      actions: "installLock",
      meta: {
        id: "noLock.INITIATE.valid",
        requirements: [...installs, "POL-RESOURCE-MATCH"],
        expect: ok(201),
        requires,
      },
    },
  ];
}
