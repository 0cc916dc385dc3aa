/**
 * Safety properties of single requests: what a refusal or a read may change, when a policy in force bites,
 * what the data operations may touch, how vaults come and go, account isolation, and what Get and Initiate
 * answer. Each reads the world before and after one accepted outcome (`observe.ts`).
 */
import { ERRORS } from "../errors.js";
import { LOCK_TTL_MS, isoDate } from "../rules.js";
import { GOVERNED_OPERATIONS } from "../authorize.js";
import type { OperationName } from "../operations.js";
import {
  DATA_OPERATIONS,
  hasCode,
  liveLock,
  opOf,
  outcomeText,
  policyDenial,
  recordAfter,
  recordBefore,
  sameObservable,
  states,
  succeeded,
  vaultKeys,
} from "./observe.js";
import type { Transition, TransitionProperty } from "./types.js";

const READS: readonly OperationName[] = [
  "DescribeVault",
  "GetVaultLock",
  "ListVaults",
  "ListTagsForVault",
  "GetVaultAccessPolicy",
];

/** The first vault a client could see changed by the step, if any. */
function changedVault(t: Transition): string | undefined {
  return vaultKeys(t).find(
    (key) => !sameObservable(t.before.world.records.get(key), t.after.world.records.get(key), t.after.now),
  );
}

const refusalsChangeNothing: TransitionProperty = {
  id: "refusal-changes-nothing",
  kind: "transition",
  statement:
    "Every refusal and every read leaves every vault as a client sees it: the only change such a request may make is retiring a lock whose 24 hours are over.",
  requirements: [
    "INIT-IN-PROGRESS-DENIED",
    "INIT-LOCKED-REFUSED",
    "COMP-NO-LOCK",
    "ABORT-LOCKED-DENIED",
    "DV-NOT-EMPTY",
    "CV-IDEMPOTENT",
  ],
  violation(t) {
    const step = t.step;
    if (!step || (succeeded(step.branch) && !READS.includes(step.request.operation.name))) return undefined;
    const changed = changedVault(t);
    return changed ? `${outcomeText(step.branch)} to ${opOf(t)} changed ${changed}` : undefined;
  },
};

const policyInForce: TransitionProperty = {
  id: "policy-in-force-enforced",
  kind: "transition",
  statement:
    "A Deny in the lock policy is enforced in every InProgress and Locked state and in none after Abort or expiry; a Deny in the access policy always; either refuses with 403 AccessDenied. Lock operations, CreateVault and ListVaults are never governed by them, and with no Deny in force no refusal is forced.",
  requirements: [
    "POL-FULL-EFFECT-IN-PROGRESS",
    "POL-ENFORCED-LOCKED",
    "POL-GONE-AFTER-ABORT-OR-EXPIRY",
    "AP-ENFORCED",
    "AP-DENY-WINS",
    "POL-SELF-LOCK",
    "POL-IDENTITY-ONLY",
    "POL-TAG-CONDITIONS-LIVE",
  ],
  violation(t) {
    const step = t.step;
    if (!step?.vault) return undefined;
    const denial = policyDenial(t.before, step);
    if (denial && !hasCode(step.branch, "AccessDeniedException"))
      return `the ${denial} policy in force denies ${opOf(t)} but it answered ${outcomeText(step.branch)}`;
    const governed = GOVERNED_OPERATIONS.includes(step.request.operation.name);
    if (!denial && governed && step.branches.every((b) => hasCode(b, "AccessDeniedException")))
      return `no policy in force denies ${opOf(t)} but every accepted answer is 403 AccessDenied`;
    return undefined;
  },
};

const dataKeepsLock: TransitionProperty = {
  id: "data-operations-keep-lock",
  kind: "transition",
  statement:
    "Archive, tag and access-policy operations never change a lock: every vault keeps its observed lock state, its lock in force and its lock policy.",
  requirements: ["LOCK-UNTOUCHED-BY-DATA", "AP-INDEPENDENT"],
  violation(t) {
    const name = opOf(t);
    if (!name || !DATA_OPERATIONS.includes(name)) return undefined;
    for (const key of vaultKeys(t)) {
      const [was, is] = [t.before.world.records.get(key), t.after.world.records.get(key)];
      const [before, after] = states(t, key);
      const [la, lb] = [liveLock(was, t.after.now), liveLock(is, t.after.now)];
      if (before !== after) return `${name} moved ${key} from ${before} to ${after}`;
      if (la?.lockId !== lb?.lockId || la?.policy !== lb?.policy) return `${name} changed the lock of ${key}`;
    }
    return undefined;
  },
};

