/**
 * The work every request of a suite run needs, whatever the harness around it: the emulator verifying the
 * SigV4 signature (with the SDK's own signer) and taking a model step, and the suite taking the same step to
 * predict the answer. Measured alone, in a loop over the recorded requests, so nothing else is counted.
 */
import { DEFAULT_ACCOUNTS } from "../emulator/accounts.js";
import { Authenticator } from "../emulator/auth.js";
import { createClock } from "../emulator/clock.js";
import { VaultService } from "../emulator/service.js";
import type { Operation } from "../model/index.js";
import type { Exchange } from "../conformance/harness.js";
import { operationOf } from "./recording.js";

const PASSES = 5;

/** Median over passes of the microseconds `each` takes per item (one untimed pass first). */
async function microsEach<T>(items: T[], each: (item: T, index: number) => unknown): Promise<number> {
  const passes: number[] = [];
  for (let pass = 0; pass <= PASSES; pass++) {
    const start = performance.now();
    for (let i = 0; i < items.length; i++) await each(items[i]!, i);
    if (pass > 0) passes.push(((performance.now() - start) * 1000) / items.length);
  }
  return passes.sort((a, b) => a - b)[Math.floor(PASSES / 2)]!;
}

function signedRequest(exchange: Exchange) {
  const [rawPath = "/", rawQuery = ""] = exchange.url.split("?", 2);
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    const seen = query[key];
    query[key] = seen === undefined ? value : [seen, value].flat();
  }
  return {
    method: exchange.method,
    rawPath,
    query,
    headers: exchange.requestHeaders,
    body: Buffer.from(exchange.requestBody),
  };
}

/**
 * Microseconds per request of SigV4 verification (over the requests the suite signed correctly) and of one model
 * step (over all), for `recording`'s AWS requests.
 */
export async function workFloor(
  recording: Exchange[],
): Promise<{ verifyMicros: number; stepMicros: number; totalMicros: number }> {
  const auth = new Authenticator(DEFAULT_ACCOUNTS);
  const signed = recording.map(signedRequest);
  const requests = signed.filter((request) => {
    try {
      return Boolean(auth.verify(request));
    } catch {
      return false;
    }
  });
  const verifyMicros = await microsEach(requests, (request) => auth.verify(request));
  const operations = recording.map(operationOf) as Operation[];
  const accountId = DEFAULT_ACCOUNTS[0]!.accountId;
  let service = new VaultService(createClock());
  const stepMicros = await microsEach(operations, (operation, i) => {
    if (i === 0) service = new VaultService(createClock());
    return service.execute(operation, accountId, "us-east-1");
  });
  return { verifyMicros, stepMicros, totalMicros: verifyMicros + 2 * stepMicros };
}
