/**
 * IAM condition operators for the subset vault policies use (POL-CONDITION-KEY-CASE, POL-RETENTION-EXAMPLE,
 * POL-LEGAL-HOLD-EXAMPLE): String*, Numeric*, Date*, Bool, Null, the `…IfExists` suffix and the
 * `ForAnyValue:` / `ForAllValues:` set qualifiers. Condition key names compare case-insensitively.
 *
 * Rules (IAM User Guide, condition operators): a key absent from the request makes a positive operator false
 * and a negated one true, except with IfExists (true when absent) and Null (tests presence). Several policy
 * values are alternatives (OR); for a negated operator none may match (AND).
 */

/** Request context: lower-cased key → one value or several (multi-value keys). */
export type RequestContext = ReadonlyMap<string, string | readonly string[]>;

type Compare = (request: string, policy: string) => boolean;

const wildcard = (pattern: string, flags = "") =>
  new RegExp(
    `^${pattern
      .split(/([*?])/)
      .map((part) => (part === "*" ? ".*" : part === "?" ? "." : part.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
      .join("")}$`,
    flags,
  );

const number = (text: string) => (/^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : Number.NaN);
const date = (text: string) => (/^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text));
const numeric =
  (test: (a: number, b: number) => boolean): Compare =>
  (r, p) => {
    const [a, b] = [number(r), number(p)];
    return !Number.isNaN(a) && !Number.isNaN(b) && test(a, b);
  };
const dated =
  (test: (a: number, b: number) => boolean): Compare =>
  (r, p) => {
    const [a, b] = [date(r), date(p)];
    return !Number.isNaN(a) && !Number.isNaN(b) && test(a, b);
  };

/** Positive operators and how a request value compares with one policy value. */
const POSITIVE: Record<string, Compare> = {
  stringequals: (r, p) => r === p,
  stringequalsignorecase: (r, p) => r.toLowerCase() === p.toLowerCase(),
  stringlike: (r, p) => wildcard(p).test(r),
  numericequals: numeric((a, b) => a === b),
  numericlessthan: numeric((a, b) => a < b),
  numericlessthanequals: numeric((a, b) => a <= b),
  numericgreaterthan: numeric((a, b) => a > b),
  numericgreaterthanequals: numeric((a, b) => a >= b),
  dateequals: dated((a, b) => a === b),
  datelessthan: dated((a, b) => a < b),
  datelessthanequals: dated((a, b) => a <= b),
  dategreaterthan: dated((a, b) => a > b),
  dategreaterthanequals: dated((a, b) => a >= b),
  bool: (r, p) => r.toLowerCase() === p.toLowerCase(),
};

/** Negated operators: the positive operator they deny. */
const NEGATED: Record<string, string> = {
  stringnotequals: "stringequals",
  stringnotequalsignorecase: "stringequalsignorecase",
  stringnotlike: "stringlike",
  numericnotequals: "numericequals",
  datenotequals: "dateequals",
};

export class UnsupportedCondition extends Error {}

function values(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map((v) => String(v));
}

/** Why a Condition block cannot be evaluated (not an object, an operator outside the subset), or undefined. */
export function conditionProblem(condition: unknown): string | undefined {
  if (condition === undefined) return undefined;
  if (typeof condition !== "object" || condition === null || Array.isArray(condition))
    return "a Condition is not a JSON object";
  for (const [operator, keys] of Object.entries(condition)) {
    if (typeof keys !== "object" || keys === null || Array.isArray(keys))
      return `${operator} does not map keys to values`;
    const name = operator
      .toLowerCase()
      .replace(/^(foranyvalue|forallvalues):/, "")
      .replace(/ifexists$/, "");
    if (name !== "null" && !POSITIVE[NEGATED[name] ?? name]) return `condition operator ${operator} is not supported`;
  }
  return undefined;
}

/** True when one `operator: { key: values }` entry holds for the request. */
export function operatorHolds(operator: string, keys: Record<string, unknown>, context: RequestContext): boolean {
  let name = operator.toLowerCase();
  let set: "any" | "all" | undefined;
  if (name.startsWith("foranyvalue:")) [set, name] = ["any", name.slice(12)];
  else if (name.startsWith("forallvalues:")) [set, name] = ["all", name.slice(13)];
  const ifExists = name.endsWith("ifexists");
  if (ifExists) name = name.slice(0, -8);
  return Object.entries(keys).every(([key, policyValues]) => {
    const requested = context.get(key.toLowerCase());
    const wanted = values(policyValues);
    if (name === "null") return wanted.some((w) => (w.toLowerCase() === "true") === (requested === undefined));
    const negated = NEGATED[name];
    const compare = POSITIVE[negated ?? name];
    if (!compare) throw new UnsupportedCondition(`condition operator ${operator} is not supported`);
    if (requested === undefined || (Array.isArray(requested) && requested.length === 0))
      return set === "all" || ifExists || negated !== undefined;
    const matchesOne = (r: string) =>
      negated ? !wanted.some((w) => compare(r, w)) : wanted.some((w) => compare(r, w));
    const list = Array.isArray(requested) ? requested : [requested as string];
    return set === "all" ? list.every(matchesOne) : list.some(matchesOne);
  });
}

/** True when every operator of a Condition block holds (an absent block holds). */
export function conditionHolds(condition: unknown, context: RequestContext): boolean {
  if (condition === undefined) return true;
  if (typeof condition !== "object" || condition === null)
    throw new UnsupportedCondition("Condition must be an object");
  return Object.entries(condition as Record<string, unknown>).every(([operator, keys]) => {
    if (typeof keys !== "object" || keys === null)
      throw new UnsupportedCondition(`${operator} must map keys to values`);
    return operatorHolds(operator, keys as Record<string, unknown>, context);
  });
}

export { wildcard };
