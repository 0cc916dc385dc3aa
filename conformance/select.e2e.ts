import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/server.js";
import { EDGES } from "../model/index.js";
import type { CheckResult } from "./results.js";
import { runSuite } from "./run.js";
import { emulatorTarget } from "./target.js";

const pathIds = (results: CheckResult[]) => results.filter((r) => r.id.startsWith("path:")).map((r) => r.id);

describe("a run that selects its checks or stops after a result", () => {
  let reference: Emulator;
  let mutant: Emulator;
  beforeAll(async () => {
    reference = await startEmulator({ clockControl: true });
    mutant = await startEmulator({ clockControl: true, mutant: "abort-locked-404" });
  });
  afterAll(async () => {
    await reference.close();
    await mutant.close();
  });

  it("runs only the checks whose scope `select` keeps, and no sequences", async () => {
    const report = await runSuite({
      target: emulatorTarget(reference.url, reference.accounts),
      seed: 1,
      runs: 10,
      select: ({ aimed }) => aimed.includes("DV-DELETES"),
    });
    const aimedPaths = EDGES.filter((e) => e.meta.requirements.includes("DV-DELETES")).map((e) => `path:${e.id}`);
    expect(aimedPaths.length).toBeGreaterThan(0);
    expect(pathIds(report.results)).toEqual(aimedPaths);
    expect(report.results.filter((r) => ["sequence", "race", "protocol"].includes(r.generator))).toEqual([]);
    expect(report.results.filter((r) => r.verdict !== "pass").map((r) => r.id)).toEqual([]);
    expect(report.leftovers).toEqual([]);
  });

  it("keeps a path whose requests meet the requirement on the way when `select` asks for what a check covers", async () => {
    const report = await runSuite({
      target: emulatorTarget(reference.url, reference.accounts),
      seed: 1,
      runs: 10,
      generators: ["path"],
      select: ({ aimed, covers }) =>
        !aimed.includes("GET-NO-LOCK-NOT-FOUND") && covers.includes("GET-NO-LOCK-NOT-FOUND"),
    });
    expect(pathIds(report.results)).toContain("path:inProgress.TICK.expired");
    expect(pathIds(report.results)).not.toContain("path:noLock.GET");
  });

  it("runs no check after the first result `stopAfter` accepts, and still cleans up", async () => {
    const kills = (r: CheckResult) => r.verdict === "fail" && r.requirements.includes("ABORT-LOCKED-DENIED");
    const report = await runSuite({
      target: emulatorTarget(mutant.url, mutant.accounts),
      seed: 1,
      runs: 10,
      stopAfter: kills,
    });
    const checks = report.results.filter(
      (r) => !["preflight", "wire"].includes(r.generator) && !r.id.startsWith("field:"),
    );
    expect(checks.filter(kills).map((r) => r.id)).toEqual([checks.at(-1)!.id]);
    expect(pathIds(report.results).length).toBeLessThan(EDGES.length);
    expect(report.results.some((r) => r.generator === "sequence")).toBe(false);
    expect(report.leftovers).toEqual([]);
  });
});
