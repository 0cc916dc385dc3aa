import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contextOf, evaluatePolicy, statementApplies, type PolicyRequest } from "./evaluate.js";

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
    ).toEqual({ effect: "Deny", statement: 0, sid: "lock-vault" });
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

/** Resource patterns (IAM User Guide, Resource element): a `*` ending an ARN segment may span colons. */
const RESOURCE_CASES: [string, string, boolean][] = [
  ["a trailing * after the service spans region, account and resource", "arn:aws:glacier:*", true],
  ["a * ending a segment spans the following colons", "arn:aws:glacier:us-*:vaults/examplevault", true],
  ["* in the account segment", "arn:aws:glacier:us-west-2:*:vaults/examplevault", true],
  ["? is one character", "arn:aws:glacier:us-west-2:999999999999:vaults/example?ault", true],
  ["resources compare case-sensitively", "arn:aws:glacier:us-west-2:999999999999:vaults/EXAMPLEVAULT", false],
  ["another region is another vault", "arn:aws:glacier:us-east-1:999999999999:vaults/examplevault", false],
];

describe("statement matching", () => {
  it.each(RESOURCE_CASES)("%s (doc:iam-resource)", (_, resource, applies) => {
    const statement = { Effect: "Deny", Principal: "*", Action: "glacier:DeleteArchive", Resource: resource };
    expect(statementApplies(statement, request({}))).toBe(applies);
  });

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
});
