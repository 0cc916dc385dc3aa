/**
 * Generator 2, generated sequences: fast-check command sequences over several vaults at once, each
 * response judged against the oracle. A failure shrinks to a minimal sequence and reports its seed and
 * path; `replay` reruns exactly that case.
 */
import fc from "fast-check";
import { newSession, type SuiteContext } from "./context.js";
import { commandArbitrary, type SequenceModel } from "./commands.js";
import type { CheckResult } from "./results.js";
import { TargetUnusable } from "./rails.js";
import { StepFailure } from "./session.js";
import { Interrupted } from "./wire/handler.js";

export interface Replay {
  seed: number;
  path: string;
  replayPath?: string;
}

/** `SEED:PATH@REPLAYPATH`, the form `--replay` takes and failures print. */
export function formatReplay(replay: Replay): string {
  return `${replay.seed}:${replay.path}${replay.replayPath ? `@${replay.replayPath}` : ""}`;
}

/** Reads `SEED:PATH[@REPLAYPATH]`. */
export function parseReplay(text: string): Replay {
  const match = /^(-?\d+):([\d:]+)(?:@(.+))?$/.exec(text);
  if (!match) throw new RangeError("--replay takes SEED:PATH[@REPLAYPATH], as printed by a failing run");
  return { seed: Number(match[1]), path: match[2]!, ...(match[3] ? { replayPath: match[3] } : {}) };
}

export interface SequenceOptions {
  seed: number;
  runs: number;
  /** Vaults per sequence. */
  vaults?: number;
  maxCommands?: number;
  /** A failure to rerun alone, without shrinking: fast-check's seed, path and commands replay path. */
  replay?: Replay;
  /** When it turns true, the remaining runs are skipped and the result says the run was interrupted. */
  interrupted?: () => boolean;
}

const DEFAULT_VAULTS = 2;

function sequenceArbitrary(
  vaults: number,
  clockControl: boolean,
  options: Pick<SequenceOptions, "maxCommands" | "replay">,
) {
  return fc.commands([commandArbitrary(vaults, clockControl)], {
    maxCommands: options.maxCommands ?? 25,
    size: "medium",
    ...(options.replay?.replayPath ? { replayPath: options.replay.replayPath } : {}),
  });
}

/**
 * Why fast-check cannot replay `replay` for a target with or without clock control (a path or replay path no
 * failing run printed), found by walking it without sending anything; undefined when it leads to a case.
 */
export function replayProblem(replay: Replay, clockControl: boolean): string | undefined {
  const property = fc.property(sequenceArbitrary(DEFAULT_VAULTS, clockControl, { replay }), () => true);
  try {
    const walked = fc.check(property, { seed: replay.seed, path: replay.path, numRuns: 1 });
    return walked.numRuns === 0 ? "the path leads to no generated case" : undefined;
  } catch (error) {
    return `fast-check cannot replay it (${(error as Error).message})`;
  }
}

/** One result for the whole property: pass, or the shrunk counterexample. */
export async function runSequences(context: SuiteContext, options: SequenceOptions): Promise<CheckResult> {
  const vaults = options.vaults ?? DEFAULT_VAULTS;
  let run = 0;
  let stopped: TargetUnusable | Interrupted | undefined;
  const stop = () => stopped !== undefined || (options.interrupted?.() ?? false);
  const requirements = new Set<string>();
  const property = fc.asyncProperty(
    sequenceArbitrary(vaults, context.target.capabilities.clockControl, options),
    async (commands) => {
      fc.pre(!stop());
      const names = Array.from({ length: vaults }, (_, i) => `${context.prefix}-s${run}-v${i}`);
      run++;
      if (run % 50 === 0) context.progress(`… sequences: ${run} runs`);
      const session = newSession(context);
      const setup = () => ({ model: { session, vaults: names } satisfies SequenceModel, real: {} });
      try {
        await fc.asyncModelRun(setup, commands);
      } catch (error) {
        if (!(error instanceof TargetUnusable || error instanceof Interrupted)) throw error;
        stopped = error;
      } finally {
        for (const step of session.trace)
          if (step.verdict === "pass") for (const id of step.requirements) requirements.add(id);
      }
    },
  );
  const seed = options.replay?.seed ?? options.seed;
  const parameters = options.replay
    ? { seed, path: options.replay.path, numRuns: 1, endOnFailure: true }
    : { seed, numRuns: options.runs };
  const details = await fc.check(property, { ...parameters, maxSkipsPerRun: 0 });
  if (stopped instanceof TargetUnusable) throw stopped;
  const base = { id: "sequences", generator: "sequence" as const, target: context.target.name, seed };
  const result: CheckResult = !details.failed
    ? { ...base, requirements: [...requirements].sort(), verdict: "pass" }
    : stop()
      ? { ...base, requirements: [], verdict: "skip", reason: `interrupted after ${run} runs` }
      : failureResult(base, details);
  context.checked(result, `${result.verdict} sequences: ${details.numRuns} runs, seed ${seed}`);
  return result;
}

interface Failure {
  errorInstance?: unknown;
  counterexample: [Iterable<unknown>] | null;
  counterexamplePath: string | null;
}

function failureResult(base: Omit<CheckResult, "requirements" | "verdict">, details: Failure): CheckResult {
  const error = details.errorInstance;
  const counterexample = details.counterexample ? [...details.counterexample[0]].map(String) : [];
  const replayPath = details.counterexample
    ? /replayPath="([^"]*)"/.exec(String(details.counterexample[0]))?.[1]
    : undefined;
  const path = details.counterexamplePath
    ? `${details.counterexamplePath}${replayPath ? `@${replayPath}` : ""}`
    : undefined;
  if (!(error instanceof StepFailure))
    throw new Error(
      `suite defect in a generated sequence (seed ${base.seed}, path ${path ?? "?"}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  return {
    ...base,
    requirements: error.failed.requirements,
    verdict: error.verdict === "notImplemented" ? "notImplemented" : "fail",
    reason: `${error.failed.request}: ${error.failed.detail ?? error.failed.observed}`,
    observed: error.failed.observed,
    accepted: error.failed.accepted,
    counterexample,
    trace: error.trace,
    ...(path ? { path } : {}),
  };
}
