/**
 * `glacier-vault-lock-conformance/testing`: the emulator in users' own tests. A global setup (vitest's
 * `globalSetup`, a launcher around `node --test`) starts one emulator with clock control and hands its URL and
 * credentials to the test processes through the environment (`emulatorEnv`); any test then moves its service
 * clock over HTTP (`advanceClock`, `setClock`), so a 24-hour lock window passes in no time.
 */
import type { Emulator } from "../emulator/server.js";

/** The variable that carries the emulator's URL to test processes. */
export const EMULATOR_URL_VARIABLE = "VAULT_LOCK_EMULATOR_URL";

/**
 * What a test process needs to reach the emulator: the SDK's own variables (so `new GlacierClient({})` signs as
 * the emulator's first account and sends to it), the emulator's URL and that account's id.
 */
export function emulatorEnv(
  emulator: Pick<Emulator, "url" | "accounts">,
  region = "us-east-1",
): Record<string, string> {
  const [account] = emulator.accounts;
  if (!account) throw new Error("the emulator has no account to sign with");
  return {
    AWS_ENDPOINT_URL_GLACIER: emulator.url,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: account.accessKeyId,
    AWS_SECRET_ACCESS_KEY: account.secretAccessKey,
    [EMULATOR_URL_VARIABLE]: emulator.url,
    VAULT_LOCK_EMULATOR_ACCOUNT_ID: account.accountId,
  };
}

/** The emulator's service clock as its control route reports it. */
export interface ClockReading {
  /** Service time, ISO 8601. */
  now: string;
  /** How far the service clock is ahead of the wall clock, ms. */
  offsetMs: number;
}

function emulatorUrl(url: string | undefined): string {
  const found = url ?? process.env[EMULATOR_URL_VARIABLE];
  if (!found) throw new Error(`no emulator URL: pass one, or set ${EMULATOR_URL_VARIABLE} (emulatorEnv does)`);
  return found;
}

async function clock(url: string | undefined, body?: object): Promise<ClockReading> {
  const address = new URL("/__emulator/clock", emulatorUrl(url));
  const answer = await fetch(address, {
    method: body ? "POST" : "GET",
    ...(body ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}),
  });
  const text = await answer.text();
  if (answer.status !== 200)
    throw new Error(
      `${address.href} answered ${answer.status} ${text.slice(0, 200)}: was the emulator started with clockControl?`,
    );
  return JSON.parse(text) as ClockReading;
}

/** Reads the service clock of the emulator at `url` (default: the URL in the environment). */
export function readClock(url?: string): Promise<ClockReading> {
  return clock(url);
}

/** Moves the service clock forward by `ms` (back, when negative). */
export function advanceClock(ms: number, url?: string): Promise<ClockReading> {
  return clock(url, { advanceMs: ms });
}

/** Sets the service clock to `time`; it keeps running from there. */
export function setClock(time: Date | number | string, url?: string): Promise<ClockReading> {
  return clock(url, { now: time instanceof Date ? time.getTime() : time });
}
