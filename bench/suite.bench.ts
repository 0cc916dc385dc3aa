/**
 * Suite harness throughput (issue 4, goal ratio >= 0.8): requests per second of a full suite run against
 * the emulator, versus the bare SDK sending the very same requests, one at a time, to a server that
 * answers each with the emulator's recorded response (so both sides parse the same errors and bodies).
 * The recording comes from an untimed run of the same seed through a recording proxy.
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
  const replayer = await serverWorker({ kind: "replayer", recording });
  const client = sdkClient(replayer.url, DEFAULT_ACCOUNTS[0]!);
  const operations = recording.map(operationOf) as Operation[];
  for (const operation of operations.slice(0, 200)) await invoke(client, operation);
  const baselineStart = performance.now();
  for (const operation of operations) await invoke(client, operation);
  const baselineSeconds = (performance.now() - baselineStart) / 1000;
  await replayer.stop();
  const suitePerSecond = report.requests / suiteSeconds;
  const sdkPerSecond = operations.length / baselineSeconds;
  const ratio = suitePerSecond / sdkPerSecond;
  console.log(
    `suite run (${report.results.length} checks, ${RUNS} sequences, unexpected ${report.unexpected}): ${report.requests} requests in ${suiteSeconds.toFixed(2)} s = ${figure(suitePerSecond)} req/s; ` +
      `bare SDK replaying the same ${operations.length} requests against canned responses: ${figure(sdkPerSecond)} req/s; ratio ${ratio.toFixed(2)} (goal >= 0.8)`,
  );
  return { suiteReqPerSec: suitePerSecond, sdkReplayReqPerSec: sdkPerSecond, suiteToSdkRatio: ratio, suiteSeconds };
}
