/**
 * Judges one observed answer against the oracle's branches: the outcome (status and code), the parts
 * the answer must have, and the values the model knows (policy, state, dates within a tolerance).
 */
import { formatOutcome, LOCK_TTL_MS, type Branch } from "../model/index.js";
import { formatObserved, type Observed } from "./invoke.js";

export type Verdict = "pass" | "fail" | "notImplemented";

export interface Judgement {
  verdict: Verdict;
  /** The branch the answer matched, when it passed. */
  branch?: Branch;
  /** Why it failed, in one line. */
  detail?: string;
  /** When it passed on status and code but a required header, field or value was wrong. */
  deviation?: string;
  /** The requirements a failure speaks for, when they are not the expected edge's (a reused lock id). */
  blame?: string[];
}

const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
/** Statuses with which an endpoint says it has no such route. */
const NO_ROUTE = new Set([404, 405, 501]);

/** True when `observed` has the branch's status and error code. */
function sameOutcome(observed: Observed, branch: Branch): boolean {
  return observed.status === branch.outcome.status && observed.code === branch.outcome.code && !observed.unrecognized;
}

/** What is wrong with the parts of a successful answer (headers, fields, values), or undefined. */
export function partsMismatch(observed: Observed, branch: Branch, toleranceMs: number): string | undefined {
  const { outcome, requires, response } = branch;
  if (outcome.code) return undefined;
  for (const name of requires?.headers ?? []) if (!observed.headers[name]) return `header ${name} missing`;
  for (const field of requires?.body ?? [])
    if (observed.body?.[field] === undefined) return `body field ${field} missing`;
  for (const field of requires?.bodyAbsent ?? [])
    if (observed.body?.[field] !== undefined && observed.body[field] !== null) return `body field ${field} present`;
  for (const name of ["location", "x-amz-sha256-tree-hash"])
    if (response.headers[name] && observed.headers[name] !== response.headers[name])
      return `${name} ${observed.headers[name]} instead of ${response.headers[name]}`;
  return bodyValues(observed.body ?? {}, response.body ?? {}, toleranceMs);
}

function bodyValues(
  got: Record<string, unknown>,
  want: Record<string, unknown>,
  toleranceMs: number,
): string | undefined {
  for (const field of ["State", "VaultName", "VaultARN"])
    if (want[field] !== undefined && got[field] !== want[field])
      return `${field} ${String(got[field])} instead of ${String(want[field])}`;
  if (typeof want.Policy === "string" && got.Policy !== want.Policy && !sameJson(got.Policy, want.Policy))
    return "Policy differs from the policy installed";
  if (want.Tags !== undefined && JSON.stringify(sorted(got.Tags)) !== JSON.stringify(sorted(want.Tags)))
    return `Tags ${JSON.stringify(got.Tags)} instead of ${JSON.stringify(want.Tags)}`;
  for (const field of ["CreationDate", "ExpirationDate"]) {
    if (typeof want[field] !== "string" || got[field] === undefined) continue;
    if (typeof got[field] !== "string" || !ISO_MS.test(got[field]))
      return `${field} ${String(got[field])} is not ISO 8601 UTC with milliseconds`;
    if (Math.abs(Date.parse(got[field]) - Date.parse(want[field])) > toleranceMs)
      return `${field} ${got[field]} is not near ${want[field]}`;
  }
  if (typeof got.ExpirationDate === "string" && typeof got.CreationDate === "string") {
    const window = Date.parse(got.ExpirationDate) - Date.parse(got.CreationDate);
    if (Math.abs(window - LOCK_TTL_MS) > 1000) return `ExpirationDate is ${window} ms after CreationDate, not 24 h`;
  }
  return undefined;
}

function sorted(value: unknown): unknown {
  return typeof value === "object" && value !== null ? Object.fromEntries(Object.entries(value).sort()) : value;
}

function sameJson(a: unknown, b: string): boolean {
  if (typeof a !== "string") return false;
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}

/**
 * True when the branch accounts for the whole answer: its outcome, and every header, field and value the model
 * knows (an answer the SDK could not read explains nothing). The linearizability check asks this, since values
 * such as a lock's State tell which order happened.
 */
export function explains(observed: Observed, branch: Branch, toleranceMs: number): boolean {
  if (observed.sdkError) return false;
  return sameOutcome(observed, branch) && partsMismatch(observed, branch, toleranceMs) === undefined;
}

/** True when the branch accounts for the answer's status and error code, whatever its headers and values. */
export function explainsOutcome(observed: Observed, branch: Branch): boolean {
  return !observed.sdkError && sameOutcome(observed, branch);
}

/**
 * Finds the branch `observed` fits: status and code decide the verdict; a wrong header, field or value
 * on a matching outcome passes with a `deviation`. A non-AWS "no route" answer is `notImplemented`.
 */
export function judge(observed: Observed, branches: Branch[], toleranceMs: number): Judgement {
  const accepted = [...new Set(branches.map((b) => formatOutcome(b.outcome)))].join(" or ");
  if (observed.transport || observed.sdkError)
    return { verdict: "fail", detail: `expected ${accepted}, ${formatObserved(observed)}` };
  const matching = branches.filter((b) => sameOutcome(observed, b));
  const problems = matching.map((b) => partsMismatch(observed, b, toleranceMs));
  const exact = problems.indexOf(undefined);
  if (exact >= 0) return { verdict: "pass", branch: matching[exact]! };
  if (matching.length) return { verdict: "pass", branch: matching[0]!, deviation: problems[0]! };
  if (observed.unrecognized && NO_ROUTE.has(observed.status))
    return { verdict: "notImplemented", detail: `no such route: ${formatObserved(observed)}; expected ${accepted}` };
  return { verdict: "fail", detail: `expected ${accepted}, answered ${formatObserved(observed)}` };
}
