import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/server.js";
import { runSuite } from "./run.js";
import { emulatorTarget } from "./target.js";

describe("races whose search runs out of budget", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ clockControl: true });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it("are skipped as undecided, neither passed nor failed, with the longest order found in the report", async () => {
    const target = emulatorTarget(emulator.url, emulator.accounts);
    const load = { clients: 4, operations: 40, vaults: 2 };
    const report = await runSuite({ target, seed: 5, runs: 1, generators: ["race"], load, searchBudget: 3 });
    const races = report.results.filter((r) => r.generator === "race");
    expect(races.map((r) => r.id)).toEqual(["race:initiate-x16", "race:complete-vs-abort", "race:load-4x40x2"]);
    for (const race of races) {
      expect(race.verdict, race.reason).toBe("skip");
      expect(race.reason).toMatch(
        /^undecided \(.+\): the search spent its budget of 3 \(1 a placed set and state, 30 a model step\)/,
      );
      expect(race.history?.linearization).toMatchObject({ ok: false, undecided: true });
    }
  });
});
