/**
 * Generator 3, races: concurrent operations recorded as histories (`history.ts`) and checked for linearizability
 * against the model (RACE-ONE-INITIATE-WINS), every history in full:
 * - `race:initiate-xN`: rounds of N Initiates at once on one vault, an Abort alone between rounds; exactly one may
 *   win each round, then a wrong id must not complete and the last winner's must;
 * - `race:complete-vs-abort`: Complete ×2, Abort ×2 and Get racing on an InProgress lock, on several vaults at once;
 * - `race:load-CxMxK`: the load generator (`load.ts`), C clients sending M operations in all over K vaults.
 */
import { examplePolicy, type MemoryWorld, type Operation } from "../model/index.js";
import { checkTargetAnswers, newSession, type SuiteContext } from "./context.js";
import type { History, HistoryEntry } from "./history.js";
import { formatObserved } from "./invoke.js";
import { checkHistory, type CheckOutcome } from "./linearizability.js";
import { recordLoad, recordOne, type LoadShape } from "./load.js";
import { defectRequirements, describeValueDefects, valueDefects } from "./race-blame.js";
import { describeFailure, embedHistory } from "./race-history.js";
import { declared, resultOfError, type CheckResult } from "./results.js";
import { PERMANENT_LOCK_REFUSED } from "./rails.js";
import { describeOperation } from "./requests.js";
import { clientFor } from "./target.js";

/** What every race speaks for. */
export const RACE_REQUIREMENTS = ["RACE-ONE-INITIATE-WINS"];
const NO_ROUTE = new Set([404, 405, 501]);

export interface RaceOptions {
  /** Initiates per round, and rounds, of `race:initiate-xN`. */
  initiates: number;
  rounds: number;
  /** Vaults racing at once in `race:complete-vs-abort`. */
  vaults: number;
  load: LoadShape;
  seed: number;
  /** What a history's check may spend (`CheckOptions.budget`; default `defaultSearchBudget`). */
  searchBudget?: number;
  /** Given each race's whole history once it is checked. */
  onHistory?: (id: string, history: History) => void;
}

export const DEFAULT_RACES: RaceOptions = {
  initiates: 16,
  rounds: 4,
  vaults: 4,
  load: { clients: 8, operations: 200, vaults: 4 },
  seed: 1,
};

type Base = Pick<CheckResult, "id" | "generator" | "target" | "requirements">;

function raceBase(context: SuiteContext, id: string): Base {
  return { id, generator: "race", target: context.target.name, requirements: RACE_REQUIREMENTS };
}

/** Sends every operation at once, one lane each, through the context's client; stops if the target is gone. */
async function concurrently(context: SuiteContext, operations: Operation[]): Promise<HistoryEntry[]> {
  context.stats.requests += operations.length;
  const entries = await Promise.all(
    operations.map((operation, lane) =>
      recordOne(context.principal.client, operation, lane, () => context.clock.now()),
    ),
  );
  checkTargetAnswers(context);
  return entries;
}

function historyOf(context: SuiteContext, start: MemoryWorld, entries: HistoryEntry[]): History {
  const { principal, target, toleranceMs } = context;
  return { signer: principal.accountId, region: target.region, toleranceMs, start: start.toChanges(), entries };
}

/** `201 ×1, 403 AccessDeniedException ×15`: the answers of a history, counted. */
function tally(entries: readonly HistoryEntry[]): string {
  const counts = new Map<string, number>();
  for (const { observed } of entries)
    counts.set(formatObserved(observed), (counts.get(formatObserved(observed)) ?? 0) + 1);
  return [...counts].map(([answer, n]) => `${answer} ×${n}`).join(", ");
}

/** True for an answer that is AWS-shaped: an error code, or a success the SDK could read. */
const awsShaped = ({ observed }: HistoryEntry) =>
  observed.code !== undefined ||
  (observed.status >= 200 && observed.status < 300 && !observed.sdkError && !observed.transport);

/**
 * A route the target lacks: a bare 404/405/501 for an operation it never answered AWS-shaped in this run (the
 * run-wide record of answered operations is kept up to date from the history).
 */
