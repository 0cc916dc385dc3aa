import { describe, expect, it } from "vitest";
import { FAULT_KINDS } from "./faults.js";
import { chaosRun, MIXED, REPORT_FILES, runChaos } from "./run.js";

/** One seed: every kind alone and all mixed, 28 suite runs. */
const SEEDS = [20261122];

describe("the suite through the chaos proxy", () => {
  it("conforms through the proxy when it injects nothing, and the driver reads that run whole", async () => {
    const run = await chaosRun("drop-date", 1, { rate: 0, runs: 5, timeoutMs: 120_000 });
    expect(run).toMatchObject({ injected: {}, exitCode: 0, crashed: false, hung: false, failures: [] });
    expect(run.reports).toEqual([...REPORT_FILES]);
    expect([run.upstreamVaults, run.unreportedLeaks]).toEqual([[], []]);
  });

  // enabled by the lead once the suite survives faults (issue 14)
  it.skip("survives every fault kind: no crash, no hang, every report written, no vault left unreported", async () => {
    const runs = await runChaos({ seeds: SEEDS, runs: 5, timeoutMs: 60_000, concurrency: 2 });
    const where = (test: (run: (typeof runs)[number]) => boolean) =>
      runs.filter(test).map((r) => `${r.kind} seed ${r.seed}${r.crash ? `: ${r.crash}` : ""}`);
    expect(where((r) => r.crashed)).toEqual([]);
    expect(where((r) => r.hung)).toEqual([]);
    expect(where((r) => r.reports.length !== REPORT_FILES.length)).toEqual([]);
    expect(where((r) => r.unreportedLeaks.length > 0)).toEqual([]);
    expect(runs).toHaveLength(FAULT_KINDS.length + 1);
    // Every single-fault run injected its fault (else it proves nothing) and failed a requirement the fault breaks.
    expect(where((r) => r.kind !== MIXED && r.attributed !== true)).toEqual([]);
  });
});
