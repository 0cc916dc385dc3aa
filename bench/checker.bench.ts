/**
 * The linearizability checker's scaling (issue 17), every history checked in full:
 * - histories recorded by the load generator from the emulator (in its own thread) through the SDK: 8 clients ×
 *   1,000 and × 10,000 operations on one vault (fixed concurrency; goal: the longer one costs <= 12× the shorter),
 *   and 16 clients × 10,000 operations over 16 vaults, checked against the time it took to record;
 * - vault partitioning (goal: the same operations over 16 vaults checked >= 4× faster than over 1): the first
 *   calls of each of the 16 recorded lanes, at their recorded call and return times, each given an operation of
 *   the load's mix, on vault 0 or on the vault the load's plan drew (of 16), answered by the model in the order of
 *   the calls' midpoints, so both histories are linearizable and differ only in where operations go. The goal
 *   figure is that pair (PER_CLIENT_FAILING calls a lane) with one answer made impossible in both: a failing
 *   search must rule out every order, which on one vault of 16 concurrent lanes grows with the subsets of what is
 *   in flight, and partitioning confines it to one vault's few operations. Reported beside it, the passing pair
 *   (PER_CLIENT calls a lane), where the memoized search on one vault is already linear: nothing to save there;
 * - a fully concurrent 32-operation history on one vault (every call before every return; goal: it finishes), and
 *   the same 32 operations dealt over 16 vaults, answered by the model in order: reported beside the goal figure,
 *   since on it the memoized search on one vault is already near-linear, so partitioning has little to save there.
 *   Every vault exists before the first call in both pairs, so every operation meets a vault.
 * Timings are medians of PASSES interleaved samples after a warm-up to a steady speed, a short check repeated so
 * each sample lasts SAMPLE_SECONDS at least; ratios are medians of the two samples' ratio in each pass.
 */
import fc from "fast-check";
import { checkHistory } from "../conformance/linearizability.js";
import type { History } from "../conformance/history.js";
import {
  modelHistory,
  modelRun,
  modelTimedHistory,
  type Interval,
  type MadeOperation,
} from "../conformance/history-testing.js";
import { loadOperation, loadPlan, recordLoad, type LoadKind, type LoadShape } from "../conformance/load.js";
import { clientFor, emulatorTarget } from "../conformance/target.js";
import { DEFAULT_ACCOUNTS } from "../emulator/accounts.js";
import { examplePolicy, type Operation } from "../model/index.js";
import { figure, serverWorker } from "./measure.js";

const PASSES = 9;
const SHUFFLE_SEED = 17;

async function recorded(url: string, shape: LoadShape, seed: number): Promise<{ history: History; seconds: number }> {
  const target = emulatorTarget(url, DEFAULT_ACCOUNTS);
  const clients = Array.from({ length: shape.clients }, () => clientFor(target));
  const start = performance.now();
  const history = await recordLoad(shape, seed, {
    clients,
    signer: target.accountId,
    region: target.region,
    toleranceMs: 5_000,
    now: Date.now,
    vaultName: (k) => `bench-${shape.clients}x${shape.operations}x${shape.vaults}-${k}`,
    allowCompletes: true,
    allowUploads: true,
  });
  const seconds = (performance.now() - start) / 1000;
  for (const client of clients) client.destroy();
  return { history, seconds };
}

/** How long each timed sample lasts at least: a short history is checked that many times over and averaged. */
const SAMPLE_SECONDS = 0.25;
/**
 * The warm-up, in rounds of checks lasting WARM_SECONDS at least: it ends with the first round less than 5% faster
 * than the one before, or after MAX_WARM_ROUNDS. Not a fixed time: a long history's check gets faster for seconds
 * (here a 10,000-operation check took 470 ms in a fresh process and about 130 ms after some 40 checks, as the
 * JIT and the heap's young generation settle), while a short one settles in a few checks.
 */
const WARM_SECONDS = 0.25;
const MAX_WARM_ROUNDS = 24;

