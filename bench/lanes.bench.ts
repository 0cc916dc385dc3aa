/**
 * Whether running checks side by side would lift the suite ratio (issue 4): the shards of one run at once, each
 * against its own emulator (its own service clock, so each stays replayable from its seed), versus the bare SDK
 * sending each shard's recorded requests to canned answers with the same concurrency.
 */
import { runSuite, type Shard } from "../conformance/run.js";
import type { Operation } from "../model/index.js";
import { figure, serverWorker } from "./measure.js";
import { operationOf } from "./recording.js";
import { GOAL, mark, recordRun, replayLanes, RUNS, SEED, target } from "./suite.bench.js";

export async function lanesVersusSdk(lanes = 2): Promise<Record<string, number>> {
  const shards: Shard[] = Array.from({ length: lanes }, (_, i) => ({ index: i + 1, count: lanes }));
  const emulators = await Promise.all(shards.map(() => serverWorker({ kind: "emulator", clockControl: true })));
  const recordings = [];
  for (const [k, shard] of shards.entries()) recordings.push(await recordRun(emulators[k]!.url, shard));
  const start = performance.now();
  const reports = await Promise.all(
    shards.map((shard, k) => runSuite({ target: target(emulators[k]!.url), seed: SEED, runs: RUNS, shard })),
  );
  const seconds = (performance.now() - start) / 1000;
  await Promise.all(emulators.map((emulator) => emulator.stop()));
  if (reports.some((report) => report.unexpected)) throw new Error("a timed shard had unexpected results");
  const suitePerSecond = reports.reduce((sum, report) => sum + report.requests, 0) / seconds;
  const sdkPerSecond = await replayLanes(
    await Promise.all(
      recordings.map(async (recording) => ({
        operations: recording.map(operationOf) as Operation[],
        server: await serverWorker({ kind: "replayer", recording }),
      })),
    ),
  );
  const ratio = suitePerSecond / sdkPerSecond;
  console.log(
    `  ${lanes} shards at once, each with its own emulator: suite ${figure(suitePerSecond)} req/s, bare SDK at the same concurrency ${figure(sdkPerSecond)} req/s, ratio ${mark(ratio)} (goal >= ${GOAL})`,
  );
  return { lanesSuiteReqPerSec: suitePerSecond, lanesSdkReqPerSec: sdkPerSecond, lanesRatio: ratio };
}