function missingRoute(context: SuiteContext, history: History): HistoryEntry | undefined {
  for (const entry of history.entries) if (awsShaped(entry)) context.answered.add(entry.operation.name);
  return history.entries.find(
    (e) => e.observed.unrecognized && NO_ROUTE.has(e.observed.status) && !context.answered.has(e.operation.name),
  );
}

/**
 * Checks the history in full: notImplemented when the target lacks a route it used, a failure when some request
 * got no usable answer (a reset, a deadline, an unreadable answer), else pass or fail with the history embedded,
 * or skip when the search spent its budget undecided (no verdict on the target either way).
 */
function checked(
  context: SuiteContext,
  base: Base,
  history: History,
  options: RaceOptions,
): { result: CheckResult; outcome?: CheckOutcome } {
  options.onHistory?.(base.id, history);
  const observed = tally(history.entries);
  const missing = missingRoute(context, history);
  if (missing) {
    const reason = `no such route: ${describeOperation(missing.operation)} → ${formatObserved(missing.observed)}`;
    return { result: { ...base, verdict: "notImplemented", reason, observed } };
  }
  const lost = history.entries.filter((e) => e.observed.transport || e.observed.sdkError);
  if (lost.length) {
    const reason = `${lost.length} of ${history.entries.length} got no usable answer: ${observed}`;
    return { result: { ...base, verdict: "fail", reason, observed } };
  }
  const budget = options.searchBudget;
  const outcome = checkHistory(history, { budget });
  const embedded = embedHistory(history, outcome);
  const left = embedded.omitted ? ` (the report carries ${embedded.history.operations.length} of them)` : "";
  const size = `${history.entries.length} operations in ${outcome.components} independent parts${left}`;
  const common = { ...base, observed, history: embedded.history };
  if (!outcome.ok && outcome.undecided)
    return { result: { ...common, verdict: "skip", reason: `${describeFailure(history, outcome)}; ${size}` }, outcome };
  if (!outcome.ok) {
    const values = valueDefects(history, budget);
    const reason = values ? describeValueDefects(history, values) : describeFailure(history, outcome);
    const requirements = values ? defectRequirements(values) : common.requirements;
    return { result: { ...common, requirements, verdict: "fail", reason: `${reason}; ${size}` }, outcome };
  }
  return { result: { ...common, verdict: "pass", reason: `linearizable: ${size}` }, outcome };
}

/** A failure when a winning Initiate gave no lock id (the check cannot name the id to complete). */
function winnerWithoutId(base: Base, entries: HistoryEntry[]): CheckResult | undefined {
  const nameless = entries.find((e) => e.observed.status === 201 && !e.observed.headers["x-amz-lock-id"]);
  if (!nameless) return undefined;
  return {
    ...base,
    requirements: ["INIT-INSTALLS-POLICY", ...RACE_REQUIREMENTS],
    verdict: "fail",
    reason: `a winning Initiate answered no x-amz-lock-id: ${tally(entries)}`,
    observed: tally(entries),
  };
}

/** Rounds of N Initiates at once on a new vault; then a wrong id must not complete and the last winner's must. */
async function initiateRace(context: SuiteContext, options: RaceOptions): Promise<CheckResult> {
  const { initiates: n, rounds } = options;
  const base = raceBase(context, `race:initiate-x${n}`);
  const vaultName = `${context.prefix}-race-init`;
  const setup = newSession(context);
  await setup.perform({ name: "CreateVault", accountId: "-", vaultName });
  const initiate: Operation = { name: "InitiateVaultLock", accountId: "-", vaultName, policy: examplePolicy("valid")! };
  const abort: Operation = { name: "AbortVaultLock", accountId: "-", vaultName };
  const entries: HistoryEntry[] = [];
  const winnersByRound: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const racing = await concurrently(
      context,
      Array.from({ length: n }, () => initiate),
    );
    entries.push(...racing);
    winnersByRound.push(racing.filter((e) => e.observed.status === 201).length);
    if (round < rounds - 1) entries.push(...(await concurrently(context, [abort])));
  }
  const { result, outcome } = checked(context, base, historyOf(context, setup.world, entries), options);
  if (result.verdict === "notImplemented") return result;
  const nameless = winnerWithoutId(base, entries);
  if (nameless) return nameless;
  if (result.verdict !== "pass" || !outcome?.ok) {
    const counts = winnersByRound.some((w) => w !== 1)
      ? `; winners per round: ${winnersByRound.join(", ")} of ${n}`
      : "";
    return { ...result, reason: `${result.reason}${counts}` };
  }
  const after = newSession(context, outcome.world);
  await after.perform({ name: "CompleteVaultLock", accountId: "-", vaultName, lockId: "NOT-THE-WINNER" });
  const lockId = entries.filter((e) => e.observed.status === 201).at(-1)!.observed.headers["x-amz-lock-id"]!;
  const completeWinner: Operation = { name: "CompleteVaultLock", accountId: "-", vaultName, lockId };
  if (after.wouldLock(completeWinner))
    return {
      ...result,
      reason: `${result.reason}; winner not completed: ${PERMANENT_LOCK_REFUSED}`,
      trace: after.trace,
    };
  await after.perform(completeWinner);
  return { ...result, trace: after.trace };
}

