import { describe, expect, it } from "vitest";
import type { SourceKey } from "../sources.js";
import { contextOf, statementApplies, type PolicyRequest } from "./evaluate.js";
import { patternOf, textOf, variablesIn } from "./variables.js";

const VAULT = "arn:aws:glacier:us-west-2:999999999999:vaults/examplevault";
const request = (tags: Record<string, string>, account = "999999999999"): PolicyRequest => ({
  account,
  action: "glacier:DeleteArchive",
  resource: VAULT,
  context: contextOf({
    "aws:PrincipalAccount": account,
    ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [`glacier:ResourceTag/${k}`, v])),
  }),
});

interface Case {
  name: string;
  version?: string;
  resource?: string;
  condition?: object;
  tags: Record<string, string>;
  applies: boolean;
  source: SourceKey;
}

const V2012 = "2012-10-17";
const OWNER_IS_CALLER = { StringEquals: { "glacier:ResourceTag/Owner": "${aws:PrincipalAccount}" } };

/** Policy variables (IAM User Guide, variables and Version pages), each case with the page it comes from. */
const CASES: Case[] = [
  {
    name: "a variable stands for the request's value",
    version: V2012,
    condition: OWNER_IS_CALLER,
    tags: { Owner: "999999999999" },
    applies: true,
    source: "doc:iam-variables",
  },
  {
    name: "a variable is compared, not matched literally",
    version: V2012,
    condition: OWNER_IS_CALLER,
    tags: { Owner: "${aws:PrincipalAccount}" },
    applies: false,
    source: "doc:iam-variables",
  },
  {
    name: "under 2008-10-17 a variable is plain text",
    version: "2008-10-17",
    condition: OWNER_IS_CALLER,
    tags: { Owner: "${aws:PrincipalAccount}" },
    applies: true,
    source: "doc:iam-version",
  },
  {
    name: "without a Version a variable is plain text",
    condition: OWNER_IS_CALLER,
    tags: { Owner: "999999999999" },
    applies: false,
    source: "doc:iam-version",
  },
  {
    name: "variable key names are case-insensitive",
    version: V2012,
    condition: { StringEquals: { "glacier:ResourceTag/Owner": "${AWS:principalaccount}" } },
    tags: { Owner: "999999999999" },
    applies: true,
    source: "doc:iam-variables",
  },
  {
    name: "a default stands in for a key the request lacks",
    version: V2012,
    condition: { StringEquals: { "glacier:ResourceTag/Owner": "${glacier:ResourceTag/Steward, 'nobody'}" } },
    tags: { Owner: "nobody" },
    applies: true,
    source: "doc:iam-variables",
  },
  {
    name: "${*} is a literal asterisk, not a wildcard",
    version: V2012,
    condition: { StringLike: { "glacier:ResourceTag/Mark": "a${*}" } },
    tags: { Mark: "ab" },
    applies: false,
    source: "doc:iam-variables",
  },
  {
    name: "${*} matches an asterisk",
    version: V2012,
    condition: { StringLike: { "glacier:ResourceTag/Mark": "a${*}" } },
    tags: { Mark: "a*" },
    applies: true,
    source: "doc:iam-variables",
  },
  {
    name: "a variable in StringLike next to a wildcard",
    version: V2012,
    condition: { StringLike: { "glacier:ResourceTag/Path": "${aws:PrincipalAccount}/*" } },
    tags: { Path: "999999999999/logs" },
    applies: true,
    source: "doc:iam-variables",
  },
  {
    name: "an unresolvable variable matches nothing",
    version: V2012,
    condition: { StringEquals: { "glacier:ResourceTag/Owner": ["${glacier:ResourceTag/Steward}", "x"] } },
    tags: { Owner: "x" },
    applies: true,
    source: "observed:iam-simulate",
  },
  {
    name: "a negated operator on an unresolvable variable does not hold",
    version: V2012,
    condition: { StringNotEquals: { "aws:PrincipalAccount": "${glacier:ResourceTag/Owner}" } },
    tags: {},
    applies: false,
    source: "observed:iam-simulate",
  },
  {
    name: "Numeric values take no variables: the value matches nothing",
    version: V2012,
    condition: { NumericLessThan: { "aws:PrincipalAccount": "${aws:PrincipalAccount}" } },
    tags: {},
    applies: false,
    source: "doc:iam-condition-operators",
  },
  {
    name: "a variable in Resource",
    version: V2012,
    resource: "arn:aws:glacier:*:${aws:PrincipalAccount}:vaults/*",
    tags: {},
    applies: true,
    source: "doc:iam-variables",
  },
  {
    name: "a variable in Resource under 2008-10-17 is plain text",
    version: "2008-10-17",
    resource: "arn:aws:glacier:*:${aws:PrincipalAccount}:vaults/*",
    tags: {},
    applies: false,
    source: "doc:iam-version",
  },
];

describe("policy variables (POL-VARIABLES, POL-VARIABLES-NO-VALUE)", () => {
  it.each(CASES)("$name ($source)", ({ version, resource, condition, tags, applies }) => {
    const statement = {
      Effect: "Deny",
      Principal: "*",
      Action: "glacier:DeleteArchive",
      Resource: resource ?? "*",
      ...(condition ? { Condition: condition } : {}),
    };
    expect(statementApplies(statement, request(tags), version)).toBe(applies);
  });

  it("a variable in Resource follows the caller", () => {
    const statement = {
      Effect: "Deny",
      Principal: "*",
      Action: "*",
      Resource: "arn:aws:glacier:*:${aws:PrincipalAccount}:vaults/*",
    };
    expect(statementApplies(statement, request({}, "111122223333"), V2012)).toBe(false);
  });

  it("reads variables, defaults and malformed references", () => {
    expect(variablesIn("a${aws:username}b${*}${x, 'it''s'}${}")).toEqual([
      { key: "aws:username" },
      { key: "x", fallback: "it's" },
      { malformed: "${}" },
    ]);
    expect(textOf("${aws:PrincipalAccount}-${$}", () => "1")).toBe("1-$");
    expect(textOf("${missing}", () => undefined)).toBeUndefined();
    expect(patternOf("${aws:PrincipalAccount}", () => "a.*")!.test("a.*")).toBe(true);
    expect(patternOf("${aws:PrincipalAccount}", () => "a.*")!.test("abc")).toBe(false);
  });
});
