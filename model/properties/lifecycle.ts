/**
 * Safety properties of the lock lifecycle: how a vault enters and leaves InProgress and Locked, which lock id
 * can complete, and what time alone can do. States are read as a client observes them (`observe.ts`).
 */
import { LOCK_TTL_MS } from "../rules.js";
import {
  liveLock,
  observed,
  opOf,
  outcomeText,
  recordAfter,
  recordBefore,
  sameObservable,
  states,
  succeeded,
  vaultKeys,
} from "./observe.js";
import type { Transition, TransitionProperty } from "./types.js";

const lockOf = (t: Transition, key: string, side: "before" | "after") => t[side].world.records.get(key)?.context.lock;

/** Complete's lock id, when the step is a Complete. */
const completeId = (t: Transition): string | undefined =>
  t.step?.request.operation.name === "CompleteVaultLock" ? t.step.request.operation.lockId : undefined;

const lockedIsPermanent: TransitionProperty = {
  id: "locked-is-permanent",
  kind: "transition",
  statement:
    "A Locked vault stays Locked, with the same lock id and policy, for as long as it exists: no request and no clock move changes or removes its lock.",
  requirements: ["LOCKED-IS-PERMANENT", "ABORT-LOCKED-DENIED", "INIT-LOCKED-REFUSED", "POL-ENFORCED-LOCKED"],
  violation(t) {
    for (const key of vaultKeys(t)) {
      const [before, after] = states(t, key);
      if (before !== "locked" || after === "absent") continue;
      const [was, is] = [lockOf(t, key, "before")!, lockOf(t, key, "after")];
      if (after !== "locked" || is?.lockId !== was.lockId || is.policy !== was.policy)
        return `${key} was Locked with ${was.lockId} and is ${after} with ${is?.lockId ?? "no lock"}`;
    }
    return undefined;
  },
};

const oneLockAtATime: TransitionProperty = {
  id: "in-progress-lock-kept",
  kind: "transition",
  statement:
    "An InProgress lock within its 24 hours is never replaced: while the vault stays InProgress its lock id and policy stay the same (a second Initiate is refused; Abort or expiry must come first).",
  requirements: ["INIT-IN-PROGRESS-DENIED", "INIT-NOT-IDEMPOTENT", "INIT-POLICY-LIMIT"],
  violation(t) {
    for (const key of vaultKeys(t)) {
      const [before, after] = states(t, key);
      if (before !== "inProgress" || after !== "inProgress") continue;
      const [was, is] = [lockOf(t, key, "before")!, lockOf(t, key, "after")!];
      if (is.lockId !== was.lockId || is.policy !== was.policy)
        return `${key}: InProgress lock ${was.lockId} became ${is.lockId} by ${opOf(t)}`;
    }
    return undefined;
  },
};

const onlyLiveIdCompletes: TransitionProperty = {
  id: "one-completable-id",
  kind: "transition",
  statement:
    "A vault has at most one lock id that can complete, the one of its lock in force: a Complete succeeds only with that id, and afterwards the vault is Locked under it.",
  requirements: [
    "COMP-LOCKS",
    "COMP-IDEMPOTENT",
    "COMP-IN-PROGRESS-WRONG-ID",
    "COMP-LOCKED-WRONG-ID-DENIED",
    "COMP-NO-LOCK",
  ],
  violation(t) {
    const lockId = completeId(t);
    if (lockId === undefined || !t.step!.vault || !succeeded(t.step!.branch)) return undefined;
    const live = liveLock(recordBefore(t), t.before.now);
    const after = recordAfter(t);
    if (live?.lockId !== lockId)
      return `Complete(${lockId}) answered ${outcomeText(t.step!.branch)} with ${live ? `${live.lockId} in force` : "no lock in force"}`;
    if (after?.state !== "locked" || after.context.lock?.lockId !== lockId)
      return `Complete(${lockId}) answered ${outcomeText(t.step!.branch)} but the vault is ${observed(after, t.after.now)}`;
    return undefined;
  },
};

const retiredNeverCompletes: TransitionProperty = {
  id: "retired-id-never-completes",
  kind: "transition",
  statement:
    "A lock id once retired (aborted, expired, replaced by a later Initiate, or its vault deleted) never completes again: Complete with it is refused.",
  requirements: ["COMP-STALE-ID-REJECTED", "INIT-EXPIRES-AFTER-24H", "ABORT-REMOVES-POLICY"],
  violation(t) {
    const lockId = completeId(t);
    const vault = t.step?.vault;
    if (lockId === undefined || !vault || !succeeded(t.step!.branch)) return undefined;
    const issued = t.before.history.get(vault.key)?.issued ?? [];
    const live = liveLock(recordBefore(t), t.before.now);
    return issued.includes(lockId) && live?.lockId !== lockId
      ? `retired lock id ${lockId} completed (${outcomeText(t.step!.branch)})`
      : undefined;
  },
};

