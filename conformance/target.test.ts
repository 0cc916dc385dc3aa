import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ACCOUNTS } from "../emulator/accounts.js";
import { startEmulator, type Emulator } from "../emulator/server.js";
import { emulatorTarget, TargetClock } from "./target.js";

const DAY_MS = 24 * 3_600_000;

describe("TargetClock", () => {
  let controlled: Emulator;
  let plain: Emulator;
  beforeAll(async () => {
    controlled = await startEmulator({ clockControl: true });
    plain = await startEmulator();
  });
  afterAll(async () => {
    await controlled.close();
    await plain.close();
  });

  it("reads and moves the endpoint's clock over one connection, and again after close", async () => {
    controlled.clock.advance(5_000);
    const clock = new TargetClock(emulatorTarget(controlled.url, DEFAULT_ACCOUNTS));
    await clock.sync();
    expect(clock.now() - Date.now()).toBeGreaterThanOrEqual(4_000);
    await clock.advance(DAY_MS);
    expect(controlled.clock.offset()).toBe(5_000 + DAY_MS);
    clock.close();
    await clock.advance(1_000);
    expect(Math.abs(clock.now() - controlled.clock.now())).toBeLessThan(1_000);
    clock.close();
  });

  it("says why when the endpoint has no control route or the target declares none", async () => {
    const noRoute = new TargetClock(emulatorTarget(plain.url, DEFAULT_ACCOUNTS));
    await expect(noRoute.advance(1)).rejects.toThrow(/clock control answered 4\d\d/);
    noRoute.close();
    const target = emulatorTarget(plain.url, DEFAULT_ACCOUNTS);
    const undeclared = new TargetClock({ ...target, capabilities: { ...target.capabilities, clockControl: false } });
    await expect(undeclared.advance(1)).rejects.toThrow(/has no clock control/);
    await undeclared.sync();
    expect(Math.abs(undeclared.now() - Date.now())).toBeLessThan(1_000);
  });
});
