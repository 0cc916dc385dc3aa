/**
 * IAM condition operators for the subset vault policies use (POL-CONDITION-KEY-CASE, POL-RETENTION-EXAMPLE,
 * POL-LEGAL-HOLD-EXAMPLE): String*, Numeric*, Date*, Bool, Null, the `…IfExists` suffix and the
 * `ForAnyValue:` / `ForAllValues:` set qualifiers. Condition key names compare case-insensitively.
 *
 * Rules (IAM User Guide, condition operators): a key absent from the request makes a positive operator false
 * and a negated one true, except with IfExists (true when absent) and Null (tests presence). Several policy
 * values are alternatives (OR); for a negated operator none may match (NOR). Over a key the request lacks,
 * ForAllValues holds and ForAnyValue does not, whatever the operator. String and Bool values may use policy
 * variables (POL-VARIABLES); Numeric and Date values may not.
 */
import { patternOf, textOf, type Lookup } from "./variables.js";

/** Request context: lower-cased key → one value or several (multi-value keys). */
export type RequestContext = ReadonlyMap<string, string | readonly string[]>;

/** How one policy value tests a request value; undefined when the policy value cannot match anything. */
type Build = (policy: string, lookup?: Lookup) => ((request: string) => boolean) | undefined;
export type OperatorFamily = "string" | "numeric" | "date" | "bool";

/** A number as Numeric operators read it: an integer or a decimal, else NaN (POL-SUBSET-VALUES). */
export const parseNumber = (text: string) => (/^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : Number.NaN);

const W3C_DATE = /^(\d{4})-(\d{2})(?:-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?)?$/;

/** Epoch ms of a date as Date operators read it: epoch seconds or a W3C ISO 8601 form, else NaN. */
export function parseDate(text: string): number {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const match = W3C_DATE.exec(text);
  if (!match) return Number.NaN;
  const day = match[3] === undefined ? 1 : Number(match[3]);
  const sameDay = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, day)).getUTCDate() === day;
  return sameDay ? Date.parse(text) : Number.NaN;
}

/** True for the texts Bool and Null take: `true` or `false`, any case. */
export const isBoolText = (text: string) => /^(true|false)$/i.test(text);

const strings =
  (test: (r: string, p: string) => boolean): Build =>
  (policy, lookup) => {
    const p = textOf(policy, lookup);
    return p === undefined ? undefined : (r) => test(r, p);
  };
const numbers =
  (parse: (text: string) => number, test: (a: number, b: number) => boolean): Build =>
  (policy) => {
    const b = parse(policy);
    if (Number.isNaN(b)) return undefined;
    return (r) => {
      const a = parse(r);
      return !Number.isNaN(a) && test(a, b);
    };
  };
const lt = (a: number, b: number) => a < b;
const le = (a: number, b: number) => a <= b;
const gt = (a: number, b: number) => a > b;
const ge = (a: number, b: number) => a >= b;
const eq = (a: number, b: number) => a === b;

