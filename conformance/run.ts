/**
 * Runs the whole suite against one target: preflight, deterministic paths, gate, policy and protocol checks,
 * generated sequences, races, and (without clock control) the pending expiry observations; then cleans up,
 * judges the wire, and applies the target's expectations. Returns the report as data, whatever the target
 * does; a defect of the suite itself is recorded (`suiteErrors`), never reported as the target's failure.
 */
import { cleanup } from "./cleanup.js";
import { checkTargetAnswers, createContext, type SuiteContext } from "./context.js";
import { applyExpectations, type Expectation, type ExpectationFile } from "./expectations.js";
import { runGateChecks } from "./gate.js";
import { EXPIRY_STEP_MS, runTransitionPaths } from "./transition-paths.js";
import { deferDeletions, pendingObservations } from "./pending.js";
import { runPolicyScenarios } from "./policies.js";
import { preflight } from "./preflight.js";
import { runProtocolChecks } from "./protocol.js";
import type { History } from "./history.js";
import type { LoadShape } from "./load.js";
import { DEFAULT_RACES, runRaces } from "./races.js";
import { railsFor, TargetUnusable } from "./rails.js";
import { deviationResults, type CheckResult, type Generator, type Selected } from "./results.js";
import { runSequences, type SequenceOptions } from "./sequences.js";
import { ClockControlFailure, type Target } from "./target.js";
import { Interrupted } from "./wire/handler.js";

export const SUITE_VERSION = "0.1.0";

/** Shard `index` (1-based) of `count`: a deterministic share of the work. */
export interface Shard {
  index: number;
  count: number;
}

export interface RunOptions {
  target: Target;
  seed: number;
  runs: number;
  expectations?: ExpectationFile;
  replay?: SequenceOptions["replay"];
  /** Which generators to run; default all (only `sequence` with `replay`). */
  generators?: Generator[];
  /**
   * Only the checks this keeps, judged by their scope before they run; the generated sequences, whose requests
   * are not known beforehand, then do not run.
   */
  select?: Selected;
  /** No further check runs after the first result for which this is true (clean-up and the wire's judgement do). */
  stopAfter?: (result: CheckResult) => boolean;
  shard?: Shard;
  /** The load race's shape (default `DEFAULT_RACES.load`). */
  load?: LoadShape;
  /** What each race's check may spend before it gives up undecided (`CheckOptions.budget`). */
  searchBudget?: number;
  /** Given each race's whole recorded history (the report carries at most part of it). */
  onHistory?: (id: string, history: History) => void;
  /** On real AWS, allow CompleteVaultLock to lock vaults for good. */
  allowPermanentLocks?: boolean;
  /** On real AWS, allow UploadArchive (such vaults are deletable only after the next inventory). */
  allowArchives?: boolean;
  /** State file of pending expiry observations, for targets without clock control. */
  pendingFile?: string;
  /** Deadline of one whole answer, ms (default 10 s). */
  requestTimeoutMs?: number;
  /** How the signer's account id was learnt: `--account-id`, or a default the preflight may correct. */
  accountIdGiven?: boolean;
  progress?: (line: string) => void;
  /** Checked before every request; when it returns true the run stops at the next one (Ctrl-C). */
  interrupted?: () => boolean;
}

export interface RunReport {
  suiteVersion: string;
  target: { name: string; endpoint?: string; region: string; capabilities: Target["capabilities"] };
  /** The signer's account id the run used, and where it came from. */
  account?: { id: string; source: "given" | "discovered" | "default" };
  seed: number;
  runs: number;
  shard?: Shard;
  prefix: string;
  startedAt: string;
  durationMs: number;
  /** Requests the run sent to the target, cleanup included. */
  requests: number;
  results: CheckResult[];
  unexpected: number;
  stale: Expectation[];
  census: Record<string, string[]>;
  leftovers: string[];
  /** Why each leftover could not be deleted, and why the clean-up listing could not be trusted, if so. */
  cleanupNotes?: string[];
  /** Vaults that held archives, recorded in the state file for a later run to delete (after AWS's inventory). */
  deferred?: string[];
  interrupted: boolean;
  /** Why the run stopped before its end, when the target cannot be checked at all. */
  stoppedBecause?: string;
  /** The run could not check the target with these inputs (unreachable, credentials refused): exit 2. */
  refused?: boolean;
  /** Defects of the suite itself met during the run (exit 3); never counted against the target. */
  suiteErrors?: string[];
}

