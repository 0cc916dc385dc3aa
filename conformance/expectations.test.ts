import { describe, expect, it } from "vitest";
import { applyExpectations, loadExpectations } from "./expectations.js";
import type { CheckResult } from "./results.js";
import { parseReplay, formatReplay } from "./sequences.js";

const result = (id: string, verdict: CheckResult["verdict"]): CheckResult => ({
  id,
  verdict,
  generator: "path",
  target: "t",
  requirements: [],
});

describe("expectations", () => {
  const file = {
    target: "t",
    expectations: [
      { id: "path:inProgress.*", verdict: "notImplemented" as const, reason: "no lock routes" },
      { id: "gate:list-limit", verdict: "fail" as const, reason: "no validation" },
      { id: "sequences", verdict: ["fail" as const, "notImplemented" as const], reason: "depends on seed" },
    ],
  };

  it("marks covered results expected, leaves the rest unexpected and reports unused entries stale", () => {
    const applied = applyExpectations(
      [
        result("path:inProgress.GET", "notImplemented"),
        result("path:noLock.GET", "fail"),
        result("sequences", "notImplemented"),
        result("gate:list-limit", "pass"),
      ],
      file,
    );
    expect(applied.results[0]!.expected?.reason).toBe("no lock routes");
    expect(applied.unexpected.map((r) => r.id)).toEqual(["path:noLock.GET"]);
    expect(applied.stale.map((e) => e.id)).toEqual(["gate:list-limit"]);
  });

  it("never counts a skip as unexpected", () => {
    expect(applyExpectations([result("path:x", "skip")], undefined).unexpected).toEqual([]);
  });

  it("loads the shipped moto file", () => {
    const moto = loadExpectations("conformance/expectations/moto.json");
    expect(moto.target).toBe("moto");
    for (const e of moto.expectations) expect(e.reason.length).toBeGreaterThan(10);
  });
});

describe("replay strings", () => {
  it("round-trips seed, path and commands replay path", () => {
    const replay = { seed: -42, path: "3:1:0", replayPath: "AB:C/+" };
    expect(parseReplay(formatReplay(replay))).toEqual(replay);
    expect(parseReplay("7:0")).toEqual({ seed: 7, path: "0" });
    expect(() => parseReplay("nonsense")).toThrow(/SEED:PATH/);
  });
});
