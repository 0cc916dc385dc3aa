import { describe, expect, it } from "vitest";
import { explainPolicy } from "./explain.js";
import type { HazardKind } from "./hazards.js";
import { parseVaultArn } from "./table.js";

const OWNER = "111122223333";
const VAULT = parseVaultArn(`arn:aws:glacier:us-east-1:${OWNER}:vaults/v`)!;
const NOW = Date.UTC(2026, 10, 22);
const deny = (over: object) => ({ Sid: "s", Effect: "Deny", Principal: "*", Resource: VAULT.arn, ...over });
const policy = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const hazards = (text: string) => explainPolicy(text, VAULT, NOW).hazards;
const kinds = (text: string) => hazards(text).map((h) => h.kind);
const message = (text: string, kind: HazardKind) => hazards(text).find((h) => h.kind === kind)?.message;

describe("hazards, each from the statement it names", () => {
  it("never-deletable: DeleteVault denied to the owner in every state", () => {
    const text = policy(deny({ Action: "glacier:DeleteVault" }));
    expect(message(text, "never-deletable")).toContain('"s" denies its owner glacier:DeleteVault');
  });

  it("never-deletable: no archive can ever be deleted, so the vault can never be emptied", () => {
    const text = policy(deny({ Action: "glacier:DeleteArchive" }));
    expect(message(text, "never-deletable")).toContain("can never be emptied");
    expect(
      kinds(
        policy(
          deny({
            Action: "glacier:DeleteArchive",
            Condition: { NumericLessThan: { "glacier:ArchiveAgeInDays": "365" } },
          }),
        ),
      ),
    ).not.toContain("never-deletable");
  });

  it("denies-nothing: the Initiate page's example on another account's vault, with both reasons", () => {
    const seed = policy({
      Sid: "Define-vault-lock",
      Effect: "Deny",
      Principal: { AWS: "arn:aws:iam::999999999999:root" },
      Action: "glacier:DeleteArchive",
      Resource: "arn:aws:glacier:us-west-2:999999999999:vaults/examplevault",
    });
    const text = message(seed, "denies-nothing")!;
    expect(text).toContain("its Resource names arn:aws:glacier:us-west-2:999999999999:vaults/examplevault");
    expect(text).toContain(`its Principal names arn:aws:iam::999999999999:root, not this vault's owner ${OWNER}`);
  });

  it("denies-nothing: only the lock's own operations, which are not governed", () => {
    expect(message(policy(deny({ Action: "glacier:AbortVaultLock" })), "denies-nothing")).toContain("POL-SELF-LOCK");
    expect(message(policy({ ...deny({ Action: "glacier:*" }), Effect: "Allow" }), "denies-nothing")).toContain(
      "no Deny statement",
    );
  });

  it("owner-unrestricted: a Deny naming only another account", () => {
    const text = policy(deny({ Action: "glacier:DeleteArchive", Principal: { AWS: "999999999999" } }));
    expect(message(text, "owner-unrestricted")).toContain("only to account 999999999999");
  });

  it("unknown-key, with the documented key it is closest to", () => {
    const text = policy(
      deny({ Action: "glacier:DeleteArchive", Condition: { NumericLessThan: { "glacier:ArchiveAgeInDay": "365" } } }),
    );
    expect(message(text, "unknown-key")).toBe(
      '"s" tests glacier:ArchiveAgeInDay, a key no Glacier request carries (did you mean glacier:ArchiveAgeInDays?): NumericLessThan on it never holds.',
    );
    expect(
      kinds(
        policy(
          deny({
            Action: "glacier:DeleteArchive",
            Condition: { NumericLessThan: { "GLACIER:archiveageindays": "365" } },
          }),
        ),
      ),
    ).not.toContain("unknown-key");
  });

  it("key-not-modelled: a global key AWS may send", () => {
    const text = policy(
      deny({ Action: "glacier:DeleteArchive", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
    );
    expect(message(text, "key-not-modelled")).toContain("aws:SecureTransport");
  });

  it("retention-boundary: LessThan and LessThanEquals say which day an archive may go", () => {
    const at = (op: string) =>
      policy(deny({ Action: "glacier:DeleteArchive", Condition: { [op]: { "glacier:ArchiveAgeInDays": "365" } } }));
    expect(message(at("NumericLessThan"), "retention-boundary")).toContain("until it is 365 days old");
    expect(message(at("NumericLessThanEquals"), "retention-boundary")).toContain("it may go on day 366");
    expect(message(at("NumericGreaterThan"), "retention-boundary")).toContain("protects old archives, not young ones");
  });

  it("allow-statement", () => {
    const text = policy(deny({ Action: "glacier:DeleteVault" }), {
      ...deny({ Action: "glacier:DeleteArchive" }),
      Sid: "a",
      Effect: "Allow",
    });
    expect(message(text, "allow-statement")).toContain('"a" is an Allow');
  });

  it("tag-lifts-protection names the lifting actions, and whether the policy denies them", () => {
    const hold = { StringEquals: { "glacier:ResourceTag/Hold": "on" } };
    const open = policy(deny({ Action: "glacier:DeleteArchive", Condition: hold }));
    expect(message(open, "tag-lifts-protection")).toMatch(
      /glacier:RemoveTagsFromVault \(removing Hold\) or glacier:AddTagsToVault \(setting Hold to another value\).*does not deny that to owner/,
    );
    const guarded = policy(
      deny({ Action: "glacier:DeleteArchive", Condition: hold }),
      deny({ Sid: "t", Action: ["glacier:AddTagsToVault", "glacier:RemoveTagsFromVault"], Condition: hold }),
    );
    expect(message(guarded, "tag-lifts-protection")).toContain("only aborting the lock (while InProgress) lifts it");
  });

  it("policy-variables: substituted under 2012-10-17, plain text otherwise", () => {
    const owned = {
      Action: "glacier:DeleteArchive",
      Condition: { StringNotEquals: { "glacier:ResourceTag/Owner": "${aws:PrincipalAccount}" } },
    };
    expect(message(policy(deny(owned)), "policy-variables")).toContain("${aws:PrincipalAccount}: each is replaced");
    const old = JSON.stringify({ Version: "2008-10-17", Statement: [deny(owned)] });
    expect(message(old, "policy-variables")).toContain("matched as plain text");
  });
});

describe("what Initiate would answer", () => {
  it("refuses an unparseable value, names the statement and the requirement, and draws no table", () => {
    const text = policy(
      deny({ Action: "glacier:DeleteArchive", Condition: { NumericLessThan: { "glacier:ArchiveAgeInDays": "soon" } } }),
    );
    const explanation = explainPolicy(text, VAULT, NOW);
    expect(explanation.initiate.outcomes).toEqual(["400 InvalidParameterValueException"]);
    expect(explanation.initiate.problems).toEqual([
      {
        requirement: "POL-SUBSET-VALUES",
        statement: 0,
        message: 'NumericLessThan glacier:ArchiveAgeInDays: "soon" is not a number',
      },
    ]);
    expect(explanation.table).toBeUndefined();
  });

  it("a policy between 20,000 and 20,480 bytes: 201 by the emulator, the refusals a conforming endpoint may give", () => {
    const text = policy(deny({ Action: "glacier:DeleteArchive", Sid: "x".repeat(20_100) }));
    const { initiate } = explainPolicy(text, VAULT, NOW);
    expect(initiate.outcomes).toEqual(["201", "400 InvalidParameterValueException", "400 LimitExceededException"]);
    expect(initiate.problems[0]!.requirement).toBe("INIT-POLICY-SIZE-UNIT");
  });
});