type Step = (context: SuiteContext) => Promise<CheckResult[]>;

/** The checks of this run, in order, each a function of the context. Shard 1 also runs the one-off checks. */
function plan(options: RunOptions): Step[] {
  const generators =
    options.generators ?? (options.replay ? ["sequence"] : ["path", "gate", "policy", "protocol", "sequence", "race"]);
  const { index, count } = options.shard ?? { index: 1, count: 1 };
  const first = index === 1;
  const runs = Math.ceil(options.runs / count);
  const seed = options.seed + index - 1;
  const steps: Step[] = [];
  if (generators.includes("path")) steps.push((c) => runTransitionPaths(c, (i) => i % count === index - 1));
  if (generators.includes("gate") && first) steps.push(runGateChecks);
  if (generators.includes("policy") && first) steps.push(runPolicyScenarios);
  if (generators.includes("protocol") && first) steps.push(runProtocolChecks);
  const interrupted = options.interrupted ?? (() => false);
  if (generators.includes("sequence") && !options.select)
    steps.push(async (c) => [
      await runSequences(c, { seed, runs, interrupted, ...(options.replay ? { replay: options.replay } : {}) }),
    ]);
  const races = {
    ...DEFAULT_RACES,
    seed: options.seed,
    ...(options.load ? { load: options.load } : {}),
    ...(options.searchBudget ? { searchBudget: options.searchBudget } : {}),
    ...(options.onHistory ? { onHistory: options.onHistory } : {}),
  };
  if (generators.includes("race") && first) steps.push((c) => runRaces(c, races));
  if (options.pendingFile && first && !options.target.capabilities.clockControl)
    steps.push((c) => pendingObservations(c, options.pendingFile!));
  return steps;
}

