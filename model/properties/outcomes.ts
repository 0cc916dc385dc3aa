/**
 * The outcome table: which answers a request may get in each observed lock state, as the documents say
 * (AccessDenied versus InvalidParameterValue exactly by state), and for unspecified behaviour the outcomes the
 * catalogue accepts. A row applies when no policy in force denies the request (`policy-in-force-enforced`
 * covers those) and the URI named the signer's own account.
 */
import type { LockState } from "../machine-types.js";
import { LOCK_OPERATIONS, type OperationName } from "../operations.js";
import { requirement } from "../requirements/index.js";
import { classifyPolicy, type PolicyVerdict } from "../rules.js";
import { treeHash } from "../archive.js";
import { DATA_OPERATIONS, liveLock, observed, outcomeText, policyDenial, recordBefore } from "./observe.js";
import type { Transition, TransitionProperty } from "./types.js";

export interface OutcomeRule {
  operations: readonly OperationName[];
  states: readonly LockState[];
  /** A further condition on the request, in words and as a test. */
  when?: { text: string; holds(t: Transition): boolean };
  accepts: readonly string[];
  requirements: readonly string[];
}

/** The outcomes a catalogue entry accepts for unspecified behaviour, those written `STATUS Code`. */
function acceptsOf(id: string): string[] {
  return (requirement(id).choice?.accepts ?? []).filter((a) => /^\d{3}( [A-Za-z]+)?$/.test(a));
}

const VAULT_OPS: OperationName[] = ["DescribeVault", ...DATA_OPERATIONS];
const PRESENT: LockState[] = ["noLock", "inProgress", "locked"];

const policyIs = (...kinds: PolicyVerdict["kind"][]) => ({
  text: `policy ${kinds.join(" or ")}`,
  holds: (t: Transition) => {
    const operation = t.step!.request.operation;
    return operation.name === "InitiateVaultLock" && kinds.includes(classifyPolicy(operation.policy).kind);
  },
});

const wrongId = {
  text: "an id other than the lock in force's",
  holds: (t: Transition) => {
    const operation = t.step!.request.operation;
    const live = liveLock(recordBefore(t), t.before.now);
    return operation.name === "CompleteVaultLock" && operation.lockId !== live?.lockId;
  },
};

const archiveRequest = (test: (t: Transition, archiveId: string) => boolean, text: string) => ({
  text,
  holds: (t: Transition) => {
    const operation = t.step!.request.operation;
    return operation.name === "DeleteArchive" && test(t, operation.archiveId);
  },
});

