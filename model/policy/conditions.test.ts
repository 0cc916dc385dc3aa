import { describe, expect, it } from "vitest";
import type { SourceKey } from "../sources.js";
import { UnsupportedCondition } from "./conditions.js";
import { contextOf, statementApplies, type PolicyRequest } from "./evaluate.js";

const request = (context: Record<string, string | string[]>): PolicyRequest => ({
  account: "999999999999",
  action: "glacier:DeleteArchive",
  resource: "arn:aws:glacier:us-west-2:999999999999:vaults/examplevault",
  context: contextOf(context),
});

type Case = [name: string, condition: object, context: Record<string, string | string[]>, applies: boolean];

const OPERATORS = "doc:iam-condition-operators";
const MULTIVALUED = "doc:iam-multivalued";
const AGE = "glacier:ArchiveAgeInDays";

/** Cases written from the IAM User Guide's condition rules, by the page each comes from. */
const BY_SOURCE: Partial<Record<SourceKey, Case[]>> = {
  [OPERATORS]: [
    ["StringEquals is case-sensitive", { StringEquals: { "aws:Tag": "Prod" } }, { "aws:Tag": "prod" }, false],
    ["StringEqualsIgnoreCase", { StringEqualsIgnoreCase: { "aws:Tag": "Prod" } }, { "aws:Tag": "PROD" }, true],
    ["StringLike wildcards", { StringLike: { "aws:Tag": "pr?d-*" } }, { "aws:Tag": "prod-eu" }, true],
    ["a missing key makes a positive operator false", { StringEquals: { "aws:Tag": "a" } }, {}, false],
    ["a missing key makes a negated operator true", { StringNotLike: { "aws:Tag": "a*" } }, {}, true],
    ["IfExists holds when the key is missing", { StringEqualsIfExists: { "aws:Tag": "a" } }, {}, true],
    ["IfExists still checks a present key", { StringEqualsIfExists: { "aws:Tag": "a" } }, { "aws:Tag": "b" }, false],
    ["Null true: the key is absent", { Null: { "aws:Tag": "true" } }, {}, true],
    ["Null false: the key is present", { Null: { "aws:Tag": "false" } }, { "aws:Tag": "x" }, true],
    ["Null true on a present key", { Null: { "aws:Tag": "true" } }, { "aws:Tag": "x" }, false],
    ["Bool", { Bool: { "aws:SecureTransport": "true" } }, { "aws:SecureTransport": "TRUE" }, true],
    ["NumericLessThanEquals", { NumericLessThanEquals: { [AGE]: "365" } }, { [AGE]: "365" }, true],
    ["a decimal policy value", { NumericLessThan: { [AGE]: "365.5" } }, { [AGE]: "365" }, true],
    [
      "a request value that is no number never matches a numeric operator",
      { NumericLessThan: { [AGE]: "365" } },
      { [AGE]: "soon" },
      false,
    ],
    ["NumericNotEquals", { NumericNotEquals: { [AGE]: "1" } }, { [AGE]: "2" }, true],
    [
      "DateLessThan on aws:CurrentTime",
      { DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } },
      { "aws:CurrentTime": "2026-11-22T00:00:00Z" },
      true,
    ],
    [
      "DateGreaterThan with epoch seconds",
      { DateGreaterThan: { "aws:CurrentTime": "1700000000" } },
      { "aws:CurrentTime": "2026-11-22T00:00:00Z" },
      true,
    ],
    [
      "a W3C date without seconds, with an offset",
      { DateLessThan: { "aws:CurrentTime": "2026-11-22T01:00+02:00" } },
      { "aws:CurrentTime": "2026-11-21T22:59:59Z" },
      true,
    ],
  ],
  "doc:iam-condition": [
    ["several policy values are alternatives", { StringEquals: { "aws:Tag": ["a", "b"] } }, { "aws:Tag": "b" }, true],
    [
      "a negated operator with several values holds only if none match",
      { StringNotEquals: { "aws:Tag": ["a", "b"] } },
      { "aws:Tag": "b" },
      false,
    ],
    [
      "a negated operator holds for an unlisted value",
      { StringNotEquals: { "aws:Tag": ["a", "b"] } },
      { "aws:Tag": "c" },
      true,
    ],
    [
      "condition key names are case-insensitive",
      { StringEquals: { "GLACIER:RESOURCETAG/LegalHold": "true" } },
      { "glacier:ResourceTag/LegalHold": "true" },
      true,
    ],
    [
      "all operators of a block must hold",
      { StringEquals: { "aws:Tag": "a" }, NumericLessThan: { [AGE]: "1" } },
      { "aws:Tag": "a", [AGE]: "5" },
      false,
    ],
  ],
  [MULTIVALUED]: [
    [
      "ForAnyValue: one of several request values",
      { "ForAnyValue:StringEquals": { "aws:TagKeys": ["a"] } },
      { "aws:TagKeys": ["b", "a"] },
      true,
    ],
    [
      "ForAllValues: every request value must be listed",
      { "ForAllValues:StringEquals": { "aws:TagKeys": ["a"] } },
      { "aws:TagKeys": ["b", "a"] },
      false,
    ],
    ["ForAllValues holds for a missing key", { "ForAllValues:StringEquals": { "aws:TagKeys": ["a"] } }, {}, true],
    [
      "ForAllValues holds for an empty set",
      { "ForAllValues:StringEquals": { "aws:TagKeys": ["a"] } },
      { "aws:TagKeys": [] },
      true,
    ],
    [
      "ForAnyValue does not hold for a missing key",
      { "ForAnyValue:StringEquals": { "aws:TagKeys": ["a"] } },
      {},
      false,
    ],
    [
      "ForAnyValue does not hold for an empty set",
      { "ForAnyValue:StringEquals": { "aws:TagKeys": ["a"] } },
      { "aws:TagKeys": [] },
      false,
    ],
    [
      "ForAnyValue with IfExists does not hold for a missing key (the differential case)",
      { "ForAnyValue:NumericLessThanIfExists": { [AGE]: "365" } },
      {},
      false,
    ],
    [
      "ForAnyValue with a negated operator does not hold for a missing key",
      { "ForAnyValue:StringNotEquals": { "aws:TagKeys": ["a"] } },
      {},
      false,
    ],
    [
      "ForAllValues with a negated operator holds for a missing key",
      { "ForAllValues:StringNotLike": { "aws:TagKeys": "key1*" } },
      {},
      true,
    ],
  ],
};
const CASES = Object.entries(BY_SOURCE).flatMap(([source, cases]) =>
  cases.map(([name, ...rest]): Case => [`${name} (${source})`, ...rest]),
);

describe("condition operators (IAM rules)", () => {
  it.each(CASES)("%s", (_, condition, context, applies) => {
    const statement = {
      Effect: "Deny",
      Principal: "*",
      Action: "glacier:DeleteArchive",
      Resource: "*",
      Condition: condition,
    };
    expect(statementApplies(statement, request(context))).toBe(applies);
  });

  it("refuses operators outside the supported subset", () => {
    const statement = {
      Effect: "Deny",
      Principal: "*",
      Action: "*",
      Resource: "*",
      Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
    };
    expect(() => statementApplies(statement, request({ "aws:SourceIp": "10.1.1.1" }))).toThrow(UnsupportedCondition);
  });
});
