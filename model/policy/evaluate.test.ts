import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UnsupportedCondition } from "./conditions.js";
import { combine, contextOf, evaluatePolicy, statementApplies, type PolicyRequest } from "./evaluate.js";

const VAULT = "arn:aws:glacier:us-west-2:999999999999:vaults/examplevault";
const request = (context: Record<string, string | string[]>, over: Partial<PolicyRequest> = {}): PolicyRequest => ({
  account: "999999999999",
  action: "glacier:DeleteArchive",
  resource: VAULT,
  context: contextOf(context),
  ...over,
});
const policy = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const decide = (p: string, r: PolicyRequest) => evaluatePolicy(p, r).effect;

describe("the documents' example policies", () => {
  // Initiate Vault Lock example (seeds/000, seeds/001): note the key spelled glacier:ArchiveAgeinDays.
  const initiateExample =
    '{"Version":"2012-10-17","Statement":[{"Sid":"Define-vault-lock","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::999999999999:root"},"Action":"glacier:DeleteArchive","Resource":"arn:aws:glacier:us-west-2:999999999999:vaults/examplevault","Condition":{"NumericLessThanEquals":{"glacier:ArchiveAgeinDays":"365"}}}]}';

  it("the Initiate example denies deleting archives up to 365 days old, whatever the key's case (POL-CONDITION-KEY-CASE)", () => {
    expect(decide(initiateExample, request({ "glacier:ArchiveAgeInDays": "365" }))).toBe("Deny");
    expect(decide(initiateExample, request({ "glacier:ArchiveAgeInDays": "366" }))).toBe("NotApplicable");
    expect(decide(initiateExample, request({ "glacier:ArchiveAgeInDays": "1" }, { account: "111122223333" }))).toBe(
      "NotApplicable",
    );
    expect(
      decide(initiateExample, request({ "glacier:ArchiveAgeInDays": "1" }, { action: "glacier:UploadArchive" })),
    ).toBe("NotApplicable");
  });

  it("the retention example denies everyone deleting archives younger than a year (POL-RETENTION-EXAMPLE)", () => {
    const retention = policy({
      Sid: "deny-based-on-archive-age",
      Principal: "*",
      Effect: "Deny",
      Action: "glacier:DeleteArchive",
      Resource: [VAULT],
      Condition: { NumericLessThan: { "glacier:ArchiveAgeInDays": "365" } },
    });
    expect(decide(retention, request({ "glacier:ArchiveAgeInDays": "364" }))).toBe("Deny");
    expect(decide(retention, request({ "glacier:ArchiveAgeInDays": "365" }))).toBe("NotApplicable");
    expect(decide(retention, request({}))).toBe("NotApplicable");
  });

  it("the legal-hold example: the tag Deny beats the age Allow (POL-LEGAL-HOLD-EXAMPLE, POL-ALLOW-AND-DENY)", () => {
    const legalHold = policy(
      {
        Sid: "lock-vault",
        Principal: "*",
        Effect: "Deny",
        Action: "glacier:DeleteArchive",
        Resource: [VAULT],
        Condition: { StringLike: { "glacier:ResourceTag/LegalHold": ["true", ""] } },
      },
      {
        Sid: "you-can-delete-archive-less-than-1-year-old",
        Principal: { AWS: "arn:aws:iam::999999999999:root" },
        Effect: "Allow",
        Action: "glacier:DeleteArchive",
        Resource: [VAULT],
        Condition: { NumericLessThan: { "glacier:ArchiveAgeInDays": "365" } },
      },
    );
    expect(
      evaluatePolicy(legalHold, request({ "glacier:ResourceTag/LegalHold": "true", "glacier:ArchiveAgeInDays": "10" })),
    ).toEqual({ effect: "Deny", sid: "lock-vault" });
    expect(decide(legalHold, request({ "glacier:ResourceTag/LegalHold": "", "glacier:ArchiveAgeInDays": "10" }))).toBe(
      "Deny",
    );
    expect(
      decide(legalHold, request({ "glacier:ResourceTag/LegalHold": "false", "glacier:ArchiveAgeInDays": "10" })),
    ).toBe("Allow");
    expect(decide(legalHold, request({ "glacier:ArchiveAgeInDays": "10" }))).toBe("Allow");
    expect(decide(legalHold, request({ "glacier:ArchiveAgeInDays": "400" }))).toBe("NotApplicable");
  });
});