/** Positive operators: their family and how a policy value tests a request value. */
const POSITIVE: Record<string, { family: OperatorFamily; build: Build }> = {
  stringequals: { family: "string", build: strings((r, p) => r === p) },
  stringequalsignorecase: { family: "string", build: strings((r, p) => r.toLowerCase() === p.toLowerCase()) },
  stringlike: {
    family: "string",
    build: (policy, lookup) => {
      const pattern = patternOf(policy, lookup, "s");
      return pattern && ((r) => pattern.test(r));
    },
  },
  numericequals: { family: "numeric", build: numbers(parseNumber, eq) },
  numericlessthan: { family: "numeric", build: numbers(parseNumber, lt) },
  numericlessthanequals: { family: "numeric", build: numbers(parseNumber, le) },
  numericgreaterthan: { family: "numeric", build: numbers(parseNumber, gt) },
  numericgreaterthanequals: { family: "numeric", build: numbers(parseNumber, ge) },
  dateequals: { family: "date", build: numbers(parseDate, eq) },
  datelessthan: { family: "date", build: numbers(parseDate, lt) },
  datelessthanequals: { family: "date", build: numbers(parseDate, le) },
  dategreaterthan: { family: "date", build: numbers(parseDate, gt) },
  dategreaterthanequals: { family: "date", build: numbers(parseDate, ge) },
  bool: { family: "bool", build: strings((r, p) => r.toLowerCase() === p.toLowerCase()) },
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

/** One operator of a Condition block, taken apart. */
export interface ParsedOperator {
  /** Lower-cased base name without qualifier and suffix, e.g. `numericlessthan`, `stringnotlike`, `null`. */
  name: string;
  set?: "any" | "all";
  ifExists: boolean;
  negated: boolean;
  /** Undefined for Null and for operators outside the subset. */
  family?: OperatorFamily;
  /** The positive operator it is or denies; undefined for Null and unknown operators. */
  positive?: string;
}

/** Takes `ForAnyValue:StringNotLikeIfExists` and the like apart (case-insensitive). */
export function parseOperator(operator: string): ParsedOperator {
  let name = operator.toLowerCase();
  let set: "any" | "all" | undefined;
  if (name.startsWith("foranyvalue:")) [set, name] = ["any", name.slice(12)];
  else if (name.startsWith("forallvalues:")) [set, name] = ["all", name.slice(13)];
  const ifExists = name.endsWith("ifexists");
  if (ifExists) name = name.slice(0, -8);
  const positive = NEGATED[name] ?? (POSITIVE[name] ? name : undefined);
  return {
    name,
    ...(set ? { set } : {}),
    ifExists,
    negated: NEGATED[name] !== undefined,
    ...(positive ? { positive, family: POSITIVE[positive]!.family } : {}),
  };
}

/** Whether a request value passes one positive operator's policy value (undefined: the value matches nothing). */
export function valueTest(positive: string, policyValue: string, lookup?: Lookup) {
  return POSITIVE[positive]!.build(policyValue, lookup);
}

/** The request's single value of a (lower-cased) key, for policy variables; none for a missing or multi-value key. */
export function lookupIn(context: RequestContext): Lookup {
  return (key) => {
    const value = context.get(key);
    return typeof value === "string" ? value : undefined;
  };
}

export function policyValues(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map((v) => String(v));
}

/**
 * True when one `operator: { key: values }` entry holds for the request. With `variables`, String and Bool
 * values have their policy variables resolved from the request context.
 */
export function operatorHolds(
  operator: string,
  keys: Record<string, unknown>,
  context: RequestContext,
  variables = false,
): boolean {
  const op = parseOperator(operator);
  const lookup = variables ? lookupIn(context) : undefined;
  return Object.entries(keys).every(([key, values]) => {
    const requested = context.get(key.toLowerCase());
    const wanted = policyValues(values);
    if (op.name === "null") return wanted.some((w) => (w.toLowerCase() === "true") === (requested === undefined));
    if (!op.positive) throw new UnsupportedCondition(`condition operator ${operator} is not supported`);
    if (requested === undefined || (Array.isArray(requested) && requested.length === 0))
      return op.set === "all" || (op.set === undefined && (op.ifExists || op.negated));
    const substitute = op.family === "string" || op.family === "bool" ? lookup : undefined;
    const tests = wanted.map((w) => valueTest(op.positive!, w, substitute));
    const matchesOne = (r: string) =>
      op.negated ? tests.every((t) => t !== undefined && !t(r)) : tests.some((t) => t !== undefined && t(r));
    const list = Array.isArray(requested) ? requested : [requested as string];
    return op.set === "all" ? list.every(matchesOne) : list.some(matchesOne);
  });
}

/** True when every operator of a Condition block holds (an absent block holds). */
export function conditionHolds(condition: unknown, context: RequestContext, variables = false): boolean {
  if (condition === undefined) return true;
  if (typeof condition !== "object" || condition === null)
    throw new UnsupportedCondition("Condition must be an object");
  return Object.entries(condition as Record<string, unknown>).every(([operator, keys]) => {
    if (typeof keys !== "object" || keys === null)
      throw new UnsupportedCondition(`${operator} must map keys to values`);
    return operatorHolds(operator, keys as Record<string, unknown>, context, variables);
  });
}