const completeIdempotent: TransitionProperty = {
  id: "complete-idempotent",
  kind: "transition",
  statement:
    "Complete with the id of the lock in force always succeeds with 204: InProgress becomes Locked, and on a Locked vault it changes nothing.",
  requirements: ["COMP-LOCKS", "COMP-IDEMPOTENT"],
  violation(t) {
    const lockId = completeId(t);
    if (lockId === undefined || !t.step!.vault) return undefined;
    const live = liveLock(recordBefore(t), t.before.now);
    if (live?.lockId !== lockId) return undefined;
    const after = recordAfter(t);
    if (t.step!.branch.outcome.status !== 204)
      return `Complete with the id in force answered ${outcomeText(t.step!.branch)}`;
    return after?.state === "locked" && after.context.lock?.lockId === lockId
      ? undefined
      : `Complete with the id in force left the vault ${observed(after, t.after.now)}`;
  },
};

const enteredOnlyBy = (
  id: string,
  state: "inProgress" | "locked",
  operation: "InitiateVaultLock" | "CompleteVaultLock",
  from: "noLock" | "inProgress",
): ((t: Transition) => string | undefined) =>
  function violation(t) {
    for (const key of vaultKeys(t)) {
      const [before, after] = states(t, key);
      if (after !== state || before === state) continue;
      const ok = opOf(t) === operation && t.step!.vault?.key === key && succeeded(t.step!.branch) && before === from;
      if (!ok) return `${key} went ${before} → ${state} by ${opOf(t) ?? "the clock"} (${id})`;
    }
    return undefined;
  };

const onlyInitiateStartsLock: TransitionProperty = {
  id: "only-initiate-enters-in-progress",
  kind: "transition",
  statement:
    "Only a successful Initiate on that vault takes it from no lock to InProgress, and it installs exactly the policy it was sent, with the lock id it answered, for 24 hours.",
  requirements: ["INIT-INSTALLS-POLICY", "INIT-REPEATABLE", "GET-POLICY-ROUNDTRIP"],
  violation(t) {
    const entered = enteredOnlyBy("only-initiate-enters-in-progress", "inProgress", "InitiateVaultLock", "noLock")(t);
    if (entered || opOf(t) !== "InitiateVaultLock" || !succeeded(t.step!.branch)) return entered;
    const operation = t.step!.request.operation as { policy?: string };
    const lock = recordAfter(t)?.context.lock;
    const answered = t.step!.branch.response.headers["x-amz-lock-id"];
    if (!lock || lock.policy !== operation.policy)
      return "a successful Initiate did not install the policy it was sent";
    if (lock.lockId !== answered) return `Initiate answered lock id ${answered} but installed ${lock.lockId}`;
    return lock.expiresAt - lock.createdAt === LOCK_TTL_MS && lock.createdAt === t.before.now
      ? undefined
      : "the new lock does not last 24 hours from the Initiate";
  },
};

const onlyCompleteLocks: TransitionProperty = {
  id: "only-complete-enters-locked",
  kind: "transition",
  statement: "Only a successful Complete on an InProgress vault makes it Locked.",
  requirements: ["COMP-LOCKS", "INIT-LOCKED-REFUSED"],
  violation: enteredOnlyBy("only-complete-enters-locked", "locked", "CompleteVaultLock", "inProgress"),
};

const timeOnlyExpires: TransitionProperty = {
  id: "time-only-expires",
  kind: "transition",
  statement:
    "Time passing alone can only move InProgress to no lock, and only once the lock's 24 hours are over: a clock move changes nothing else a client can observe.",
  requirements: ["INIT-EXPIRES-AFTER-24H", "INIT-EXPIRY-BOUNDARY", "LOCKED-IS-PERMANENT"],
  violation(t) {
    if (t.advancedMs === undefined) return undefined;
    for (const key of vaultKeys(t)) {
      const [was, is] = [t.before.world.records.get(key), t.after.world.records.get(key)];
      const [before, after] = states(t, key);
      const expired = before === "inProgress" && after === "noLock" && t.after.now >= was!.context.lock!.expiresAt;
      if (!sameObservable(was, is, t.before.now) || (before !== after && !expired))
        return `${key} went ${before} → ${after} with the clock alone`;
    }
    return undefined;
  },
};

/** The lifecycle properties. */
export const LIFECYCLE_PROPERTIES: readonly TransitionProperty[] = [
  lockedIsPermanent,
  oneLockAtATime,
  onlyLiveIdCompletes,
  retiredNeverCompletes,
  completeIdempotent,
  onlyInitiateStartsLock,
  onlyCompleteLocks,
  timeOnlyExpires,
];
