/**
 * What a policy names, read from its own text: the numbers it compares archive age and time with, the tags and
 * tag values it tests, and the accounts it names. The policy lab's decision table has one row or column per
 * state these allow and no more (issue 20). Pure.
 */
import { parseDate, parseNumber, parseOperator, policyValues, valueTest, type ParsedOperator } from "./conditions.js";
import type { ParsedPolicy, Statement } from "./evaluate.js";
import { REQUEST_KEYS, resourceTagKey } from "./keys.js";
import { textOf, VARIABLES_VERSION, type Lookup } from "./variables.js";

/** One `operator: { key: values }` entry of a statement's Condition. */
export interface ConditionEntry {
  operator: string;
  op: ParsedOperator;
  key: string;
  values: string[];
}

/** Every condition entry of a statement (a Condition that is not an object has none). */
export function conditionEntries(statement: Statement): ConditionEntry[] {
  const condition = statement.Condition;
  if (typeof condition !== "object" || condition === null) return [];
  return Object.entries(condition as Record<string, unknown>).flatMap(([operator, keys]) =>
    typeof keys === "object" && keys !== null
      ? Object.entries(keys).map(([key, values]) => ({
          operator,
          op: parseOperator(operator),
          key,
          values: policyValues(values),
        }))
      : [],
  );
}

/** A tag key the policy tests, with the values it names (as a value that matches each). */
export interface NamedTag {
  key: string;
  values: string[];
  /** The positive tests of every condition on the key: a value passing none of them is "other". */
  tests: ((value: string) => boolean)[];
}

export interface Named {
  ageThresholds: number[];
  /** Epoch seconds. */
  timeThresholds: number[];
  tags: NamedTag[];
  /** 12-digit accounts in Principal elements and in aws:PrincipalAccount / aws:PrincipalArn values. */
  accounts: string[];
}

const ROOT = /^arn:aws[a-z-]*:iam::(\d{12}):root$/;
const accountIn = (text: string) => (/^\d{12}$/.test(text) ? text : ROOT.exec(text)?.[1]);

function principalAccounts(principal: unknown): string[] {
  if (typeof principal !== "object" || principal === null) return [];
  const aws = (principal as Record<string, unknown>).AWS;
  return policyValues(aws ?? []).flatMap((p) => accountIn(p) ?? []);
}

/** A value that passes the positive form of `entry` for policy value `value`, when one is easy to write. */
function sampleFor(entry: ConditionEntry, value: string, lookup: Lookup | undefined): string | undefined {
  if (entry.op.family === "string" || entry.op.family === "bool") {
    const text = textOf(value, lookup);
    return entry.op.positive === "stringlike" ? text?.replace(/\*/g, "").replace(/\?/g, "x") : text;
  }
  return value;
}

/** What the policies name; `owner` resolves policy variables in tag values for the owner's requests. */
export function namedIn(policies: readonly ParsedPolicy[], owner: string): Named {
  const named: Named = { ageThresholds: [], timeThresholds: [], tags: [], accounts: [] };
  const ownerKeys: Record<string, string> = {
    [REQUEST_KEYS.principalAccount.toLowerCase()]: owner,
    [REQUEST_KEYS.principalArn.toLowerCase()]: `arn:aws:iam::${owner}:root`,
  };
  for (const { version, statements } of policies) {
    const lookup: Lookup | undefined = version === VARIABLES_VERSION ? (key) => ownerKeys[key] : undefined;
    for (const statement of statements.filter(Boolean)) {
      named.accounts.push(...principalAccounts(statement.Principal));
      for (const entry of conditionEntries(statement)) addEntry(named, entry, lookup);
    }
  }
  named.accounts = [...new Set(named.accounts)];
  return named;
}

function addEntry(named: Named, entry: ConditionEntry, lookup: Lookup | undefined): void {
  const key = entry.key.toLowerCase();
  const { family, positive } = entry.op;
  if (key === REQUEST_KEYS.archiveAge.toLowerCase() && family === "numeric")
    named.ageThresholds.push(...entry.values.map(parseNumber));
  if (key === REQUEST_KEYS.currentTime.toLowerCase() || key === REQUEST_KEYS.epochTime.toLowerCase()) {
    if (family === "date") named.timeThresholds.push(...entry.values.map((v) => parseDate(v) / 1000));
    if (family === "numeric" && key === REQUEST_KEYS.epochTime.toLowerCase())
      named.timeThresholds.push(...entry.values.map(parseNumber));
  }
  if (key === REQUEST_KEYS.principalAccount.toLowerCase() || key === REQUEST_KEYS.principalArn.toLowerCase())
    named.accounts.push(...entry.values.flatMap((v) => accountIn(v) ?? []));
  const tagKey = resourceTagKey(entry.key);
  if (tagKey === undefined) return;
  let tag = named.tags.find((t) => t.key.toLowerCase() === tagKey.toLowerCase());
  if (!tag) named.tags.push((tag = { key: tagKey, values: [], tests: [] }));
  for (const value of entry.values) {
    const sample = positive ? sampleFor(entry, value, lookup) : undefined;
    if (sample !== undefined && !tag.values.includes(sample)) tag.values.push(sample);
    const test = positive
      ? valueTest(positive, value, family === "string" || family === "bool" ? lookup : undefined)
      : undefined;
    if (test) tag.tests.push(test);
  }
}

/** A value of the tag that passes none of the policy's tests on it ("other"), or undefined if none is found. */
export function otherValue(tag: NamedTag): string | undefined {
  const candidates = ["other", "other-1", "other-2", "x", "0"];
  return candidates.find((c) => isOtherValue(tag, c));
}

/** True when `value` passes none of the policy's tests on the tag. */
export function isOtherValue(tag: NamedTag, value: string): boolean {
  return !tag.values.includes(value) && tag.tests.every((test) => !test(value));
}
