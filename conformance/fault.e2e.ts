import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/server.js";
import { proxy, type Exchange } from "./harness.js";
import { runSuite } from "./run.js";
import { parseReplay } from "./sequences.js";
import { emulatorTarget } from "./target.js";

/** One realistic fault: Abort on a Locked vault (own account) answers 400 InvalidParameterValue instead of 403. */
function abortLockedAs400(exchange: Exchange): Exchange {
  const ownAccount = exchange.url.startsWith("/-/");
  if (
    !ownAccount ||
    exchange.method !== "DELETE" ||
    !exchange.url.endsWith("/lock-policy") ||
    !exchange.body.includes("AccessDeniedException")
  )
    return exchange;
  return {
    ...exchange,
    status: 400,
    body: exchange.body.replace("AccessDeniedException", "InvalidParameterValueException"),
  };
}

describe("a fault injected into an endpoint", () => {
  let emulator: Emulator;
  let faulty: Awaited<ReturnType<typeof proxy>>;
  beforeAll(async () => {
    emulator = await startEmulator({ clockControl: true });
    faulty = await proxy(emulator.url, abortLockedAs400);
  });
  afterAll(async () => {
    await faulty.close();
    await emulator.close();
  });

  it("fails the deterministic path with the broken requirement", async () => {
    const report = await runSuite({
      target: emulatorTarget(faulty.url, emulator.accounts),
      seed: 1,
      runs: 1,
      generators: ["path"],
    });
    const failed = report.results.filter((r) => r.verdict === "fail");
    expect(failed.map((r) => r.id)).toEqual(["path:locked.ABORT"]);
    expect(failed[0]!.requirements).toContain("ABORT-LOCKED-DENIED");
    expect(report.unexpected).toBe(1);
  });

  it("shrinks a generated failure to the minimal sequence, and replays it from seed and path", async () => {
    const target = emulatorTarget(faulty.url, emulator.accounts);
    const report = await runSuite({ target, seed: 42, runs: 200, generators: ["sequence"] });
    const [result] = report.results;
    expect(result!.verdict).toBe("fail");
    expect(result!.requirements).toContain("ABORT-LOCKED-DENIED");
    expect(result!.counterexample!.map((step) => step.replace(/\bv\d\b/, "v"))).toEqual([
      "CreateVault(v)",
      "InitiateVaultLock(v, valid policy)",
      "CompleteVaultLock(v, current id)",
      "AbortVaultLock(v)",
    ]);
    const replay = await runSuite({ target, seed: 0, runs: 1, replay: parseReplay(`${result!.seed}:${result!.path}`) });
    expect(replay.results[0]!.verdict).toBe("fail");
    expect(replay.results[0]!.counterexample).toEqual(result!.counterexample);
  });
});