const vaultsComeAndGo: TransitionProperty = {
  id: "vault-created-and-deleted-only-by-request",
  kind: "transition",
  statement:
    "A vault appears only by a successful CreateVault on it, new and without a lock; it disappears only by DeleteVault on it; and a DeleteVault that succeeds on an existing vault removes it, lock and all.",
  requirements: ["CV-CREATES", "CV-NEW-VAULT-UNLOCKED", "DV-DELETES", "DV-LOCKED-EMPTY", "DV-IN-PROGRESS"],
  violation(t) {
    const target = t.step?.vault?.key;
    for (const key of vaultKeys(t)) {
      const [before, after] = states(t, key);
      if (before === "absent" && after !== "absent") {
        const fresh = recordAfter(t)?.context;
        if (opOf(t) !== "CreateVault" || target !== key || !succeeded(t.step!.branch))
          return `${key} appeared by ${opOf(t) ?? "the clock"}`;
        if (after !== "noLock" || fresh!.archives.size || fresh!.accessPolicy)
          return `${key} was created ${after}, not empty`;
      }
      if (before !== "absent" && after === "absent" && (opOf(t) !== "DeleteVault" || target !== key))
        return `${key} disappeared by ${opOf(t) ?? "the clock"}`;
    }
    const deleted = opOf(t) === "DeleteVault" && recordBefore(t) && succeeded(t.step!.branch);
    return deleted && recordAfter(t)
      ? `DeleteVault answered ${outcomeText(t.step!.branch)} but ${target} is still there`
      : undefined;
  },
};

const accountIsolation: TransitionProperty = {
  id: "account-isolation",
  kind: "transition",
  statement:
    "A request whose URI names another account is refused with 403 AccessDenied and changes nothing; any request changes only vaults of the account that signed it.",
  requirements: ["ACCT-MISMATCH-DENIED", "ACCT-ISOLATION", "ACCT-DASH-OR-OWN"],
  violation(t) {
    const step = t.step;
    if (!step) return undefined;
    const { accountId } = step.request.operation;
    const foreign = accountId !== "-" && accountId !== step.request.signer;
    if (foreign && !hasCode(step.branch, "AccessDeniedException"))
      return `${opOf(t)} naming account ${accountId}, signed by ${step.request.signer}, answered ${outcomeText(step.branch)}`;
    const changed = vaultKeys(t).find((key) => t.before.world.records.get(key) !== t.after.world.records.get(key));
    if (changed && (foreign || !changed.startsWith(`${step.request.signer}/`)))
      return `${opOf(t)} signed by ${step.request.signer} changed ${changed}`;
    return undefined;
  },
};

const lockIdsFresh: TransitionProperty = {
  id: "lock-id-fresh",
  kind: "transition",
  statement: "Every successful Initiate answers a lock id this vault name was never given before.",
  requirements: ["INIT-LOCK-ID-UNIQUE", "INIT-LOCK-ID-FORMAT"],
  violation(t) {
    if (opOf(t) !== "InitiateVaultLock" || !succeeded(t.step!.branch) || !t.step!.vault) return undefined;
    const id = t.step!.branch.response.headers["x-amz-lock-id"] ?? "";
    const issued = t.before.history.get(t.step!.vault.key)?.issued ?? [];
    return id === "" || issued.includes(id) ? `Initiate answered lock id "${id}" again` : undefined;
  },
};

const getReportsLock: TransitionProperty = {
  id: "get-reports-lock-in-force",
  kind: "transition",
  statement:
    "A GetVaultLock that succeeds describes the lock in force: its policy, State InProgress with ExpirationDate = CreationDate + 24 h, or State Locked without ExpirationDate.",
  requirements: [
    "GET-IN-PROGRESS",
    "GET-LOCKED",
    "GET-LOCKED-EXPIRATION",
    "GET-NO-LOCK-NOT-FOUND",
    "GET-POLICY-ROUNDTRIP",
    "INIT-EXPIRES-AFTER-24H",
  ],
  violation(t) {
    if (opOf(t) !== "GetVaultLock" || !succeeded(t.step!.branch)) return undefined;
    const live = liveLock(recordBefore(t), t.before.now);
    const body = t.step!.branch.response.body ?? {};
    if (!live) return `Get answered ${outcomeText(t.step!.branch)} with no lock in force`;
    const state = recordBefore(t)!.state === "locked" ? "Locked" : "InProgress";
    const expiration = state === "InProgress" ? isoDate(live.createdAt + LOCK_TTL_MS) : undefined;
    const wanted = {
      Policy: live.policy,
      State: state,
      CreationDate: isoDate(live.createdAt),
      ExpirationDate: expiration,
    };
    const wrong = Object.entries(wanted).find(([k, v]) => body[k] !== v);
    return wrong
      ? `Get's ${wrong[0]} is ${JSON.stringify(body[wrong[0]])}, not ${JSON.stringify(wrong[1])}`
      : undefined;
  },
};

const outcomesTotal: TransitionProperty = {
  id: "answers-total",
  kind: "transition",
  statement:
    "Every request gets at least one accepted answer, and every error answer carries its code's status from the error table.",
  requirements: ["ERR-STATUS-TABLE"],
  violation(t) {
    const step = t.step;
    if (!step) return undefined;
    const { outcome, response } = step.branch;
    if (response.status !== outcome.status) return `answer status ${response.status}, outcome ${outcome.status}`;
    return outcome.code && ERRORS[outcome.code].status !== outcome.status
      ? `${outcome.code} with status ${outcome.status}`
      : undefined;
  },
};

/** The request-level properties. */
export const REQUEST_PROPERTIES: readonly TransitionProperty[] = [
  refusalsChangeNothing,
  policyInForce,
  dataKeepsLock,
  vaultsComeAndGo,
  accountIsolation,
  lockIdsFresh,
  getReportsLock,
  outcomesTotal,
];
