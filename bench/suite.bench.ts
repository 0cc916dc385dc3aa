/**
 * Suite harness throughput (issue 4, goal ratio >= 0.8): requests per second of a full suite run against
 * the emulator, versus the bare SDK sending the very same requests, one at a time, to a server that
 * answers each with the emulator's recorded response (so both sides parse the same errors and bodies).
 * The recording comes from an untimed run of the same seed through a recording proxy. The same requests sent by
 * the bare SDK to a fresh emulator split the ratio into the suite's own cost and the emulator's.
 */
import { DEFAULT_ACCOUNTS } from "../emulator/accounts.js";
import { HANDLERS } from "../emulator/handlers.js";
import { matchRoute } from "../emulator/routes.js";
import { sdkClient } from "../emulator/testing.js";
import { invoke } from "../conformance/invoke.js";
import { runSuite } from "../conformance/run.js";
import { emulatorTarget } from "../conformance/target.js";
import { treeHash, type Operation } from "../model/index.js";
import { figure, serverWorker } from "./measure.js";
import type { Exchange } from "./servers.js";

const SEED = 20261122;
const RUNS = 200;

const target = (endpoint: string) => emulatorTarget(endpoint, DEFAULT_ACCOUNTS);

/** The model operation a recorded AWS request was (read by the emulator's own handlers), or undefined for control requests. */
function operationOf(exchange: Exchange): Operation | undefined {
  const [path = "/", rawQuery = ""] = exchange.url.split("?", 2);
  const query = new URLSearchParams(rawQuery);
  const route = matchRoute(exchange.method, path, query);
  if (!route) return undefined;
  const body = Buffer.from(exchange.body);
  const headers = { "x-amz-sha256-tree-hash": treeHash(body), "x-amz-content-sha256": "recorded" };
  return HANDLERS[route.operation]({ route, body, query, headers });
}

/** Records the exchanges of a suite run through a proxy; the emulator stays up (and warm) for the timed run. */
async function recordRun(emulatorUrl: string): Promise<Exchange[]> {
  const recorder = await serverWorker({ kind: "recorder", upstream: emulatorUrl });
  try {
    await runSuite({ target: target(recorder.url), seed: SEED, runs: RUNS });
    const recording = (await (await fetch(`${recorder.url}/__bench/recording`)).json()) as Exchange[];
    return recording.filter((e) => operationOf(e) !== undefined);
  } finally {
    await recorder.stop();
  }
}

export async function suiteVersusSdk(): Promise<Record<string, number>> {
  const emulator = await serverWorker({ kind: "emulator", clockControl: true });
  const recording = await recordRun(emulator.url);
  const start = performance.now();
  const report = await runSuite({ target: target(emulator.url), seed: SEED, runs: RUNS });
  const suiteSeconds = (performance.now() - start) / 1000;
  await emulator.stop();
  const operations = recording.map(operationOf) as Operation[];
  const sdkPerSecond = await replay(operations, await serverWorker({ kind: "replayer", recording }));
  const sdkToEmulatorPerSecond = await replay(operations, await serverWorker({ kind: "emulator", clockControl: true }));
  const suitePerSecond = report.requests / suiteSeconds;
  const ratio = suitePerSecond / sdkPerSecond;
  console.log(
    `suite run (${report.results.length} checks, ${RUNS} sequences, unexpected ${report.unexpected}): ${report.requests} requests in ${suiteSeconds.toFixed(2)} s = ${figure(suitePerSecond)} req/s; ` +
      `bare SDK replaying the same ${operations.length} requests against canned responses: ${figure(sdkPerSecond)} req/s; ratio ${ratio.toFixed(2)} (goal >= 0.8)`,
  );
  console.log(
    `  where the gap is: bare SDK replaying them against a fresh emulator: ${figure(sdkToEmulatorPerSecond)} req/s; ` +
      `suite / that ${(suitePerSecond / sdkToEmulatorPerSecond).toFixed(2)} (the suite's own cost), that / canned ${(sdkToEmulatorPerSecond / sdkPerSecond).toFixed(2)} (the emulator's)`,
  );
  return {
    suiteReqPerSec: suitePerSecond,
    sdkReplayReqPerSec: sdkPerSecond,
    sdkToEmulatorReqPerSec: sdkToEmulatorPerSecond,
    suiteToSdkRatio: ratio,
    suiteSeconds,
  };
}

/** Requests per second of the bare SDK sending `operations` one at a time to `server` (after 200 warm-up ones). */
async function replay(operations: Operation[], server: Awaited<ReturnType<typeof serverWorker>>): Promise<number> {
  const client = sdkClient(server.url, DEFAULT_ACCOUNTS[0]!);
  for (const operation of operations.slice(0, 200)) await invoke(client, operation);
  const start = performance.now();
  for (const operation of operations) await invoke(client, operation);
  const seconds = (performance.now() - start) / 1000;
  await server.stop();
  return operations.length / seconds;
}
