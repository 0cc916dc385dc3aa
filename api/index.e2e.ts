import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/server.js";
import {
  checkHistory,
  decodeHistory,
  emulatorTarget,
  encodeHistory,
  InvalidInput,
  runConformance,
  type ConformanceOptions,
  type History,
} from "./index.js";

describe("runConformance's race options", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ clockControl: true });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it("runs the load race it is given and hands over every race's whole history, which checks again as data", async () => {
    const histories = new Map<string, History>();
    const report = await runConformance(emulatorTarget(emulator.url, emulator.accounts), {
      seed: 3,
      runs: 1,
      load: { clients: 4, operations: 60, vaults: 2 },
      onHistory: (id, history) => histories.set(id, history),
    });
    const races = report.runs[0]!.results.filter((r) => r.generator === "race");
    expect(races.map((r) => [r.id, r.verdict])).toEqual([
      ["race:initiate-x16", "pass"],
      ["race:complete-vs-abort", "pass"],
      ["race:load-4x60x2", "pass"],
    ]);
    expect([...histories.keys()]).toEqual(races.map((r) => r.id));
    expect(histories.get("race:load-4x60x2")!.entries).toHaveLength(60);
    for (const history of histories.values())
      expect(checkHistory(decodeHistory(encodeHistory(history)), { budget: 1_000_000 })).toMatchObject({ ok: true });
  });

  it("refuses a count that is not a whole number of at least 1 before it sends anything", async () => {
    const target = emulatorTarget(emulator.url, emulator.accounts);
    const refused: [ConformanceOptions, string][] = [
      [{ searchBudget: 0 }, "searchBudget 0: takes a whole number of at least 1"],
      [{ load: { clients: 4, operations: 2.5, vaults: 1 } }, "load.operations 2.5: takes a whole number of at least 1"],
      [{ load: { clients: 4, vaults: 1 } as never }, "load.operations NaN: takes a whole number of at least 1"],
    ];
    for (const [options, message] of refused) {
      const run = runConformance(target, options);
      await expect(run).rejects.toThrow(InvalidInput);
      await expect(run).rejects.toThrow(message);
    }
  });
});