/**
 * Seconds a check of `history` takes, the mean of `times`; throws unless each verdict is `linearizable`. With no
 * search budget: every check here is decided, however long it takes.
 */
function timeCheck(history: History, times: number, linearizable = true): number {
  const start = performance.now();
  for (let k = 0; k < times; k++)
    if (checkHistory(history, { budget: Infinity }).ok !== linearizable)
      throw new Error(
        `a benchmark history of ${history.entries.length} operations is ${linearizable ? "not " : ""}linearizable`,
      );
  return (performance.now() - start) / 1000 / times;
}

/** Seconds a check of `history` takes, the mean over checks repeated for `seconds` at least (once at least). */
function timeFor(history: History, seconds: number, linearizable: boolean): number {
  const start = performance.now();
  let runs = 0;
  for (; runs === 0 || performance.now() - start < seconds * 1000; runs++) timeCheck(history, 1, linearizable);
  return (performance.now() - start) / 1000 / runs;
}

/** Seconds a warm check of `history` takes: the last warm-up round's mean. */
function warmCheck(history: History, linearizable: boolean): number {
  let previous = timeFor(history, WARM_SECONDS, linearizable);
  for (let round = 1; round < MAX_WARM_ROUNDS; round++) {
    const mean = timeFor(history, WARM_SECONDS, linearizable);
    if (mean > previous * 0.95) return mean;
    previous = mean;
  }
  return previous;
}

/**
 * Seconds each history's check takes, one sample per pass for each, the passes interleaving the histories after
 * each is warmed up (which also sets how many checks each sample averages, so that none lasts under
 * SAMPLE_SECONDS); throws unless each verdict is `linearizable`.
 */
