/**
 * Evaluates a vault policy (lock or access policy) for one request: which statements apply (Principal,
 * Action/NotAction, Resource/NotResource with wildcards, Condition) and the decision: an explicit Deny beats any
 * Allow (POL-ALLOW-AND-DENY). Pure; the caller supplies the request context (archive age, tags, current time).
 */
import { conditionHolds, wildcard, type RequestContext } from "./conditions.js";

export interface PolicyRequest {
  /** The caller's 12-digit account id, and its principal ARN when it is not the root. */
  account: string;
  principalArn?: string;
  /** e.g. `glacier:DeleteArchive`. */
  action: string;
  /** The vault ARN. */
  resource: string;
  context: RequestContext;
}

export type Decision = { effect: "Deny" | "Allow"; sid?: string } | { effect: "NotApplicable" };

interface Statement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: unknown;
}

const list = (value: unknown): string[] =>
  value === undefined ? [] : (Array.isArray(value) ? value : [value]).map(String);

function principalMatches(principal: unknown, request: PolicyRequest): boolean {
  if (principal === "*") return true;
  if (typeof principal !== "object" || principal === null) return false;
  return list((principal as Record<string, unknown>).AWS).some(
    (p) =>
      p === "*" ||
      p === request.account ||
      p === `arn:aws:iam::${request.account}:root` ||
      (request.principalArn !== undefined && p === request.principalArn),
  );
}

const actionMatches = (patterns: string[], action: string) => patterns.some((p) => wildcard(p, "i").test(action));
const resourceMatches = (patterns: string[], resource: string) => patterns.some((p) => wildcard(p).test(resource));

/** True when the statement applies to the request. */
export function statementApplies(statement: Statement, request: PolicyRequest): boolean {
  if (!principalMatches(statement.Principal, request)) return false;
  const action =
    statement.Action !== undefined
      ? actionMatches(list(statement.Action), request.action)
      : !actionMatches(list(statement.NotAction), request.action);
  if (!action) return false;
  const resource =
    statement.Resource !== undefined
      ? resourceMatches(list(statement.Resource), request.resource)
      : !resourceMatches(list(statement.NotResource), request.resource);
  return resource && conditionHolds(statement.Condition, request.context);
}

/** Parsed statements of the documents seen last (a vault's policy is read on every request it governs). */
const PARSED = new Map<string, Statement[]>();

function statementsOf(policy: string): Statement[] {
  let statements = PARSED.get(policy);
  if (!statements) {
    const document = JSON.parse(policy) as { Statement?: unknown };
    statements = (Array.isArray(document.Statement) ? document.Statement : [document.Statement]) as Statement[];
    if (PARSED.size >= 64) PARSED.delete(PARSED.keys().next().value!);
    PARSED.set(policy, statements);
  }
  return statements;
}

/** The decision of one policy document (a JSON string) for the request. */
export function evaluatePolicy(policy: string, request: PolicyRequest): Decision {
  const statements = statementsOf(policy);
  const applying = statements.filter((s) => s && statementApplies(s, request));
  const deny = applying.find((s) => s.Effect === "Deny");
  if (deny) return { effect: "Deny", ...(deny.Sid ? { sid: deny.Sid } : {}) };
  const allow = applying.find((s) => s.Effect === "Allow");
  return allow ? { effect: "Allow", ...(allow.Sid ? { sid: allow.Sid } : {}) } : { effect: "NotApplicable" };
}

/** The combined decision of several policies (lock policy and access policy): a Deny in either wins. */
export function combine(decisions: Decision[]): Decision {
  return (
    decisions.find((d) => d.effect === "Deny") ??
    decisions.find((d) => d.effect === "Allow") ?? { effect: "NotApplicable" }
  );
}

/** A request context from plain entries, with key names lower-cased (condition keys are case-insensitive). */
export function contextOf(entries: Record<string, string | string[]>): RequestContext {
  return new Map(Object.entries(entries).map(([k, v]) => [k.toLowerCase(), v]));
}
