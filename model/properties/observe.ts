/**
 * How the properties read a vault: its state as a client observes it at the endpoint's clock (an InProgress
 * lock past its 24 hours counts as gone, whether or not the model has retired it yet), the lock in force, and
 * whether a policy in force denies a request. Pure helpers over records and answers; no rule of the machine.
 */
import { GOVERNED_OPERATIONS, policyRequest } from "../authorize.js";
import { LOCK_OPERATIONS, OPERATION_NAMES, type OperationName, type VaultOperation } from "../operations.js";
import type { Branch } from "../oracle.js";
import type { ErrorCode } from "../errors.js";
import { evaluatePolicy } from "../policy/evaluate.js";
import { vaultArn } from "../rules.js";
import type { LockRecord, LockState } from "../machine-types.js";
import type { VaultRecord } from "../world.js";
import type { CheckState, RequestStep, Transition } from "./types.js";

const VAULT_ITSELF: readonly OperationName[] = ["CreateVault", "DeleteVault", "DescribeVault", "ListVaults"];
/** The archive, tag and access-policy operations: every operation but the vault's own and the lock's. */
export const DATA_OPERATIONS: readonly OperationName[] = OPERATION_NAMES.filter(
  (name) => !VAULT_ITSELF.includes(name) && !LOCK_OPERATIONS.includes(name),
);

/** The lock in force: a Locked one, or an InProgress one within its 24 hours. */
export function liveLock(record: VaultRecord | undefined, now: number): LockRecord | undefined {
  const lock = record?.context.lock;
  if (!lock || record.state === "noLock") return undefined;
  return record.state === "locked" || now < lock.expiresAt ? lock : undefined;
}

/** The lock state a client observes: `noLock` for an InProgress lock whose 24 hours are over. */
export function observed(record: VaultRecord | undefined, now: number): LockState {
  if (!record) return "absent";
  return record.state !== "noLock" && !liveLock(record, now) ? "noLock" : record.state;
}

/** The state of vault `key` before and after a transition, each at its own clock. */
export function states(t: Transition, key: string): [LockState, LockState] {
  return [
    observed(t.before.world.records.get(key), t.before.now),
    observed(t.after.world.records.get(key), t.after.now),
  ];
}

const KEYS = new WeakMap<Transition, string[]>();

/** Every vault key either side of a transition. */
export function vaultKeys(t: Transition): string[] {
  let keys = KEYS.get(t);
  if (!keys) {
    const [before, after] = [t.before.world.records, t.after.world.records];
    keys = before === after ? [...before.keys()] : [...new Set([...before.keys(), ...after.keys()])];
    KEYS.set(t, keys);
  }
  return keys;
}

/** True when a client could tell no difference: same observed state and lock in force, same data. */
export function sameObservable(a: VaultRecord | undefined, b: VaultRecord | undefined, now: number): boolean {
  if (a === b) return true;
  if (observed(a, now) !== observed(b, now)) return false;
  if (!a || !b) return true;
  const [la, lb] = [liveLock(a, now), liveLock(b, now)];
  if (la?.lockId !== lb?.lockId || la?.policy !== lb?.policy) return false;
  const [ca, cb] = [a.context, b.context];
  return (
    JSON.stringify([ca.archives, ca.tags, ca.accessPolicy ?? null, ca.lastWriteAt !== undefined]) ===
    JSON.stringify([cb.archives, cb.tags, cb.accessPolicy ?? null, cb.lastWriteAt !== undefined])
  );
}

/** The operation name of a transition's request; undefined for a clock move. */
export const opOf = (t: Transition): OperationName | undefined => t.step?.request.operation.name;

export const succeeded = (branch: Branch): boolean => branch.outcome.code === undefined;

/** `201`, `403 AccessDeniedException`. */
export const outcomeText = (branch: Branch): string =>
  branch.outcome.code ? `${branch.outcome.status} ${branch.outcome.code}` : String(branch.outcome.status);

export const hasCode = (branch: Branch, code: ErrorCode): boolean => branch.outcome.code === code;

/** The addressed vault's record before the step. */
export const recordBefore = (t: Transition): VaultRecord | undefined =>
  t.step?.vault ? t.before.world.records.get(t.step.vault.key) : undefined;

/** The addressed vault's record after the step. */
export const recordAfter = (t: Transition): VaultRecord | undefined =>
  t.step?.vault ? t.after.world.records.get(t.step.vault.key) : undefined;

/**
 * Which policy in force denies a governed request on an existing vault: the live lock policy or the access
 * policy (POL-FULL-EFFECT-IN-PROGRESS, POL-ENFORCED-LOCKED, AP-ENFORCED); undefined when neither does, when
 * the operation is not governed by vault policies (POL-SELF-LOCK, POL-IDENTITY-ONLY) or the vault does not exist.
 */
export function policyDenial(state: CheckState, step: RequestStep): "lock" | "access" | undefined {
  if (!DENIALS.has(step.request)) DENIALS.set(step.request, denialOf(state, step));
  return DENIALS.get(step.request);
}

/** By request: every accepted outcome of a request shares it, and so do the properties that ask. */
const DENIALS = new WeakMap<object, "lock" | "access" | undefined>();

function denialOf(state: CheckState, step: RequestStep): "lock" | "access" | undefined {
  const operation = step.request.operation as VaultOperation;
  const record = step.vault && state.world.records.get(step.vault.key);
  if (!step.vault || !record || !GOVERNED_OPERATIONS.includes(operation.name)) return undefined;
  const lockPolicy = liveLock(record, state.now)?.policy;
  if (lockPolicy === undefined && record.context.accessPolicy === undefined) return undefined;
  const arn = vaultArn(step.request.region, step.vault.account, step.vault.name);
  const request = policyRequest(operation, record.context, {
    signer: step.request.signer,
    now: state.now,
    vaultArn: arn,
  });
  const denies = (policy: string | undefined) =>
    policy !== undefined && evaluatePolicy(policy, request).effect === "Deny";
  if (denies(lockPolicy)) return "lock";
  return denies(record.context.accessPolicy) ? "access" : undefined;
}
