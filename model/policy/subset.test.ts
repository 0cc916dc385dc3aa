import { describe, expect, it } from "vitest";
import { vaultArn } from "../rules.js";
import type { SourceKey } from "../sources.js";
import { ModelDriver, REGION, SIGNER } from "../testing.js";
import { policySubsetProblems, type SubsetProblem } from "./subset.js";

const ARN = vaultArn(REGION, SIGNER, "v");
/** A one-statement policy; `version` null: no Version element. */
const policy = (over: object, version: string | null = "2012-10-17") =>
  JSON.stringify({
    ...(version ? { Version: version } : {}),
    Statement: [{ Sid: "s", Effect: "Deny", Principal: "*", Action: "glacier:DeleteArchive", Resource: ARN, ...over }],
  });
const when = (condition: object, version?: string | null) => policy({ Condition: condition }, version);

interface Case {
  name: string;
  policy: string;
  /** The requirement the refusal cites; undefined: accepted. */
  refused?: SubsetProblem["requirement"];
  source: SourceKey;
}

const OPERATORS = "doc:iam-condition-operators";
const AGE = "glacier:ArchiveAgeInDays";

/** What Initiate and SetVaultAccessPolicy refuse or accept, each with the page its rule comes from. */
const CASES: Case[] = [
  {
    name: "a Numeric value that is no number",
    policy: when({ NumericLessThan: { [AGE]: "soon" } }),
    refused: "POL-SUBSET-VALUES",
    source: OPERATORS,
  },
  {
    name: "an empty Numeric value",
    policy: when({ NumericLessThan: { [AGE]: "" } }),
    refused: "POL-SUBSET-VALUES",
    source: OPERATORS,
  },
  {
    name: "a Date value that is no date",
    policy: when({ DateLessThan: { "aws:CurrentTime": "soon" } }),
    refused: "POL-SUBSET-VALUES",
    source: OPERATORS,
  },
  {
    name: "a Date that does not exist",
    policy: when({ DateLessThan: { "aws:CurrentTime": "2026-02-30" } }),
    refused: "POL-SUBSET-VALUES",
    source: OPERATORS,
  },
  {
    name: "a Date in another format than ISO 8601",
    policy: when({ DateLessThan: { "aws:CurrentTime": "March 7, 2030" } }),
    refused: "POL-SUBSET-VALUES",
    source: OPERATORS,
  },
  {
    name: "an empty Bool value",
    policy: when({ Bool: { "aws:SecureTransport": "" } }),
    refused: "POL-SUBSET-VALUES",
    source: OPERATORS,
  },
  {
    name: "a Bool value other than true/false",
    policy: when({ Bool: { "aws:SecureTransport": "yes" } }),
    refused: "POL-SUBSET-VALUES",
    source: OPERATORS,
  },
  {
    name: "a Null value other than true/false",
    policy: when({ Null: { [AGE]: "maybe" } }),
    refused: "POL-SUBSET-VALUES",
    source: OPERATORS,
  },
  {
    name: "a variable in a Numeric value",
    policy: when({ NumericLessThan: { [AGE]: "${aws:EpochTime}" } }),
    refused: "POL-SUBSET-VALUES",
    source: OPERATORS,
  },
  {
    name: "a variable naming a key the requests never carry",
    policy: when({ StringEquals: { "glacier:ResourceTag/Owner": "${aws:username}" } }),
    refused: "POL-SUBSET-VARIABLES",
    source: "doc:iam-variables",
  },
  {
    name: "a malformed variable",
    policy: when({ StringEquals: { "glacier:ResourceTag/Owner": "${}" } }),
    refused: "POL-SUBSET-VARIABLES",
    source: "doc:iam-variables",
  },
  {
    name: "an unsupported variable in Resource",
    policy: policy({ Resource: "arn:aws:glacier:*:*:vaults/${aws:userid}" }),
    refused: "POL-SUBSET-VARIABLES",
    source: "doc:iam-variables",
  },
  {
    name: "an operator outside the subset",
    policy: when({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }),
    refused: "POL-SUBSET",
    source: OPERATORS,
  },
  {
    name: "integers and decimals",
    policy: when({ NumericLessThan: { [AGE]: ["365", "365.5", -1] } }),
    source: OPERATORS,
  },
  {
    name: "ISO 8601 dates and epoch seconds",
    policy: when({
      DateLessThan: {
        "aws:CurrentTime": ["2030-01-01", "2030-01-01T00:00Z", "2030-01-01T00:00:00.5+01:00", "1900000000"],
      },
    }),
    source: OPERATORS,
  },
  {
    name: "Bool in any case, unquoted too",
    policy: when({ Bool: { "aws:SecureTransport": ["TRUE", false] } }),
    source: OPERATORS,
  },
  {
    name: "variables the requests carry",
    policy: when({
      StringEquals: {
        "glacier:ResourceTag/Owner": ["${aws:PrincipalAccount}", "${glacier:ResourceTag/Steward, 'x'}", "${*}"],
      },
    }),
    source: "doc:iam-variables",
  },
  {
    name: "under 2008-10-17, ${aws:username} is plain text",
    policy: when({ StringEquals: { "glacier:ResourceTag/Owner": "${aws:username}" } }, "2008-10-17"),
    source: "doc:iam-version",
  },
  {
    name: "without a Version, ${aws:username} is plain text",
    policy: when({ StringEquals: { "glacier:ResourceTag/Owner": "${aws:username}" } }, null),
    source: "doc:iam-version",
  },
];

describe("refused constructs (POL-SUBSET, POL-SUBSET-VALUES, POL-SUBSET-VARIABLES)", () => {
  it.each(CASES)("$name ($source)", ({ policy, refused }) => {
    expect(policySubsetProblems(policy).map((p) => p.requirement)).toEqual(refused ? [refused] : []);
  });

  it.each(CASES)("Initiate and SetVaultAccessPolicy: $name", ({ policy, refused }) => {
    const m = new ModelDriver();
    m.on("v", { name: "CreateVault" });
    const expected = refused ? "400 InvalidParameterValueException" : "201";
    const initiate = m.on("v", { name: "InitiateVaultLock", policy }).outcome;
    expect(`${initiate.status}${initiate.code ? ` ${initiate.code}` : ""}`).toBe(expected);
    const access = m.on("v", { name: "SetVaultAccessPolicy", policy }).outcome;
    expect(access.status).toBe(refused ? 400 : 204);
  });

  it("names the statement and the value", () => {
    const problems = policySubsetProblems(when({ NumericLessThan: { [AGE]: "soon" } }));
    expect(problems).toEqual([
      {
        requirement: "POL-SUBSET-VALUES",
        statement: 0,
        message: 'NumericLessThan glacier:ArchiveAgeInDays: "soon" is not a number',
      },
    ]);
  });
});
