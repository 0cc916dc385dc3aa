/**
 * Evaluates a vault policy (lock or access policy) for one request: which statements apply (Principal,
 * Action/NotAction, Resource/NotResource with wildcards, Condition) and the decision: an explicit Deny beats any
 * Allow (POL-ALLOW-AND-DENY). Policy variables are resolved under Version 2012-10-17 (POL-VARIABLES). Pure; the
 * caller supplies the request context (archive age, tags, current time).
 */
import { recent } from "../memo.js";
import { conditionHolds, lookupIn, type RequestContext } from "./conditions.js";
import { patternOf, VARIABLES_VERSION, type Lookup } from "./variables.js";

export interface PolicyRequest {
  /**
   * The caller's 12-digit account id, and its principal ARN when it is not the root; no account: an unsigned
   * request, which matches only the `*` principal.
   */
  account?: string;
  principalArn?: string;
  /** e.g. `glacier:DeleteArchive`. */
  action: string;
  /** The vault ARN. */
  resource: string;
  context: RequestContext;
}

/** The decision, with the deciding statement: its position in the document (0-based) and its Sid. */
export type Decision = { effect: "Deny" | "Allow"; statement: number; sid?: string } | { effect: "NotApplicable" };

export interface Statement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: unknown;
}

/** The strings of a policy element that is one string or a list; none when absent. */
export const list = (value: unknown): string[] =>
  value === undefined ? [] : (Array.isArray(value) ? value : [value]).map(String);

/** True when a Principal element names the request's caller (`*` names everyone, the unsigned included). */
export function principalMatches(
  principal: unknown,
  request: Pick<PolicyRequest, "account" | "principalArn">,
): boolean {
  if (principal === "*") return true;
  if (typeof principal !== "object" || principal === null) return false;
  return list((principal as Record<string, unknown>).AWS).some(
    (p) =>
      p === "*" ||
      (request.account !== undefined && (p === request.account || p === `arn:aws:iam::${request.account}:root`)) ||
      (request.principalArn !== undefined && p === request.principalArn),
  );
}

/** True when one of the Action patterns names `action` (case-insensitive, `*` and `?` wildcards). */
export const actionMatches = (patterns: string[], action: string) =>
  patterns.some((p) => patternOf(p, undefined, "i")!.test(action));
/** True when one of the Resource patterns names `resource` (case-sensitive, variables resolved by `lookup`). */
export const resourceMatches = (patterns: string[], resource: string, lookup?: Lookup) =>
  patterns.some((p) => patternOf(p, lookup)?.test(resource) ?? false);

/**
 * True when the statement applies to the request. `version` is the document's Version: policy variables are
 * resolved only under 2012-10-17.
 */
export function statementApplies(statement: Statement, request: PolicyRequest, version?: unknown): boolean {
  if (!principalMatches(statement.Principal, request)) return false;
  const action =
    statement.Action !== undefined
      ? actionMatches(list(statement.Action), request.action)
      : !actionMatches(list(statement.NotAction), request.action);
  if (!action) return false;
  const variables = version === VARIABLES_VERSION;
  const lookup = variables ? lookupIn(request.context) : undefined;
  const resource =
    statement.Resource !== undefined
      ? resourceMatches(list(statement.Resource), request.resource, lookup)
      : !resourceMatches(list(statement.NotResource), request.resource, lookup);
  return resource && conditionHolds(statement.Condition, request.context, variables);
}

/** A policy document's statements and Version. */
export interface ParsedPolicy {
  version: unknown;
  statements: Statement[];
}

/**
 * The statements (one or a list) and Version of a policy document; throws SyntaxError when it is not JSON. Recent
 * documents are kept parsed: a vault's policy is read on every request it governs.
 */
export const parsePolicy = recent(64, (policy: string): ParsedPolicy => {
  const document = JSON.parse(policy) as { Statement?: unknown; Version?: unknown };
  const statements = (Array.isArray(document.Statement) ? document.Statement : [document.Statement]) as Statement[];
  return { version: document.Version, statements };
});

/** The decision of one policy document (a JSON string) for the request. */
export function evaluatePolicy(policy: string, request: PolicyRequest): Decision {
  const { version, statements } = parsePolicy(policy);
  const applying = statements.flatMap((s, index) => (s && statementApplies(s, request, version) ? [index] : []));
  const decide = (effect: "Deny" | "Allow"): Decision | undefined => {
    const index = applying.find((i) => statements[i]!.Effect === effect);
    if (index === undefined) return undefined;
    const sid = statements[index]!.Sid;
    return { effect, statement: index, ...(sid ? { sid } : {}) };
  };
  return decide("Deny") ?? decide("Allow") ?? { effect: "NotApplicable" };
}

/** A request context from plain entries, with key names lower-cased (condition keys are case-insensitive). */
export function contextOf(entries: Record<string, string | string[]>): RequestContext {
  return new Map(Object.entries(entries).map(([k, v]) => [k.toLowerCase(), v]));
}
