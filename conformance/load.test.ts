import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/server.js";
import { checkHistory } from "./linearizability.js";
import { loadPlan, parseLoadShape, recordLoad } from "./load.js";
import { clientFor, emulatorTarget } from "./target.js";

describe("the load generator", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  it("reads CxMxK", () => {
    expect(parseLoadShape("16x10000x16")).toEqual({ clients: 16, operations: 10_000, vaults: 16 });
    for (const bad of ["16x10000", "0x1x1", "1x1x0", "ax1x1", "1.5x2x3"]) expect(parseLoadShape(bad)).toBeUndefined();
  });

  it("plans from its seed", () => {
    const shape = { clients: 4, operations: 50, vaults: 3 };
    expect(loadPlan(shape, 7)).toEqual(loadPlan(shape, 7));
    expect(loadPlan(shape, 7)).not.toEqual(loadPlan(shape, 8));
    expect(new Set(loadPlan(shape, 7).map(([, vault]) => vault))).toEqual(new Set([0, 1, 2]));
  });

  it("records every operation of C lanes, one request at a time each, in call order, through the SDK", async () => {
    const target = emulatorTarget(emulator.url, emulator.accounts);
    const clients = Array.from({ length: 4 }, () => clientFor(target));
    const uploads: string[] = [];
    let sent = 0;
    const history = await recordLoad({ clients: 4, operations: 80, vaults: 2 }, 3, {
      clients,
      signer: target.accountId,
      region: target.region,
      toleranceMs: 5_000,
      now: Date.now,
      vaultName: (k) => `load-${k}`,
      allowCompletes: true,
      allowUploads: true,
      uploaded: (vault, id) => uploads.push(`${vault}/${id}`),
      sent: () => sent++,
    });
    for (const client of clients) client.destroy();
    expect(history.entries).toHaveLength(80);
    expect(sent).toBe(80);
    const calls = history.entries.map((e) => e.called);
    expect(calls).toEqual([...calls].sort((a, b) => a - b));
    for (let lane = 0; lane < 4; lane++) {
      const own = history.entries.filter((e) => e.client === lane);
      expect(own).toHaveLength(20);
      for (let i = 1; i < own.length; i++) expect(own[i]!.called).toBeGreaterThanOrEqual(own[i - 1]!.returned);
    }
    const acknowledged = history.entries.filter(
      (e) => e.operation.name === "UploadArchive" && e.observed.status === 201,
    );
    expect(uploads).toHaveLength(acknowledged.length);
    expect(checkHistory(history)).toMatchObject({ ok: true, components: 2 });
  });
});