/** What stopped or broke a step: a stop of the run is returned as such, anything else is a suite defect. */
function classify(error: unknown): { stop?: string; interrupted?: true; defect?: string } {
  if (error instanceof TargetUnusable) return { stop: error.message };
  if (error instanceof Interrupted) return { interrupted: true };
  return { defect: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

interface Progress {
  results: CheckResult[];
  suiteErrors: string[];
  stoppedBecause?: string;
  refused?: boolean;
  account: NonNullable<RunReport["account"]>;
}

/** Preflight and the planned steps; every outcome lands in `progress`. */
async function check(context: SuiteContext, options: RunOptions, progress: Progress): Promise<void> {
  const stopped = () => options.interrupted?.() ?? false;
  const clock = await context.clock.sync().then(
    () => undefined,
    (error: unknown) => error,
  );
  if (clock && !(clock instanceof ClockControlFailure)) throw clock;
  const pre = await preflight(context);
  if (pre.verdict === "refused") return void Object.assign(progress, { stoppedBecause: pre.message, refused: true });
  if (pre.verdict === "absent") return void progress.results.push(pre.result);
  if (pre.accountId && !options.accountIdGiven && pre.accountId !== context.principal.accountId) {
    context.principal.accountId = pre.accountId;
    context.target = { ...context.target, accountId: pre.accountId };
    progress.account = { id: pre.accountId, source: "discovered" };
  }
  if (clock) progress.results.push(clockResult(context, clock as ClockControlFailure));
  for (const step of plan(options)) {
    if (stopped() || context.phase.checksEnded) return;
    try {
      progress.results.push(...(await step(context)));
      checkTargetAnswers(context);
    } catch (error) {
      const { stop, interrupted, defect } = classify(error);
      if (stop) return void (progress.stoppedBecause = stop);
      if (interrupted) return;
      progress.suiteErrors.push(defect!);
    }
  }
}

function clockResult(context: SuiteContext, failure: ClockControlFailure): CheckResult {
  return {
    id: "preflight:clock-control",
    generator: "preflight",
    target: context.target.name,
    requirements: ["CLOCK-CONTROL"],
    verdict: "fail",
    reason: failure.message,
  };
}

/** Runs the suite; never throws for target misbehaviour (that is a result), cleans up in every case. */
export async function runSuite(options: RunOptions): Promise<RunReport> {
  const started = Date.now();
  const { realAws } = options.target.capabilities;
  const rails = railsFor(realAws, options.allowPermanentLocks ?? false, options.allowArchives ?? false);
  const context = createContext(options.target, {
    rails,
    ...(options.progress ? { progress: options.progress } : {}),
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.interrupted ? { interrupted: options.interrupted } : {}),
    ...(options.select ? { select: options.select } : {}),
    ...(options.stopAfter ? { stopAfter: options.stopAfter } : {}),
  });
  const source = options.accountIdGiven ? "given" : "default";
  const progress: Progress = { results: [], suiteErrors: [], account: { id: options.target.accountId, source } };
  try {
    await check(context, options, progress);
  } catch (error) {
    const { stop, defect } = classify(error);
    if (stop) progress.stoppedBecause = stop;
    if (defect) progress.suiteErrors.push(defect);
  }
  const cleaned = await cleanUp(context, options, progress);
  const checked = !progress.refused && !progress.results.some((r) => r.id === "preflight:service");
  if (checked) progress.results.push(...wireResults(context));
  return report(options, context, progress, cleaned, started);
}

/** The deviations and the wire's results, judged over every answer of the run, clean-up's included. */
function wireResults(context: SuiteContext): CheckResult[] {
  return [...deviationResults(context.target.name, context.deviations), ...context.wire.results(context.target.name)];
}

async function cleanUp(context: SuiteContext, options: RunOptions, progress: Progress) {
  context.phase.cleaningUp = true;
  try {
    const passInventory = () => context.clock.advance(EXPIRY_STEP_MS);
    const outcome = await cleanup({
      ...context,
      client: context.principal.client,
      deadlineMs: 120_000,
      ...(context.target.capabilities.clockControl ? { passInventory } : {}),
    });
    const names = outcome.leftovers.map((l) => l.vaultName);
    const deferred = deferDeletions(context, options.pendingFile, names);
    const notes = outcome.leftovers
      .filter((l) => !deferred.includes(l.vaultName))
      .map((l) => `${l.vaultName}: ${l.reason}`);
    if (outcome.listing) notes.push(`clean-up could not rely on ListVaults: ${outcome.listing}`);
    return { leftovers: names.filter((n) => !deferred.includes(n)), deferred, notes };
  } catch (error) {
    progress.suiteErrors.push(`clean-up: ${classify(error).defect ?? String(error)}`);
    const notes = ["clean-up failed; every vault the run made may be left"];
    return { leftovers: [...context.created].sort(), deferred: [], notes };
  } finally {
    context.clock.close();
  }
}

function report(
  options: RunOptions,
  context: SuiteContext,
  progress: Progress,
  cleaned: { leftovers: string[]; deferred: string[]; notes: string[] },
  started: number,
): RunReport {
  const applied = applyExpectations(progress.results, options.expectations);
  const { name, endpoint, region, capabilities } = options.target;
  return {
    suiteVersion: SUITE_VERSION,
    target: { name, region, capabilities, ...(endpoint ? { endpoint } : {}) },
    account: progress.account,
    seed: options.seed,
    runs: options.runs,
    ...(options.shard ? { shard: options.shard } : {}),
    prefix: context.prefix,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    requests: context.stats.requests,
    results: applied.results,
    unexpected: applied.unexpected.length + (progress.stoppedBecause ? 1 : 0),
    stale: applied.stale,
    census: Object.fromEntries([...context.census].map(([id, seen]) => [id, [...seen].sort()])),
    leftovers: cleaned.leftovers,
    ...(cleaned.notes.length ? { cleanupNotes: cleaned.notes } : {}),
    ...(cleaned.deferred.length ? { deferred: cleaned.deferred } : {}),
    interrupted: options.interrupted?.() ?? false,
    ...(progress.stoppedBecause ? { stoppedBecause: progress.stoppedBecause } : {}),
    ...(progress.refused ? { refused: true } : {}),
    ...(progress.suiteErrors.length ? { suiteErrors: progress.suiteErrors } : {}),
  };
}
