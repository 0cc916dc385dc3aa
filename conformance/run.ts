/**
 * Runs the whole suite against one target: deterministic paths and gate checks, generated sequences,
 * races; then cleans up and applies the target's expectations. Returns the report as data.
 */
import { cleanup } from "./cleanup.js";
import { createContext } from "./context.js";
import { applyExpectations, type Expectation, type ExpectationFile } from "./expectations.js";
import { runGateChecks, runTransitionPaths } from "./paths.js";
import { runProtocolChecks } from "./protocol.js";
import { runRaces } from "./races.js";
import { deviationResults, type CheckResult, type Generator } from "./results.js";
import { runSequences, type SequenceOptions } from "./sequences.js";
import type { Target } from "./target.js";

export const SUITE_VERSION = "0.1.0";

export interface RunOptions {
  target: Target;
  seed: number;
  runs: number;
  expectations?: ExpectationFile;
  replay?: SequenceOptions["replay"];
  /** Which generators to run; default all (only `sequence` with `replay`). */
  generators?: Generator[];
  progress?: (line: string) => void;
  /** Checked between checks; when it returns true the run stops early (Ctrl-C). */
  interrupted?: () => boolean;
}

export interface RunReport {
  suiteVersion: string;
  target: { name: string; endpoint?: string; region: string; capabilities: Target["capabilities"] };
  seed: number;
  runs: number;
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
  interrupted: boolean;
}

/** Runs the suite; never throws for target misbehaviour (that is a result), cleans up in every case. */
export async function runSuite(options: RunOptions): Promise<RunReport> {
  const started = Date.now();
  const context = createContext(options.target, options.progress);
  const generators =
    options.generators ?? (options.replay ? ["sequence"] : ["path", "gate", "protocol", "sequence", "race"]);
  const results: CheckResult[] = [];
  const stopped = () => options.interrupted?.() ?? false;
  let leftovers: string[] = [];
  try {
    await context.clock.sync();
    if (generators.includes("path") && !stopped()) results.push(...(await runTransitionPaths(context)));
    if (generators.includes("gate") && !stopped()) results.push(...(await runGateChecks(context)));
    if (generators.includes("protocol") && !stopped()) results.push(...(await runProtocolChecks(context)));
    if (generators.includes("sequence") && !stopped())
      results.push(
        await runSequences(context, {
          seed: options.seed,
          runs: options.runs,
          ...(options.replay ? { replay: options.replay } : {}),
        }),
      );
    if (generators.includes("race") && !stopped()) results.push(...(await runRaces(context)));
    results.push(...deviationResults(options.target.name, context.deviations));
  } finally {
    leftovers = await cleanup(context.principal.client, context.prefix, context.stats);
  }
  const applied = applyExpectations(results, options.expectations);
  const { name, endpoint, region, capabilities } = options.target;
  return {
    suiteVersion: SUITE_VERSION,
    target: { name, region, capabilities, ...(endpoint ? { endpoint } : {}) },
    seed: options.seed,
    runs: options.runs,
    prefix: context.prefix,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    requests: context.stats.requests,
    results: applied.results,
    unexpected: applied.unexpected.length,
    stale: applied.stale,
    census: Object.fromEntries([...context.census].map(([id, seen]) => [id, [...seen].sort()])),
    leftovers,
    interrupted: stopped(),
  };
}
