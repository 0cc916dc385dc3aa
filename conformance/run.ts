/**
 * Runs the whole suite against one target: deterministic paths, gate and protocol checks, generated
 * sequences, races, and (without clock control) the pending expiry observations; then cleans up and
 * applies the target's expectations. Returns the report as data.
 */
import { cleanup } from "./cleanup.js";
import { runPolicyScenarios } from "./policies.js";
import { createContext, type SuiteContext } from "./context.js";
import { applyExpectations, type Expectation, type ExpectationFile } from "./expectations.js";
import { runGateChecks, runTransitionPaths } from "./paths.js";
import { loadPending, retryDeferred, savePending, schedule, verifyDue } from "./pending.js";
import { runProtocolChecks } from "./protocol.js";
import { runRaces } from "./races.js";
import { railsFor, TargetUnusable } from "./rails.js";
import { deviationResults, type CheckResult, type Generator } from "./results.js";
import { runSequences, type SequenceOptions } from "./sequences.js";
import type { Target } from "./target.js";

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
  shard?: Shard;
  /** On real AWS, allow CompleteVaultLock to lock vaults for good. */
  allowPermanentLocks?: boolean;
  /** On real AWS, allow UploadArchive (such vaults are deletable only after the next inventory). */
  allowArchives?: boolean;
  /** State file of pending expiry observations, for targets without clock control. */
  pendingFile?: string;
  progress?: (line: string) => void;
  /** Checked between checks; when it returns true the run stops early (Ctrl-C). */
  interrupted?: () => boolean;
}

export interface RunReport {
  suiteVersion: string;
  target: { name: string; endpoint?: string; region: string; capabilities: Target["capabilities"] };
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
  /** Vaults that held archives, recorded in the state file for a later run to delete (after AWS's inventory). */
  deferred?: string[];
  interrupted: boolean;
  /** Why the run stopped before its end, when the target cannot be checked at all. */
  stoppedBecause?: string;
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
  if (generators.includes("sequence"))
    steps.push(async (c) => [
      await runSequences(c, { seed, runs, interrupted, ...(options.replay ? { replay: options.replay } : {}) }),
    ]);
  if (generators.includes("race") && first) steps.push((c) => runRaces(c));
  if (options.pendingFile && first && !options.target.capabilities.clockControl)
    steps.push((c) => pendingObservations(c, options.pendingFile!));
  return steps;
}

/**
 * Deletes deferred vaults that are now deletable, checks due observations and schedules a new one; the state
 * file keeps what is still pending.
 */
async function pendingObservations(context: SuiteContext, file: string): Promise<CheckResult[]> {
  const state = loadPending(file);
  const deferred = await retryDeferred(context, state.deferred);
  const { results, remaining } = await verifyDue(context, state.observations);
  const scheduled = await schedule(context);
  const observations = scheduled.observation ? [...remaining, scheduled.observation] : remaining;
  savePending(file, { observations, deferred });
  return [...results, scheduled.result];
}

/**
 * With a state file, leftovers that held archives are not lost: AWS deletes them only after its next inventory,
 * so they are recorded for a later run to delete. Returns the names deferred.
 */
function deferDeletions(context: SuiteContext, file: string | undefined, leftovers: string[]): string[] {
  const deferred = file ? leftovers.filter((name) => context.uploads.has(name)) : [];
  if (!deferred.length) return [];
  const state = loadPending(file!);
  const since = new Date().toISOString();
  const { name: target, region } = context.target;
  const entries = deferred.map((vaultName) => ({ target, region, vaultName, since }));
  savePending(file!, { ...state, deferred: [...state.deferred, ...entries] });
  return deferred;
}

/** Runs the suite; never throws for target misbehaviour (that is a result), cleans up in every case. */
export async function runSuite(options: RunOptions): Promise<RunReport> {
  const started = Date.now();
  const { realAws } = options.target.capabilities;
  const rails = railsFor(realAws, options.allowPermanentLocks ?? false, options.allowArchives ?? false);
  const context = createContext(options.target, options.progress, rails);
  const results: CheckResult[] = [];
  const stopped = () => options.interrupted?.() ?? false;
  let leftovers: string[] = [];
  let deferred: string[] = [];
  let stoppedBecause: string | undefined;
  try {
    await context.clock.sync();
    for (const step of plan(options)) if (!stopped()) results.push(...(await step(context)));
    results.push(...deviationResults(options.target.name, context.deviations));
  } catch (error) {
    if (!(error instanceof TargetUnusable)) throw error;
    stoppedBecause = error.message;
  } finally {
    leftovers = await cleanup(context.principal.client, context.prefix, context.stats, context.uploads);
    deferred = deferDeletions(context, options.pendingFile, leftovers);
    leftovers = leftovers.filter((name) => !deferred.includes(name));
    context.clock.close();
  }
  const applied = applyExpectations(results, options.expectations);
  const { name, endpoint, region, capabilities } = options.target;
  return {
    suiteVersion: SUITE_VERSION,
    target: { name, region, capabilities, ...(endpoint ? { endpoint } : {}) },
    seed: options.seed,
    runs: options.runs,
    ...(options.shard ? { shard: options.shard } : {}),
    prefix: context.prefix,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    requests: context.stats.requests,
    results: applied.results,
    unexpected: applied.unexpected.length + (stoppedBecause ? 1 : 0),
    stale: applied.stale,
    census: Object.fromEntries([...context.census].map(([id, seen]) => [id, [...seen].sort()])),
    leftovers,
    ...(deferred.length ? { deferred } : {}),
    interrupted: stopped(),
    ...(stoppedBecause ? { stoppedBecause } : {}),
  };
}