/** Cases written from the IAM User Guide's condition-operator rules. */
const CASES: [string, object, Record<string, string | string[]>, boolean][] = [
  ["StringEquals is case-sensitive", { StringEquals: { "aws:Tag": "Prod" } }, { "aws:Tag": "prod" }, false],
  ["StringEqualsIgnoreCase", { StringEqualsIgnoreCase: { "aws:Tag": "Prod" } }, { "aws:Tag": "PROD" }, true],
  ["StringLike wildcards", { StringLike: { "aws:Tag": "pr?d-*" } }, { "aws:Tag": "prod-eu" }, true],
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
  ["a missing key makes a positive operator false", { StringEquals: { "aws:Tag": "a" } }, {}, false],
  ["a missing key makes a negated operator true", { StringNotLike: { "aws:Tag": "a*" } }, {}, true],
  ["IfExists holds when the key is missing", { StringEqualsIfExists: { "aws:Tag": "a" } }, {}, true],
  ["IfExists still checks a present key", { StringEqualsIfExists: { "aws:Tag": "a" } }, { "aws:Tag": "b" }, false],
  ["Null true: the key is absent", { Null: { "aws:Tag": "true" } }, {}, true],
  ["Null false: the key is present", { Null: { "aws:Tag": "false" } }, { "aws:Tag": "x" }, true],
  ["Null true on a present key", { Null: { "aws:Tag": "true" } }, { "aws:Tag": "x" }, false],
  ["Bool", { Bool: { "aws:SecureTransport": "true" } }, { "aws:SecureTransport": "TRUE" }, true],
  [
    "NumericLessThanEquals",
    { NumericLessThanEquals: { "glacier:ArchiveAgeInDays": "365" } },
    { "glacier:ArchiveAgeInDays": "365" },
    true,
  ],
  [
    "a non-number never matches a numeric operator",
    { NumericLessThan: { "glacier:ArchiveAgeInDays": "365" } },
    { "glacier:ArchiveAgeInDays": "soon" },
    false,
  ],
  [
    "NumericNotEquals",
    { NumericNotEquals: { "glacier:ArchiveAgeInDays": "1" } },
    { "glacier:ArchiveAgeInDays": "2" },
    true,
  ],
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
    "condition key names are case-insensitive",
    { StringEquals: { "GLACIER:RESOURCETAG/LegalHold": "true" } },
    { "glacier:ResourceTag/LegalHold": "true" },
    true,
  ],
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
    "all operators of a block must hold",
    { StringEquals: { "aws:Tag": "a" }, NumericLessThan: { "glacier:ArchiveAgeInDays": "1" } },
    { "aws:Tag": "a", "glacier:ArchiveAgeInDays": "5" },
    false,
  ],
];

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

describe("statement matching", () => {
  const deny = (over: object) =>
    policy({ Effect: "Deny", Principal: "*", Action: "glacier:DeleteArchive", Resource: "*", ...over });
  it("matches actions case-insensitively with wildcards, resources case-sensitively", () => {
    expect(decide(deny({ Action: "Glacier:delete*" }), request({}))).toBe("Deny");
    expect(decide(deny({ Action: ["glacier:Upload*"] }), request({}))).toBe("NotApplicable");
    expect(decide(deny({ Resource: "arn:aws:glacier:*:999999999999:vaults/example*" }), request({}))).toBe("Deny");
    expect(decide(deny({ Resource: "arn:aws:glacier:*:999999999999:vaults/EXAMPLE*" }), request({}))).toBe(
      "NotApplicable",
    );
  });
  it("honours NotAction, NotResource and the principal forms", () => {
    expect(decide(deny({ Action: undefined, NotAction: "glacier:Upload*" }), request({}))).toBe("Deny");
    expect(decide(deny({ Resource: undefined, NotResource: VAULT }), request({}))).toBe("NotApplicable");
    expect(decide(deny({ Principal: { AWS: "999999999999" } }), request({}))).toBe("Deny");
    expect(decide(deny({ Principal: { AWS: ["arn:aws:iam::111122223333:root"] } }), request({}))).toBe("NotApplicable");
    expect(
      decide(
        deny({ Principal: { AWS: "arn:aws:iam::999999999999:user/alice" } }),
        request({}, { principalArn: "arn:aws:iam::999999999999:user/alice" }),
      ),
    ).toBe("Deny");
  });
});

describe("decision properties", () => {
  const statement = fc.record({
    Effect: fc.constantFrom("Allow", "Deny"),
    Principal: fc.constantFrom<unknown>("*", { AWS: "999999999999" }, { AWS: "111122223333" }),
    Action: fc.constantFrom("glacier:DeleteArchive", "glacier:*", "glacier:Upload*"),
    Resource: fc.constant("*"),
    Condition: fc.option(
      fc.record({
        NumericLessThan: fc.record({ "glacier:ArchiveAgeInDays": fc.integer({ min: 0, max: 800 }).map(String) }),
      }),
      { nil: undefined },
    ),
  });
  const age = fc.integer({ min: 0, max: 800 }).map(String);

  it("an applying Deny always wins; otherwise an applying Allow; otherwise nothing applies", () => {
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 6 }), age, (statements, days) => {
        const r = request({ "glacier:ArchiveAgeInDays": days });
        const applying = statements.filter((s) => statementApplies(s, r));
        const expected = applying.some((s) => s.Effect === "Deny")
          ? "Deny"
          : applying.length
            ? "Allow"
            : "NotApplicable";
        expect(decide(policy(...statements), r)).toBe(expected);
      }),
      { seed: 20261122, numRuns: 500 },
    );
  });

  it("a Deny in either of two policies wins (lock policy and access policy)", () => {
    expect(combine([{ effect: "Allow" }, { effect: "Deny" }]).effect).toBe("Deny");
    expect(combine([{ effect: "NotApplicable" }, { effect: "Allow" }]).effect).toBe("Allow");
    expect(combine([{ effect: "NotApplicable" }]).effect).toBe("NotApplicable");
  });
});
