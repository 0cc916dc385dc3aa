import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/server.js";
import { EDGES, REQUIREMENTS } from "../model/index.js";
import { loadExpectations } from "./expectations.js";
import { SCENARIOS } from "./policies.js";
import { emulatorTarget } from "./target.js";
import { runSuite, type RunReport } from "./run.js";

describe("the suite against the reference emulator", () => {
  let emulator: Emulator;
  let report: RunReport;
  beforeAll(async () => {
    emulator = await startEmulator({ clockControl: true });
    const expectations = loadExpectations("conformance/expectations/emulator.json");
    report = await runSuite({
      target: emulatorTarget(emulator.url, emulator.accounts),
      seed: 20261122,
      runs: 100,
      expectations,
    });
  });
  afterAll(() => emulator.close());

  it("passes every check, with nothing unexpected, stale or left behind", () => {
    const notPassed = report.results.filter((r) => r.verdict !== "pass").map((r) => `${r.id}: ${r.reason}`);
    expect(notPassed).toEqual([]);
    expect(report.unexpected).toBe(0);
    expect(report.stale).toEqual([]);
    expect(report.leftovers).toEqual([]);
  });

  it("takes every model transition through a deterministic path", () => {
    const paths = new Set(report.results.filter((r) => r.generator === "path").map((r) => r.id));
    expect(EDGES.filter((e) => !paths.has(`path:${e.id}`)).map((e) => e.id)).toEqual([]);
  });

  it("exercises every lifecycle and request requirement", () => {
    const exercised = new Set(
      report.results
        .filter((r) => r.verdict === "pass")
        .flatMap((r) => [...r.requirements, ...(r.trace ?? []).flatMap((s) => s.requirements)]),
    );
    const missing = REQUIREMENTS.filter(
      (r) => (r.scope === "lifecycle" || r.scope === "request") && !exercised.has(r.id),
    ).map((r) => r.id);
    expect(missing).toEqual([]);
  });

  it("answers each policy scenario as scripted, and exercises every policy requirement but the self-lock choice", () => {
    for (const scenario of SCENARIOS) {
      const result = report.results.find((r) => r.id === scenario.id);
      const scripted = scenario.steps.map((s) => ("expect" in s ? s.expect : "200"));
      expect(
        result?.trace?.map((s) => s.observed),
        scenario.id,
      ).toEqual(scripted);
    }
    const exercised = new Set(report.results.filter((r) => r.verdict === "pass").flatMap((r) => r.requirements));
    const policy = REQUIREMENTS.filter((r) => r.scope === "policy" && !exercised.has(r.id)).map((r) => r.id);
    // The refusals of constructs outside the evaluator's subset, and the lock operations' own policy, are checked
    // by the model's tests (model/policy/*.test.ts); each says why in the report.
    expect(policy.sort()).toEqual(["POL-SELF-LOCK", "POL-SUBSET", "POL-SUBSET-VALUES", "POL-SUBSET-VARIABLES"]);
    for (const id of policy) expect(REQUIREMENTS.find((r) => r.id === id)?.exercisedOnlyWhen, id).toBeTruthy();
  });

  it("records the emulator's choice for unspecified behaviour in the census", () => {
    expect(report.census["COMP-NO-LOCK"]).toContain("noLock.COMPLETE.randomId: 400 InvalidParameterValueException");
    expect(report.census["INIT-LOCKED-REFUSED"]).toContain("locked.INITIATE.validPolicy: 403 AccessDeniedException");
  });
});
