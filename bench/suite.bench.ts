/**
 * The suite's own cost (issue 17; it replaces issue 4's goal against canned answers, which skipped the signature
 * and model work every real answer needs): requests per second of a full suite run against the emulator, versus
 * the bare SDK replaying the very same requests (recorded through a proxy in an untimed run of the same seed) one
 * at a time, each by its recorded signer and with the run's clock moves (`Replay`), each side against a fresh
 * emulator in its own thread. What differs is what the suite adds: judging every answer, the model's prediction,
 * the paths, shrinking. Goal: ratio >= 0.8. Rounds are interleaved and the medians compared. Both sides, and the
 * emulators, run from the `dist/` build, as an installed package runs them.
 */
import type { GlacierClient } from "@aws-sdk/client-glacier";
import { DEFAULT_ACCOUNTS } from "../emulator/accounts.js";
import { sdkClient } from "../emulator/testing.js";
import type { Operation } from "../model/index.js";
import { compiled, figure, serverWorker } from "./measure.js";
import { replaySteps, type ReplayStep } from "./recording.js";
import type { Exchange } from "../conformance/harness.js";

export const SEED = 20261122;
export const RUNS = 200;
const GOAL = 0.8;
const ROUNDS = 3;

type Suite = typeof import("../conformance/run.js") &
  typeof import("../conformance/target.js") &
  typeof import("../conformance/invoke.js");

/** The suite's modules from the `dist/` build (`run.ts` builds it before any benchmark). */
async function builtSuite(): Promise<Suite> {
  const paths = ["conformance/run.js", "conformance/target.js", "conformance/invoke.js"];
  return Object.assign({}, ...(await Promise.all(paths.map((path) => compiled<object>(path))))) as Suite;
}

const target = (suite: Suite, endpoint: string) => suite.emulatorTarget(endpoint, DEFAULT_ACCOUNTS);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The requests of a suite run, recorded through the conformance tests' proxy. */
async function recordRun(suite: Suite, emulatorUrl: string): Promise<Exchange[]> {
  const recorder = await serverWorker({ kind: "recorder", upstream: emulatorUrl });
  try {
    await suite.runSuite({ target: target(suite, recorder.url), seed: SEED, runs: RUNS });
    return (await (await fetch(`${recorder.url}/__bench/recording`)).json()) as Exchange[];
  } finally {
    await recorder.stop();
  }
}

/** Requests per second of a suite run against a fresh emulator. */
async function timedSuite(suite: Suite): Promise<{ perSecond: number; requests: number }> {
  const emulator = await serverWorker({ kind: "emulator", clockControl: true, compiled: true });
  try {
    const start = performance.now();
    const report = await suite.runSuite({ target: target(suite, emulator.url), seed: SEED, runs: RUNS });
    const seconds = (performance.now() - start) / 1000;
    if (report.unexpected) throw new Error(`the timed suite run had ${report.unexpected} unexpected results`);
    return { perSecond: report.requests / seconds, requests: report.requests };
  } finally {
    await emulator.stop();
  }
}

/**
 * Replays a recorded run against one emulator with the bare SDK: each request signed by its recorded signer, the
 * recorded lock and archive ids mapped to the ones this emulator gave, the clock moved where the run moved it.
 */
class Replay {
  private readonly clients = new Map<string, GlacierClient>();
  private readonly ids = new Map<string, string>();
  /** Answers whose status is the recorded one (the races' winners may differ). */
  asRecorded = 0;

  constructor(
    private readonly invoke: Suite["invoke"],
    private readonly url: string,
  ) {}

  async send(step: ReplayStep): Promise<void> {
    if (step.kind === "control") {
      await (await fetch(`${this.url}${step.url}`, { method: step.method, body: step.body || undefined })).text();
      return;
    }
    const observed = await this.invoke(this.client(step.accessKeyId), this.mapped(step.operation));
    if (observed.status === step.status) this.asRecorded++;
    for (const header of ID_HEADERS) {
      const [recorded, given] = [step.headers[header], observed.headers[header]];
      if (recorded && given) this.ids.set(recorded, given);
    }
  }

  close(): void {
    for (const client of this.clients.values()) client.destroy();
  }

  private client(accessKeyId: string): GlacierClient {
    let client = this.clients.get(accessKeyId);
    if (!client) {
      const unknown = { accountId: "-", accessKeyId, secretAccessKey: "a key the emulator does not know" };
      const account = DEFAULT_ACCOUNTS.find((a) => a.accessKeyId === accessKeyId) ?? unknown;
      this.clients.set(accessKeyId, (client = sdkClient(this.url, account)));
    }
    return client;
  }

  private mapped(operation: Operation): Operation {
    if (operation.name === "CompleteVaultLock")
      return { ...operation, lockId: this.ids.get(operation.lockId) ?? operation.lockId };
    if (operation.name === "DeleteArchive")
      return { ...operation, archiveId: this.ids.get(operation.archiveId) ?? operation.archiveId };
    return operation;
  }
}

const ID_HEADERS = ["x-amz-lock-id", "x-amz-archive-id"];

/** Requests per second of the bare SDK replaying `steps` one at a time against a fresh emulator. */
async function timedReplay(suite: Suite, steps: ReplayStep[]): Promise<{ perSecond: number; asRecorded: number }> {
  const emulator = await serverWorker({ kind: "emulator", clockControl: true, compiled: true });
  const replay = new Replay(suite.invoke, emulator.url);
  try {
    const start = performance.now();
    for (const step of steps) await replay.send(step);
    const requests = steps.filter((s) => s.kind === "operation").length;
    return { perSecond: requests / ((performance.now() - start) / 1000), asRecorded: replay.asRecorded };
  } finally {
    replay.close();
    await emulator.stop();
  }
}

export async function suiteOwnCost(): Promise<Record<string, number>> {
  const built = await builtSuite();
  const emulator = await serverWorker({ kind: "emulator", clockControl: true, compiled: true });
  const steps = replaySteps(await recordRun(built, emulator.url).finally(() => emulator.stop()));
  const operations = steps.filter((s) => s.kind === "operation").length;
  await timedReplay(built, steps); // untimed: the replay's warm-up (the recording warmed the suite)
  const suite: number[] = [];
  const bare: number[] = [];
  let requests = 0;
  let asRecorded = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const run = await timedSuite(built);
    requests = run.requests;
    suite.push(run.perSecond);
    const replay = await timedReplay(built, steps);
    bare.push(replay.perSecond);
    asRecorded = replay.asRecorded;
  }
  const ratio = median(suite) / median(bare);
  console.log(
    `suite run (${RUNS} sequences, ${requests} requests) against the emulator: ${figure(median(suite))} req/s; the bare SDK replaying the same ${operations} requests (each by its signer, the clock moved as recorded; ${asRecorded} answers as recorded) to the same emulator: ${figure(median(bare))} req/s; ratio ${ratio.toFixed(2)} ${ratio >= GOAL ? "✔" : "✘"} (the suite's own cost, goal >= ${GOAL})`,
  );
  return {
    suiteReqPerSec: median(suite),
    sdkToEmulatorReqPerSec: median(bare),
    suiteOwnCostRatio: ratio,
    suiteRequests: requests,
    replayedAsRecorded: asRecorded / operations,
  };
}
