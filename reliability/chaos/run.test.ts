import { describe, expect, it } from "vitest";
import { faultOf } from "./faults.js";
import { stackTraceError } from "./child.js";
import { attributedTo, type ChaosRun } from "./run.js";
import { chaosTable, figuresByKind, survived } from "./summary.js";

const UNCAUGHT = `seed 1; target 127.0.0.1:38605
node:internal/modules/run_main:123
    triggerUncaughtException(
    ^

Error: read ECONNRESET
    at TCP.onStreamRead (node:internal/stream_base_commons:218:20) {
  errno: -104,
  code: 'ECONNRESET',
}

Node.js v20.20.2
`;

const TYPE_ERROR = `file:///work/main/conformance/paths.ts:120
TypeError: list.map is not a function
    at listOrder (file:///work/main/conformance/paths.ts:120:18)
    at async Promise.all (index 3)
`;

function record(overrides: Partial<ChaosRun>): ChaosRun {
  return {
    kind: "reset",
    seed: 1,
    scope: "aws",
    injected: { reset: 1 },
    exitCode: 0,
    crashed: false,
    hung: false,
    reports: ["report.json", "report.md", "report.html", "junit.xml"],
    upstreamVaults: [],
    reportedLeftovers: [],
    unreportedLeaks: [],
    failures: [],
    suiteErrors: [],
    durationMs: 1000,
    ...overrides,
  };
}

describe("the chaos driver's judgement of a run", () => {
  it("finds the error line of a stack trace, and none in ordinary output", () => {
    expect(stackTraceError(UNCAUGHT)).toBe("Error: read ECONNRESET");
    expect(stackTraceError(TYPE_ERROR)).toBe("TypeError: list.map is not a function");
    expect(stackTraceError("seed 1; target x\nRESULT: 3 unexpected results\n  at path:locked.ABORT\n")).toBeUndefined();
  });

  it("attributes a run to a fault through a failure naming a requirement it breaks, or none if it breaks nothing", () => {
    const lockId = faultOf("drop-x-amz-lock-id");
    const initiate = { id: "path:noLock.INITIATE", requirements: ["INIT-INSTALLS-POLICY"] };
    const other = { id: "gate:list", requirements: ["LIST-VAULTS"] };
    const suiteError = { id: "sequence", requirements: [] };
    expect([attributedTo(lockId, [initiate]), attributedTo(lockId, [other, suiteError])]).toEqual([true, false]);
    const reset = faultOf("reset");
    expect([attributedTo(reset, [other]), attributedTo(reset, [suiteError])]).toEqual([true, false]);
    const delay = faultOf("delay");
    expect([attributedTo(delay, []), attributedTo(delay, [other])]).toEqual([true, false]);
  });

  it("counts crashes, hangs, reports and unreported vaults per kind, with a total", () => {
    const runs = [
      record({ crashed: true, crash: "Error: read ECONNRESET", exitCode: 1, reports: [], attributed: false }),
      record({ seed: 2, unreportedLeaks: ["vlc-a", "vlc-b"], upstreamVaults: ["vlc-a", "vlc-b"], attributed: true }),
      record({ kind: "stall", hung: true, exitCode: null, reports: [], injected: { stall: 1 } }),
      record({ kind: "mixed", injected: {}, exitCode: 3 }),
    ];
    const rows = figuresByKind(runs);
    expect(
      rows.map((r) => [r.kind, r.runs, r.crashes, r.hangs, r.reportsWritten, r.leakingRuns, r.leakedVaults]),
    ).toEqual([
      ["reset", 2, 1, 0, 1, 1, 2],
      ["stall", 1, 0, 1, 0, 0, 0],
      ["mixed", 1, 0, 0, 1, 0, 0],
      ["total", 4, 1, 1, 2, 1, 2],
    ]);
    expect(rows[0]).toMatchObject({
      injected: 2,
      attributable: 2,
      attributed: 1,
      crashLines: ["Error: read ECONNRESET"],
    });
    expect(survived(rows)).toBe(false);
    expect(survived(figuresByKind([record({})]))).toBe(true);
    const table = chaosTable(rows).split("\n");
    expect(table[0]).toMatch(/^kind +runs +injected +crashes +hangs +exit 3 +reports +unreported leaks +attributed$/);
    expect(table[1]).toMatch(/^reset +2 +2 +1 +0 +0 +1\/2 +1 \(2 vaults\) +1\/2$/);
    expect(table[3]).toMatch(/^mixed +1 +0 +0 +0 +1 +1\/1 +0 \(0 vaults\) +-$/);
  });
});