/** The table, row by row. */
export const OUTCOME_RULES: readonly OutcomeRule[] = [
  {
    operations: ["InitiateVaultLock"],
    states: ["noLock"],
    when: policyIs("valid"),
    accepts: ["201"],
    requirements: ["INIT-INSTALLS-POLICY", "INIT-POLICY-LIMIT"],
  },
  {
    operations: ["InitiateVaultLock"],
    states: ["noLock"],
    when: policyIs("missing"),
    accepts: acceptsOf("POLICY-MEMBER-MISSING"),
    requirements: ["POLICY-MEMBER-MISSING"],
  },
  {
    operations: ["InitiateVaultLock"],
    states: ["noLock"],
    when: policyIs("invalid"),
    accepts: ["400 InvalidParameterValueException"],
    requirements: ["INIT-POLICY-INVALID"],
  },
  {
    operations: ["InitiateVaultLock"],
    states: ["noLock"],
    when: policyIs("tooLarge"),
    accepts: acceptsOf("INIT-POLICY-SIZE-UNIT"),
    requirements: ["INIT-POLICY-LIMIT", "INIT-POLICY-SIZE-UNIT"],
  },
  {
    operations: ["InitiateVaultLock"],
    states: ["inProgress"],
    when: policyIs("valid"),
    accepts: ["403 AccessDeniedException"],
    requirements: ["INIT-IN-PROGRESS-DENIED", "INIT-NOT-IDEMPOTENT"],
  },
  {
    operations: ["InitiateVaultLock"],
    states: ["locked"],
    when: policyIs("valid"),
    accepts: acceptsOf("INIT-LOCKED-REFUSED"),
    requirements: ["INIT-LOCKED-REFUSED"],
  },
  {
    operations: ["CompleteVaultLock"],
    states: ["inProgress"],
    when: wrongId,
    accepts: ["400 InvalidParameterValueException"],
    requirements: ["COMP-IN-PROGRESS-WRONG-ID", "COMP-STALE-ID-REJECTED"],
  },
  {
    operations: ["CompleteVaultLock"],
    states: ["locked"],
    when: wrongId,
    accepts: ["403 AccessDeniedException"],
    requirements: ["COMP-LOCKED-WRONG-ID-DENIED"],
  },
  {
    operations: ["CompleteVaultLock"],
    states: ["noLock"],
    accepts: acceptsOf("COMP-NO-LOCK"),
    requirements: ["COMP-NO-LOCK"],
  },
  {
    operations: ["AbortVaultLock"],
    states: ["locked"],
    accepts: ["403 AccessDeniedException"],
    requirements: ["ABORT-LOCKED-DENIED"],
  },
  {
    operations: ["AbortVaultLock"],
    states: ["noLock", "inProgress"],
    accepts: ["204"],
    requirements: ["ABORT-IDEMPOTENT", "ABORT-REMOVES-POLICY"],
  },
  {
    operations: ["GetVaultLock"],
    states: ["noLock"],
    accepts: ["404 ResourceNotFoundException"],
    requirements: ["GET-NO-LOCK-NOT-FOUND"],
  },
  {
    operations: ["GetVaultLock"],
    states: ["inProgress", "locked"],
    accepts: ["200"],
    requirements: ["GET-IN-PROGRESS", "GET-LOCKED"],
  },
  {
    operations: LOCK_OPERATIONS,
    states: ["absent"],
    accepts: ["404 ResourceNotFoundException"],
    requirements: ["LOCK-OPS-VAULT-MISSING"],
  },
  {
    operations: VAULT_OPS,
    states: ["absent"],
    accepts: ["404 ResourceNotFoundException"],
    requirements: ["VAULT-OPS-MISSING"],
  },
  {
    operations: ["CreateVault"],
    states: ["absent", ...PRESENT],
    accepts: ["201"],
    requirements: ["CV-CREATES", "CV-IDEMPOTENT"],
  },
  {
    operations: ["DeleteVault"],
    states: ["absent"],
    accepts: acceptsOf("DV-IDEMPOTENT"),
    requirements: ["DV-IDEMPOTENT"],
  },
  {
    operations: ["DeleteVault"],
    states: PRESENT,
    when: { text: "the vault holds archives", holds: (t) => recordBefore(t)!.context.archives.size > 0 },
    accepts: ["400 InvalidParameterValueException"],
    requirements: ["DV-NOT-EMPTY"],
  },
  { operations: ["DescribeVault"], states: PRESENT, accepts: ["200"], requirements: ["DESC-VAULT"] },
  {
    operations: ["UploadArchive"],
    states: PRESENT,
    when: {
      text: "the declared tree hash is not the body's",
      holds: (t) => {
        const operation = t.step!.request.operation;
        return operation.name === "UploadArchive" && operation.treeHash !== treeHash(operation.body);
      },
    },
    accepts: ["400 InvalidParameterValueException"],
    requirements: ["ARCH-TREE-HASH"],
  },
  {
    operations: ["DeleteArchive"],
    states: PRESENT,
    when: archiveRequest((t, id) => recordBefore(t)!.context.archives.has(id), "an archive the vault holds"),
    accepts: ["204"],
    requirements: ["ARCH-DELETE"],
  },
  {
    operations: ["DeleteArchive"],
    states: PRESENT,
    when: archiveRequest(
      (t, id) => t.before.world.archiveHolder(t.step!.vault!.account, id) === undefined,
      "an archive no vault holds",
    ),
    accepts: ["204"],
    requirements: ["ARCH-DELETE-IDEMPOTENT"],
  },
];

/** The rows that apply to a transition: a request on the signer's account that no policy in force denies. */
export function rulesFor(t: Transition): OutcomeRule[] {
  const step = t.step;
  if (!step?.vault || policyDenial(t.before, step)) return [];
  const state = observed(recordBefore(t), t.before.now);
  const name = step.request.operation.name;
  return OUTCOME_RULES.filter(
    (r) => r.operations.includes(name) && r.states.includes(state) && (r.when?.holds(t) ?? true),
  );
}

export const outcomeByState: TransitionProperty = {
  id: "outcome-by-state",
  kind: "transition",
  statement:
    "Every answer is one the outcome table allows for the operation in the vault's observed lock state: AccessDenied and InvalidParameterValue exactly by state as documented, the catalogue's accepted outcomes where the documents are silent.",
  requirements: [...new Set(OUTCOME_RULES.flatMap((r) => r.requirements))],
  violation(t) {
    for (const rule of rulesFor(t)) {
      const got = outcomeText(t.step!.branch);
      if (!rule.accepts.includes(got)) {
        const state = observed(recordBefore(t), t.before.now);
        return `${t.step!.request.operation.name} in ${state}${rule.when ? ` (${rule.when.text})` : ""} answered ${got}, allowed: ${rule.accepts.join(" or ")}`;
      }
    }
    return undefined;
  },
};
