/**
 * The suite's own cost (issue 17; it replaces issue 4's goal against canned answers, which skipped the signature
 * and model work every real answer needs): requests per second of a full suite run against the emulator, versus
 * the bare SDK sending the very same requests (recorded through a proxy in an untimed run of the same seed), one
 * at a time, to the same emulator, each side against a fresh emulator in its own thread. What differs is what the
 * suite adds: judging every answer, the model's prediction, the paths, shrinking. Goal: ratio >= 0.8. Rounds are
 * interleaved and the medians compared.
 */
import { DEFAULT_ACCOUNTS } from "../emulator/accounts.js";
import { sdkClient } from "../emulator/testing.js";
import { invoke } from "../conformance/invoke.js";
import { runSuite } from "../conformance/run.js";
import { emulatorTarget } from "../conformance/target.js";
import type { Operation } from "../model/index.js";
import { figure, serverWorker } from "./measure.js";
import { operationOf } from "./recording.js";
import type { Exchange } from "../conformance/harness.js";

export const SEED = 20261122;
export const RUNS = 200;
const GOAL = 0.8;
const ROUNDS = 3;

const target = (endpoint: string) => emulatorTarget(endpoint, DEFAULT_ACCOUNTS);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The AWS requests of a suite run, recorded through the conformance tests' proxy. */
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

/** Requests per second of a suite run against a fresh emulator. */
async function timedSuite(): Promise<{ perSecond: number; requests: number }> {
  const emulator = await serverWorker({ kind: "emulator", clockControl: true });
  try {
    const start = performance.now();
    const report = await runSuite({ target: target(emulator.url), seed: SEED, runs: RUNS });
    const seconds = (performance.now() - start) / 1000;
    if (report.unexpected) throw new Error(`the timed suite run had ${report.unexpected} unexpected results`);
    return { perSecond: report.requests / seconds, requests: report.requests };
  } finally {
    await emulator.stop();
  }
}

/** Requests per second of the bare SDK sending `operations` one at a time to a fresh emulator (after 200 warm-up ones). */
async function timedReplay(operations: Operation[]): Promise<number> {
  const emulator = await serverWorker({ kind: "emulator", clockControl: true });
  try {
    const client = sdkClient(emulator.url, DEFAULT_ACCOUNTS[0]!);
    for (const operation of operations.slice(0, 200)) await invoke(client, operation);
    const start = performance.now();
    for (const operation of operations) await invoke(client, operation);
    return operations.length / ((performance.now() - start) / 1000);
  } finally {
    await emulator.stop();
  }
}

export async function suiteOwnCost(): Promise<Record<string, number>> {
  const emulator = await serverWorker({ kind: "emulator", clockControl: true });
  const recording = await recordRun(emulator.url).finally(() => emulator.stop());
  const operations = recording.map(operationOf) as Operation[];
  const suite: number[] = [];
  const bare: number[] = [];
  let requests = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const run = await timedSuite();
    requests = run.requests;
    suite.push(run.perSecond);
    bare.push(await timedReplay(operations));
  }
  const ratio = median(suite) / median(bare);
  console.log(
    `suite run (${RUNS} sequences, ${requests} requests) against the emulator: ${figure(median(suite))} req/s; the bare SDK sending the same ${operations.length} requests to the same emulator: ${figure(median(bare))} req/s; ratio ${ratio.toFixed(2)} ${ratio >= GOAL ? "✔" : "✘"} (the suite's own cost, goal >= ${GOAL})`,
  );
  return {
    suiteReqPerSec: median(suite),
    sdkToEmulatorReqPerSec: median(bare),
    suiteOwnCostRatio: ratio,
    suiteRequests: requests,
  };
}
