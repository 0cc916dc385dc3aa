import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ACCOUNTS } from "../emulator/accounts.js";
import { startEmulator, type Emulator } from "../emulator/server.js";
import { ClockControlFailure, emulatorTarget, TargetClock } from "./target.js";

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
    await expect(noRoute.advance(1)).rejects.toThrow(/clock control POST answered 4\d\d/);
    noRoute.close();
    const target = emulatorTarget(plain.url, DEFAULT_ACCOUNTS);
    const undeclared = new TargetClock({ ...target, capabilities: { ...target.capabilities, clockControl: false } });
    await expect(undeclared.advance(1)).rejects.toThrow(/has no clock control/);
    await undeclared.sync();
    expect(Math.abs(undeclared.now() - Date.now())).toBeLessThan(1_000);
  });
});

describe("TargetClock against a broken control route", () => {
  const ANSWERS: Record<string, [number, string] | "stall"> = {
    garbage: [200, "<<garbage>>"],
    null: [200, "null"],
    nonIso: [200, JSON.stringify({ now: "tomorrow", offsetMs: 0 })],
    noOffset: [200, JSON.stringify({ now: new Date().toISOString() })],
    serverError: [500, JSON.stringify({ now: new Date().toISOString(), offsetMs: 0 })],
    notMoved: [200, JSON.stringify({ now: new Date().toISOString(), offsetMs: 0 })],
    stall: "stall",
  };
  const servers: Server[] = [];
  const urls: Record<string, string> = {};
  beforeAll(async () => {
    for (const [kind, answer] of Object.entries(ANSWERS)) {
      const server = createServer((_, res) => {
        if (answer !== "stall") res.writeHead(answer[0], { "content-type": "application/json" }).end(answer[1]);
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      urls[kind] = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      servers.push(server);
    }
  });
  afterAll(() => {
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
  });

  it.each([
    ["garbage", /answered 200 "<<garbage>>"/],
    ["null", /answered 200 "null", not/],
    ["nonIso", /now "tomorrow", not an ISO date/],
    ["noOffset", /not \{"now": ISO date, "offsetMs": number\}/],
    ["serverError", /answered 500/],
    ["notMoved", /moved the clock to offset 0 ms instead of 60000/],
    ["stall", /no answer within 200 ms/],
  ])("fails with ClockControlFailure on %s", async (kind, message) => {
    const clock = new TargetClock(emulatorTarget(urls[kind]!, DEFAULT_ACCOUNTS), { deadlineMs: 200 });
    const failure = await clock.advance(60_000).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ClockControlFailure);
    expect((failure as Error).message).toMatch(message);
    clock.close();
  });
});