/** Complete (twice), Abort (twice) and Get racing on an InProgress lock, on several vaults at once. */
async function completeAbortRace(context: SuiteContext, options: RaceOptions): Promise<CheckResult> {
  const base = raceBase(context, "race:complete-vs-abort");
  const session = newSession(context);
  const racing: Operation[] = [];
  for (let k = 0; k < options.vaults; k++) {
    const vaultName = `${context.prefix}-race-ca-${k}`;
    const lockId = await session.openLock(vaultName);
    const complete: Operation = { name: "CompleteVaultLock", accountId: "-", vaultName, lockId };
    if (session.wouldLock(complete)) return { ...base, verdict: "skip", reason: PERMANENT_LOCK_REFUSED };
    const abort: Operation = { name: "AbortVaultLock", accountId: "-", vaultName };
    racing.push(complete, abort, complete, abort, { name: "GetVaultLock", accountId: "-", vaultName });
  }
  return checked(context, base, historyOf(context, session.world, await concurrently(context, racing)), options).result;
}

/** The load generator's history, checked. */
async function loadRace(context: SuiteContext, options: RaceOptions): Promise<CheckResult> {
  const { clients, operations, vaults } = options.load;
  const base = raceBase(context, `race:load-${clients}x${operations}x${vaults}`);
  const { target, wireOptions } = context;
  const lanes = Array.from({ length: clients }, () => clientFor(target, target.credentials, wireOptions));
  try {
    const history = await recordLoad(options.load, options.seed, {
      clients: lanes,
      signer: context.principal.accountId,
      region: context.target.region,
      toleranceMs: context.toleranceMs,
      now: () => context.clock.now(),
      vaultName: (k) => `${context.prefix}-load-${k}`,
      allowCompletes: !context.rails.blockPermanentLocks,
      allowUploads: !context.rails.blockArchives,
      uploaded: (vaultName, id) =>
        context.uploads.set(vaultName, (context.uploads.get(vaultName) ?? new Set()).add(id)),
      sent: () => context.stats.requests++,
      afterEach: () => checkTargetAnswers(context),
    });
    return { ...checked(context, base, history, options).result, seed: options.seed };
  } finally {
    for (const client of lanes) client.destroy();
  }
}

/** The ids of the race checks under `options`, in the order they run. */
export function raceIds(options: RaceOptions = DEFAULT_RACES): [string, string, string] {
  const { clients, operations, vaults } = options.load;
  return [
    `race:initiate-x${options.initiates}`,
    "race:complete-vs-abort",
    `race:load-${clients}x${operations}x${vaults}`,
  ];
}

/** All race checks. */
export async function runRaces(context: SuiteContext, options: RaceOptions = DEFAULT_RACES): Promise<CheckResult[]> {
  const [initiate, completeAbort, load] = raceIds(options);
  const checks: [string, () => Promise<CheckResult>][] = [
    [initiate, () => initiateRace(context, options)],
    [completeAbort, () => completeAbortRace(context, options)],
    [load, () => loadRace(context, options)],
  ];
  const results: CheckResult[] = [];
  for (const [id, check] of checks) {
    if (!context.keeps(declared(RACE_REQUIREMENTS))) continue;
    const result = await check().catch((error: unknown) =>
      resultOfError({ id, generator: "race", target: context.target.name, requirements: RACE_REQUIREMENTS }, error),
    );
    results.push(result);
    context.checked(result);
  }
  return results;
}
