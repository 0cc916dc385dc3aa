import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/server.js";
import { sdkClient } from "../emulator/testing.js";
import { fuzz } from "./fuzz.js";
import { prepareFuzzVaults } from "./setup.js";

describe("10,000 hostile requests against the emulator", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
    await prepareFuzzVaults(sdkClient(emulator.url, emulator.accounts[0]!));
  });
  afterAll(() => emulator.close());

  it("answers every one with an AWS-shaped error, never hangs, and changes nothing", { timeout: 120_000 }, async () => {
    const client = sdkClient(emulator.url, emulator.accounts[0]!);
    const figures = await fuzz(emulator.url, emulator.accounts[0]!, client, 10_000, 20261122);
    expect(figures.examples).toEqual([]);
    expect(figures).toMatchObject({ sent: 10_000, malformed: 0, unanswered: 0, divergences: 0 });
  });
});
