/**
 * Suite harness throughput (issue 4, goal ratio >= 0.8): requests per second of a full suite run against
 * the emulator, versus the bare SDK sending the very same requests, one at a time, to a server that
 * answers each with the emulator's recorded response (so both sides parse the same errors and bodies).
 * The recording comes from an untimed run of the same seed through a recording proxy. Two arrangements, each
 * like for like: servers in their own threads, and everything in one thread (how `npm start` embeds the
 * emulator). The same requests sent by the bare SDK to a fresh emulator split the first ratio into the suite's own
 * cost and the emulator's; `workFloor` measures, alone, the work every request needs on both sides.
 */
import { DEFAULT_ACCOUNTS } from "../emulator/accounts.js";
import { startEmulator } from "../emulator/server.js";
import { sdkClient } from "../emulator/testing.js";
import { invoke } from "../conformance/invoke.js";
import { runSuite, type Shard } from "../conformance/run.js";
import { emulatorTarget } from "../conformance/target.js";
import type { Operation } from "../model/index.js";
import { workFloor } from "./floor.js";
import { figure, serverWorker } from "./measure.js";
import { operationOf } from "./recording.js";
import type { Exchange } from "../conformance/harness.js";
import { listenBenchServer } from "./servers.js";

export const SEED = 20261122;
export const RUNS = 200;
export const GOAL = 0.8;

export const target = (endpoint: string) => emulatorTarget(endpoint, DEFAULT_ACCOUNTS);

export interface Server {
  url: string;
  stop: () => Promise<unknown>;
}

/**
 * Records the AWS exchanges of a suite run (or of one shard of it) through a proxy; the emulator stays up (and warm)
 * for the timed run.
 */
export async function recordRun(emulatorUrl: string, shard?: Shard): Promise<Exchange[]> {
  const recorder = await serverWorker({ kind: "recorder", upstream: emulatorUrl });
  try {
    await runSuite({ target: target(recorder.url), seed: SEED, runs: RUNS, ...(shard ? { shard } : {}) });
    const recording = (await (await fetch(`${recorder.url}/__bench/recording`)).json()) as Exchange[];
    return recording.filter((e) => operationOf(e) !== undefined);
  } finally {
    await recorder.stop();
  }
}

/** Requests per second of a suite run against `server` (after one untimed run, so both sides are warm). */
async function timedSuite(server: Server, warm = true): Promise<{ perSecond: number; requests: number }> {
  if (warm) await runSuite({ target: target(server.url), seed: SEED, runs: RUNS });
  const start = performance.now();
  const report = await runSuite({ target: target(server.url), seed: SEED, runs: RUNS });
  const seconds = (performance.now() - start) / 1000;
  await server.stop();
  if (report.unexpected) throw new Error(`the timed suite run had ${report.unexpected} unexpected results`);
  return { perSecond: report.requests / seconds, requests: report.requests };
}

/** Requests per second of the bare SDK sending `operations` one at a time to `server` (after 200 warm-up ones). */
export function replay(operations: Operation[], server: Server): Promise<number> {
  return replayLanes([{ operations, server }]);
}

/**
 * Requests per second of the bare SDK sending each lane's operations one at a time to its server, all lanes at
 * once (after 200 warm-up requests each); stops the servers.
 */
export async function replayLanes(lanes: { operations: Operation[]; server: Server }[]): Promise<number> {
  const clients = lanes.map(({ server }) => sdkClient(server.url, DEFAULT_ACCOUNTS[0]!));
  const send = async (operations: Operation[], k: number) => {
    for (const operation of operations) await invoke(clients[k]!, operation);
  };
  await Promise.all(lanes.map(({ operations }, k) => send(operations.slice(0, 200), k)));
  const start = performance.now();
  await Promise.all(lanes.map(({ operations }, k) => send(operations, k)));
  const seconds = (performance.now() - start) / 1000;
  await Promise.all(lanes.map(({ server }) => server.stop()));
  return lanes.reduce((sum, { operations }) => sum + operations.length, 0) / seconds;
}

export const mark = (ratio: number) => `${ratio.toFixed(2)} ${ratio >= GOAL ? "✔" : "✘"}`;

export async function suiteVersusSdk(): Promise<Record<string, number>> {
  const emulator = await serverWorker({ kind: "emulator", clockControl: true });
  const recording = await recordRun(emulator.url);
  const operations = recording.map(operationOf) as Operation[];
  const threads = await timedSuite(emulator, false);
  const sdkPerSecond = await replay(operations, await serverWorker({ kind: "replayer", recording }));
  const sdkToEmulatorPerSecond = await replay(operations, await serverWorker({ kind: "emulator", clockControl: true }));
  const embedded = await startEmulator({ clockControl: true });
  const oneThread = await timedSuite({ url: embedded.url, stop: () => embedded.close() });
  const sdkOneThread = await replay(operations, await listenBenchServer({ kind: "replayer", recording }));
  const ratio = threads.perSecond / sdkPerSecond;
  const oneThreadRatio = oneThread.perSecond / sdkOneThread;
  console.log(
    `suite run (${RUNS} sequences): ${threads.requests} requests; against canned answers the bare SDK sends the same ${operations.length} requests (goal >= ${GOAL}):\n` +
      `  servers in their own threads: suite ${figure(threads.perSecond)} req/s, bare SDK ${figure(sdkPerSecond)} req/s, ratio ${mark(ratio)}\n` +
      `    split: bare SDK to a fresh emulator ${figure(sdkToEmulatorPerSecond)} req/s; suite / that ${(threads.perSecond / sdkToEmulatorPerSecond).toFixed(2)} (the suite's own cost), that / canned ${(sdkToEmulatorPerSecond / sdkPerSecond).toFixed(2)} (the emulator's)\n` +
      `  one thread, like npm start: suite ${figure(oneThread.perSecond)} req/s, bare SDK ${figure(sdkOneThread)} req/s, ratio ${mark(oneThreadRatio)}`,
  );
  const floor = await workFloor(recording);
  const roundTripMicros = 1e6 / sdkOneThread;
  const budgetMicros = roundTripMicros * (1 / GOAL - 1);
  console.log(
    `  work every request needs, measured alone: SigV4 verification ${floor.verifyMicros.toFixed(0)} µs + model step ${floor.stepMicros.toFixed(0)} µs × 2 (the emulator serves it, the suite predicts it) = ${floor.totalMicros.toFixed(0)} µs; ` +
      `${GOAL} leaves ${budgetMicros.toFixed(0)} µs over the one-thread canned round trip of ${roundTripMicros.toFixed(0)} µs`,
  );
  return {
    suiteReqPerSec: threads.perSecond,
    sdkReplayReqPerSec: sdkPerSecond,
    sdkToEmulatorReqPerSec: sdkToEmulatorPerSecond,
    suiteToSdkRatio: ratio,
    suiteOneThreadReqPerSec: oneThread.perSecond,
    sdkOneThreadReqPerSec: sdkOneThread,
    suiteToSdkOneThreadRatio: oneThreadRatio,
    floorMicros: floor.totalMicros,
    budgetMicros,
  };
}
