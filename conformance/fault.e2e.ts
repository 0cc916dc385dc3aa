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

/** A fault below HTTP: the connection is reset instead of answering Abort on a Locked vault. */
function abortLockedResets(exchange: Exchange): Exchange {
  const faulted = abortLockedAs400(exchange);
  return faulted === exchange ? exchange : { ...exchange, status: 0 };
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

  it("shrinks and replays a connection reset like any wrong answer, blaming the step's requirements", async () => {
    const resetting = await proxy(emulator.url, abortLockedResets);
    try {
      const target = emulatorTarget(resetting.url, emulator.accounts);
      const report = await runSuite({ target, seed: 42, runs: 200, generators: ["sequence"] });
      const result = report.results.find((r) => r.id === "sequences")!;
      expect(result.verdict).toBe("fail");
      expect(result.requirements).toContain("ABORT-LOCKED-DENIED");
      expect(result.reason).toMatch(/no answer: .*(ECONNRESET|socket hang up)/);
      expect(result.counterexample).toHaveLength(4);
      expect(result.trace!.at(-1)!.exchange?.transport).toBeTruthy();
      const replay = await runSuite({ target, seed: 0, runs: 1, replay: parseReplay(`${result.seed}:${result.path}`) });
      expect(replay.results.find((r) => r.id === "sequences")!.counterexample).toEqual(result.counterexample);
      expect(replay.leftovers).toEqual([]);
    } finally {
      await resetting.close();
    }
  });
});