function timedPasses(histories: History[], linearizable = true): number[][] {
  const repeats = histories.map((h) => Math.max(1, Math.ceil(SAMPLE_SECONDS / warmCheck(h, linearizable))));
  const times: number[][] = histories.map(() => []);
  for (let pass = 0; pass < PASSES; pass++)
    for (const [k, history] of histories.entries()) times[k]!.push(timeCheck(history, repeats[k]!, linearizable));
  return times;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** The median over passes of a's sample over b's in the same pass: a drift in the machine's speed cancels. */
const pairedRatio = (a: number[], b: number[]) => median(a.map((x, k) => x / b[k]!));

/**
 * `count` operations cycling through the lock lifecycle and the data routes, dealt round-robin to `vaults` vaults
 * that exist already (the same list whatever the number of vaults), every call before every return, listed in a shuffled order (the
 * search tries entries called at the same time in the order listed: in the model's order it would find the
 * linearization at the first try and measure no search at all).
 */
function fullyConcurrent(count: number, vaults: number): History {
  const existing = existingVaults(vaults);
  const lastInitiate = new Map<string, number>();
  const made = Array.from({ length: count }, (_, k): MadeOperation => {
    const vault = { accountId: "-", vaultName: `v${k % vaults}` };
    const kinds: Operation[] = [
      { name: "CreateVault", ...vault },
      { name: "InitiateVaultLock", ...vault, policy: examplePolicy("valid")! },
      { name: "GetVaultLock", ...vault },
      { name: "AddTagsToVault", ...vault, tags: { k: String(k) } },
      { name: "CompleteVaultLock", ...vault, lockId: `made-${lastInitiate.get(vault.vaultName) ?? 0}` },
      { name: "DescribeVault", ...vault },
      { name: "ListTagsForVault", ...vault },
      { name: "AbortVaultLock", ...vault },
    ];
    const operation = kinds[k % kinds.length]!;
    if (operation.name === "InitiateVaultLock") lastInitiate.set(vault.vaultName, k);
    return { operation, before: 10 * k + 1, after: 10 * (count - k) };
  });
  const history = modelHistory(made, existing);
  const [order] = fc.sample(fc.shuffledSubarray([...history.entries.keys()], { minLength: count }), {
    seed: SHUFFLE_SEED,
    numRuns: 1,
  });
  return { ...history, entries: order!.map((i) => history.entries[i]!) };
}

/** Vaults v0… made before the first call. */
const existingVaults = (count: number) =>
  modelRun(
    Array.from({ length: count }, (_, v): MadeOperation => ({
      operation: { name: "CreateVault", accountId: "-", vaultName: `v${v}` },
    })),
  ).end;

/** Operations per lane in the partitioning histories that pass, and in those made to fail. */
const PER_CLIENT = 64;
const PER_CLIENT_FAILING = 6;

/** The first `perClient` intervals of each lane of `recorded`, in call order. */
function laneIntervals(recorded: History, perClient: number): Interval[] {
  const taken = new Map<number, number>();
  return recorded.entries.flatMap(({ client, called, returned }) => {
    taken.set(client, (taken.get(client) ?? 0) + 1);
    return taken.get(client)! <= perClient ? [{ client, called, returned }] : [];
  });
}

/**
 * Both histories with the same answer made one no world gives: the first entry of the second half answered with a
 * status the service never sends (418). No order explains it, so each search must rule out every order.
 */
function failing({ one, sixteen }: { one: History; sixteen: History }): { one: History; sixteen: History } {
  const k = Math.floor(one.entries.length / 2);
  const bogus = (h: History): History => ({
    ...h,
    entries: h.entries.map((e, i) =>
      i === k ? { ...e, observed: { status: 418, headers: {}, code: "InvalidParameterValueException" } } : e,
    ),
  });
  return { one: bogus(one), sixteen: bogus(sixteen) };
}

/**
 * The load mix's operations at `intervals`, on vault 0 or on the vault the plan drew of 16: both histories. A
 * CompleteVaultLock names the lock of the plan's last InitiateVaultLock on its vault, a DeleteArchive its last
 * upload (as the load does), so the two send the very same requests.
 */
function partitioned(intervals: Interval[]): { one: History; sixteen: History } {
  const plan = loadPlan({ clients: 16, operations: intervals.length, vaults: 16 }, SHUFFLE_SEED);
  const last = new Map<string, number>();
  const made = (kind: LoadKind, v: number) => `made-${last.get(`${kind}/${v}`) ?? 0}`;
  const named = plan.map(([kind, v], k) => {
    const names = { lockId: made("InitiateVaultLock", v), archiveId: made("UploadArchive", v) };
    if (kind === "InitiateVaultLock" || kind === "UploadArchive") last.set(`${kind}/${v}`, k);
    return names;
  });
  const start = existingVaults(16);
  const history = (vaultOf: (k: number) => number) =>
    modelTimedHistory(
      plan.map(([kind], k) => loadOperation(kind, `v${vaultOf(k)}`, intervals[k]!.client, named[k]!)),
      intervals,
      start,
    );
  return { one: history(() => 0), sixteen: history((k) => plan[k]![1]) };
}

export async function checkerScaling(): Promise<Record<string, number>> {
  const emulator = await serverWorker({ kind: "emulator" });
  let short, long, wide;
  try {
    short = await recorded(emulator.url, { clients: 8, operations: 1_000, vaults: 1 }, 1);
    long = await recorded(emulator.url, { clients: 8, operations: 10_000, vaults: 1 }, 2);
    wide = await recorded(emulator.url, { clients: 16, operations: 10_000, vaults: 16 }, 3);
  } finally {
    await emulator.stop();
  }
  const [shortTimes, longTimes, wideTimes] = timedPasses([short.history, long.history, wide.history]);
  const [shortSeconds, longSeconds, wideSeconds] = [median(shortTimes!), median(longTimes!), median(wideTimes!)];
  const lengthRatio = pairedRatio(longTimes!, shortTimes!);
  const split = partitioned(laneIntervals(wide.history, PER_CLIENT));
  const [loadOneTimes, loadSixteenTimes] = timedPasses([split.one, split.sixteen]);
  const [loadOne, loadSixteen] = [median(loadOneTimes!), median(loadSixteenTimes!)];
  const passingRatio = pairedRatio(loadOneTimes!, loadSixteenTimes!);
  const broken = failing(partitioned(laneIntervals(wide.history, PER_CLIENT_FAILING)));
  const [failOneTimes, failSixteenTimes] = timedPasses([broken.one, broken.sixteen], false);
  const [failOne, failSixteen] = [median(failOneTimes!), median(failSixteenTimes!)];
  const vaultsRatio = pairedRatio(failOneTimes!, failSixteenTimes!);
  const [oneVaultTimes, sixteenVaultsTimes] = timedPasses([fullyConcurrent(32, 1), fullyConcurrent(32, 16)]);
  const [oneVault, sixteenVaults] = [median(oneVaultTimes!), median(sixteenVaultsTimes!)];
  const concurrentRatio = pairedRatio(oneVaultTimes!, sixteenVaultsTimes!);
  const wideRate = wide.history.entries.length / wideSeconds!;
  const recordRate = wide.history.entries.length / wide.seconds;
  console.log(
    `linearizability, recorded from the emulator, every operation checked: 8 clients on 1 vault, 1,000 operations ${(shortSeconds! * 1000).toFixed(0)} ms, 10,000 operations ${(longSeconds! * 1000).toFixed(0)} ms; ratio ${lengthRatio.toFixed(1)} ${lengthRatio <= 12 ? "✔" : "✘"} (goal <= 12)\n` +
      `  16 clients × 10,000 operations over 16 vaults: checked in ${wideSeconds!.toFixed(2)} s (${figure(wideRate)} operations/s; recorded in ${wide.seconds.toFixed(1)} s, ${figure(recordRate)}/s; check / record ${(recordRate / wideRate).toFixed(2)})\n` +
      `  partitioning, the goal figure, on a failing history (where the search must rule out every order): 16 recorded lanes × ${PER_CLIENT_FAILING} operations of the load's mix at their recorded times, answered by the model, one answer made impossible: on 1 vault ${(failOne! * 1000).toFixed(1)} ms, the same over 16 vaults ${(failSixteen! * 1000).toFixed(2)} ms; ratio ${figure(vaultsRatio)} ${vaultsRatio >= 4 ? "✔" : "✘"} (goal >= 4)\n` +
      `  partitioning on a passing history: 16 lanes × ${PER_CLIENT} operations, as above with every answer the model's: on 1 vault ${(loadOne! * 1000).toFixed(1)} ms, over 16 vaults ${(loadSixteen! * 1000).toFixed(1)} ms; ratio ${passingRatio.toFixed(1)} (there the memoized search on 1 vault is already linear: nothing for partitioning to save)\n` +
      `  fully concurrent 32 operations on 1 vault: ${(oneVault! * 1000).toFixed(1)} ms ✔ (goal: it finishes); over 16 vaults ${(sixteenVaults! * 1000).toFixed(2)} ms, ratio ${concurrentRatio.toFixed(1)} (not the goal figure: on it the memoized search on one vault is already near-linear)`,
  );
  return {
    check1kMs: shortSeconds! * 1000,
    check10kMs: longSeconds! * 1000,
    checkLengthRatio: lengthRatio,
    check16x10kSeconds: wideSeconds!,
    record16x10kSeconds: wide.seconds,
    check16x10kOpsPerSec: wideRate,
    concurrent32OneVaultMs: oneVault! * 1000,
    concurrent32SixteenVaultsMs: sixteenVaults! * 1000,
    concurrent32VaultsRatio: concurrentRatio,
    loadOneVaultMs: loadOne! * 1000,
    loadSixteenVaultsMs: loadSixteen! * 1000,
    passingPerClient: PER_CLIENT,
    passingVaultsRatio: passingRatio,
    failingPerClient: PER_CLIENT_FAILING,
    failingOneVaultMs: failOne! * 1000,
    failingSixteenVaultsMs: failSixteen! * 1000,
    checkVaultsRatio: vaultsRatio,
  };
}
