import { describe, expect, it } from "vitest";
import { examplePolicy, LOCK_TTL_MS, step } from "../model/index.js";
import { ModelDriver, REGION, SIGNER } from "../model/testing.js";
import type { Observed } from "./invoke.js";
import { judge } from "./judge.js";

function inProgressGet() {
  const m = new ModelDriver();
  m.on("v", { name: "CreateVault" });
  m.on("v", { name: "InitiateVaultLock", policy: examplePolicy("valid") });
  const request = {
    operation: { name: "GetVaultLock", accountId: "-", vaultName: "v" } as const,
    signer: SIGNER,
    now: m.now,
    region: REGION,
    freshLockId: "",
  };
  return { m, branches: step(m.world, request), created: new Date(m.now) };
}

const ok = (body: Record<string, unknown>): Observed => ({ status: 200, headers: {}, body });

describe("judge", () => {
  it("passes an exact answer and returns the branch it matched", () => {
    const { branches, created } = inProgressGet();
    const body = {
      Policy: examplePolicy("valid"),
      State: "InProgress",
      CreationDate: created.toISOString(),
      ExpirationDate: new Date(created.getTime() + LOCK_TTL_MS).toISOString(),
    };
    const verdict = judge(ok(body), branches, 1000);
    expect(verdict).toMatchObject({ verdict: "pass" });
    expect(verdict.deviation).toBeUndefined();
  });

  it("passes a right outcome with a wrong field as a deviation", () => {
    const { branches, created } = inProgressGet();
    const body = {
      Policy: examplePolicy("valid"),
      State: "InProgress",
      CreationDate: created.toISOString(),
      ExpirationDate: new Date(created.getTime() + 3_600_000).toISOString(),
    };
    expect(judge(ok(body), branches, 5000).deviation).toContain("ExpirationDate");
    expect(judge(ok({ ...body, CreationDate: "yesterday" }), branches, 5000).deviation).toContain("CreationDate");
  });

  it("fails a wrong status or code, naming what was accepted", () => {
    const { branches } = inProgressGet();
    const verdict = judge({ status: 404, code: "ResourceNotFoundException", headers: {} }, branches, 1000);
    expect(verdict).toEqual({ verdict: "fail", detail: "expected 200, answered 404 ResourceNotFoundException" });
  });

  it("calls a non-AWS 404 'not implemented' and a non-AWS 500 a failure", () => {
    const { branches } = inProgressGet();
    expect(judge({ status: 404, unrecognized: "UnknownError", headers: {} }, branches, 1000).verdict).toBe(
      "notImplemented",
    );
    expect(judge({ status: 500, unrecognized: "SyntaxError", headers: {} }, branches, 1000).verdict).toBe("fail");
  });

  it("accepts a policy returned as equal JSON with other spacing (GET-POLICY-ROUNDTRIP)", () => {
    const { branches, created } = inProgressGet();
    const spaced = JSON.stringify(JSON.parse(examplePolicy("valid")!), null, 2);
    const body = {
      Policy: spaced,
      State: "InProgress",
      CreationDate: created.toISOString(),
      ExpirationDate: new Date(created.getTime() + LOCK_TTL_MS).toISOString(),
    };
    expect(judge(ok(body), branches, 1000).deviation).toBeUndefined();
  });

  it("INIT-EXPIRES-AFTER-24H: a window 3 s off 24 hours is a deviation even when each date is within tolerance", () => {
    const { branches, created } = inProgressGet();
    const body = {
      Policy: examplePolicy("valid"),
      State: "InProgress",
      CreationDate: created.toISOString(),
      ExpirationDate: new Date(created.getTime() + LOCK_TTL_MS + 3_000).toISOString(),
    };
    expect(judge(ok(body), branches, 5000).deviation).toBe(
      "ExpirationDate is 86403000 ms after CreationDate, not 24 h",
    );
  });

  it("fails an answer that never came, or that the SDK could not read, whatever its status", () => {
    const { branches } = inProgressGet();
    const lost = judge({ status: 0, headers: {}, transport: "ECONNRESET: socket hang up" }, branches, 1000);
    expect(lost).toEqual({ verdict: "fail", detail: "expected 200, no answer: ECONNRESET: socket hang up" });
    const unread = judge({ status: 200, headers: {}, sdkError: "Unexpected token" }, branches, 1000);
    expect(unread.verdict).toBe("fail");
    expect(unread.detail).toContain("the SDK could not read it");
  });
});
