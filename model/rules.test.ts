import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyPolicy, isoDate, isValidVaultName, POLICY_HARD_LIMIT, resolveAccount } from "./rules.js";
import { examplePolicy } from "./abstract-events.js";

describe("resolveAccount (ACCT-DASH-OR-OWN, ACCT-MISMATCH-DENIED, ACCT-MALFORMED)", () => {
  it("resolves '-' and the signer's own id to the signer", () => {
    expect(resolveAccount("-", "111122223333")).toEqual({ ok: true, account: "111122223333" });
    expect(resolveAccount("111122223333", "111122223333")).toEqual({ ok: true, account: "111122223333" });
  });
  it("denies another well-formed account id", () => {
    expect(resolveAccount("999999999999", "111122223333")).toEqual({ ok: false, requirement: "ACCT-MISMATCH-DENIED" });
  });
  it.each(["1111-2222-3333", "11112222333", "1111222233334", "", "abc"])("calls %j malformed", (id) => {
    expect(resolveAccount(id, "111122223333")).toEqual({ ok: false, requirement: "ACCT-MALFORMED" });
  });
});

describe("isValidVaultName (VAULT-NAME-RULES)", () => {
  it.each(["a", "my-vault", "A.b_c-9", "x".repeat(255)])("accepts %j", (name) => {
    expect(isValidVaultName(name)).toBe(true);
  });
  it.each(["", "x".repeat(256), "a b", "a/b", "ä", "a:b", "..%2f"])("rejects %j", (name) => {
    expect(isValidVaultName(name)).toBe(false);
  });
});

describe("classifyPolicy (INIT-POLICY-*)", () => {
  it("accepts a minimal resource policy", () => {
    expect(classifyPolicy(examplePolicy("valid"))).toEqual({ kind: "valid" });
  });
  it("reports a missing policy", () => {
    expect(classifyPolicy(undefined)).toEqual({ kind: "missing" });
  });
  it("refuses more than 20,480 bytes, counting UTF-8 bytes not characters", () => {
    expect(classifyPolicy(examplePolicy("tooLarge")).kind).toBe("tooLarge");
    const multibyte = JSON.stringify({ Statement: [], pad: "é".repeat(POLICY_HARD_LIMIT / 2) });
    expect(classifyPolicy(multibyte).kind).toBe("tooLarge");
  });
  it("marks 20,001 to 20,480 bytes as ambiguous", () => {
    const policy = examplePolicy("sizeAmbiguous")!;
    expect(Buffer.byteLength(policy)).toBeGreaterThan(20_000);
    expect(Buffer.byteLength(policy)).toBeLessThanOrEqual(POLICY_HARD_LIMIT);
    expect(classifyPolicy(policy)).toEqual({ kind: "sizeAmbiguous" });
  });
  it.each([
    ["not JSON", "{", "not valid JSON"],
    ["an array", "[]", "not a JSON object"],
    ["no Statement", '{"Version":"2012-10-17"}', "no Statement"],
    ["empty Statement list", '{"Statement":[]}', "no Statement"],
    ["bad Effect", '{"Statement":{"Effect":"Maybe","Principal":"*","Action":"a","Resource":"r"}}', "Effect"],
    ["no Principal", '{"Statement":{"Effect":"Deny","Action":"a","Resource":"r"}}', "Principal"],
    ["no Action", '{"Statement":{"Effect":"Deny","Principal":"*","Resource":"r"}}', "Action"],
    ["no Resource", '{"Statement":{"Effect":"Deny","Principal":"*","Action":"a"}}', "Resource"],
    ["unknown Version", '{"Version":"2020-01-01","Statement":{}}', "Version"],
    ["empty string", "", "not valid JSON"],
  ])("calls a policy with %s invalid", (_, policy, reason) => {
    const verdict = classifyPolicy(policy);
    expect(verdict.kind).toBe("invalid");
    expect(verdict.kind === "invalid" && verdict.reason).toContain(reason);
  });
  it("accepts NotAction, NotResource and a single statement object", () => {
    const policy = '{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"NotAction":"x","NotResource":"y"}}';
    expect(classifyPolicy(policy)).toEqual({ kind: "valid" });
  });
});

describe("isoDate (PROTO-DATE-FORMAT)", () => {
  it("is Date's toISOString for any time, however often and in whatever order times repeat", () => {
    const time = fc.integer({ min: -8.64e15, max: 8.64e15 });
    fc.assert(
      fc.property(fc.array(fc.oneof(time, fc.constantFrom(0, -0, 1764693268918)), { maxLength: 600 }), (times) => {
        for (const t of times) expect(isoDate(t)).toBe(new Date(t).toISOString());
      }),
      { numRuns: 200, seed: 20261202 },
    );
  });

  it("throws RangeError for a time Date cannot show, every time", () => {
    for (const t of [Number.NaN, Number.NaN, 8.64e15 + 1, Infinity]) expect(() => isoDate(t)).toThrow(RangeError);
  });
});
