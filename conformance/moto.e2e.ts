import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocument } from "../reports/document.js";
import { loadExpectations } from "./expectations.js";
import { hasMotoServer, startMoto } from "./harness.js";
import { runSuite, type RunReport } from "./run.js";
import type { Target } from "./target.js";

const available = hasMotoServer();
if (!available) console.warn("SKIPPED: moto_server is not on PATH; the suite was NOT run against moto");

describe.skipIf(!available)("the suite against moto_server", () => {
  let moto: Awaited<ReturnType<typeof startMoto>>;
  let report: RunReport;
  beforeAll(async () => {
    moto = await startMoto();
    const target: Target = {
      name: "moto",
      endpoint: moto.url,
      region: "us-east-1",
      credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
      accountId: "123456789012",
      capabilities: { clockControl: false, realAws: false },
    };
    report = await runSuite({
      target,
      seed: 20261122,
      runs: 30,
      expectations: loadExpectations("conformance/expectations/moto.json"),
    });
  }, 120_000);
  afterAll(() => moto?.stop());

  it("finishes with every deviation recorded in moto's expectations file, none stale", () => {
    const unexpected = report.results.filter(
      (r) => !r.expected && (r.verdict === "fail" || r.verdict === "notImplemented"),
    );
    expect(unexpected.map((r) => `${r.id} ${r.verdict}: ${r.reason}`)).toEqual([]);
    expect(report.stale.filter((e) => e.id !== "sequences")).toEqual([]);
  });

  it("classifies the missing vault-lock routes as not implemented, not as failures", () => {
    const lock = report.results.filter(
      (r) => (r.id.startsWith("path:inProgress.") || r.id === "path:absent.INITIATE") && r.verdict !== "skip",
    );
    expect(lock.length).toBeGreaterThan(5);
    for (const result of lock) expect(result.verdict, result.id).toBe("notImplemented");
  });

  it("reports clock-dependent checks as not exercised", () => {
    const expiry = report.results.find((r) => r.id === "path:inProgress.TICK.expired");
    expect(expiry?.verdict).toBe("skip");
    expect(expiry?.reason).toContain("clock control");
  });

  it("says for every requirement it did not exercise why: the route moto lacks, the clock, or the catalogue's condition", () => {
    const unexercised = buildDocument([report]).requirements.filter((r) => r.status.moto === "not-exercised");
    expect(unexercised.length).toBeGreaterThan(20);
    for (const r of unexercised)
      expect(r.unexercised?.moto, r.id).toMatch(/^(path|policy|race|gate|protocol|wire):|^exercised only when/);
    const completes = unexercised.find((r) => r.id === "COMP-LOCKS")?.unexercised?.moto;
    expect(completes).toMatch(/^path:inProgress\.COMPLETE\.currentId ended notImplemented: InitiateVaultLock/);
  });

  it("reports the isolation check skipped, with the reason, when the target has no second principal", () => {
    const isolation = report.results.find((r) => r.id === "gate:account-isolation");
    expect(isolation?.verdict).toBe("skip");
    expect(isolation?.reason).toContain("no second principal");
  });

  it("passes what moto does implement", () => {
    expect(report.results.find((r) => r.id === "path:absent.CREATE_VAULT")?.verdict).toBe("pass");
    expect(report.results.find((r) => r.id === "path:noLock.DESCRIBE_VAULT")?.verdict).toBe("pass");
  });
});
