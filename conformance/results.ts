/** Check results as data: what every generator yields and every report reads. */
import { NotSent } from "./rails.js";
import { StepFailure, type TraceStep } from "./session.js";

export type Generator = "preflight" | "path" | "gate" | "policy" | "protocol" | "sequence" | "race" | "wire";
export type ResultVerdict = "pass" | "fail" | "skip" | "notImplemented";

export interface CheckResult {
  /** Stable id, e.g. `path:locked.ABORT`, `race:initiate-x8`, `sequences`. */
  id: string;
  generator: Generator;
  target: string;
  requirements: string[];
  /** When a failing step's requirements replaced them: the requirements the check was written to exercise. */
  aimed?: string[];
  verdict: ResultVerdict;
  /** Why it failed or was skipped. */
  reason?: string;
  observed?: string;
  accepted?: string[];
  seed?: number;
  /** fast-check path of the failing run, for `--replay`. */
  path?: string;
  /** The minimal failing sequence, one request per line. */
  counterexample?: string[];
  /** For a path or a policy scenario: how many of its steps (clock moves included) ran up to the first wrong answer. */
  length?: number;
  trace?: TraceStep[];
  /** Set by the expectations: this outcome was expected for this target. */
  expected?: { reason: string };
  /** For a race: the recorded operations and how the linearizability check placed them. */
  history?: RaceHistory;
}

/** A race's recorded history as a report carries it. */
export interface RaceHistory {
  /** One per operation, in call order; `client` is the lane (0-based), times are wall-clock ms. */
  operations: { client: number; vault?: string; request: string; observed: string; called: number; returned: number }[];
  /**
   * Passed: a linearization (indices into operations). Failed: the longest linearizable prefix found and the
   * operations that could not be placed after it. Undecided: the search's budget ran out; the longest order found.
   */
  linearization:
    { ok: true; order: number[] } | { ok: false; undecided?: true; longestPrefix: number[]; unplaceable: number[] };
}

/**
 * What a check speaks for, known before it runs: the requirements it is written to exercise (`aimed`), and every
 * requirement its requests may meet on the way (`covers`, the aimed ones among them).
 */
export interface CheckScope {
  aimed: readonly string[];
  covers: readonly string[];
}

/** The scope of a check whose requests meet only the requirements it declares. */
export const declared = (requirements: readonly string[]): CheckScope => ({
  aimed: requirements,
  covers: requirements,
});

/** Which checks a run keeps, judged by their scope (`RunOptions.select`). */
export type Selected = (scope: CheckScope) => boolean;

/** Every check. */
export const EVERY_CHECK: Selected = () => true;

/** A result for a whole sequence of steps: pass, or the first failing step. */
export function resultOf(
  base: Pick<CheckResult, "id" | "generator" | "target" | "requirements">,
  trace: TraceStep[],
): CheckResult {
  const failed = trace.find((s) => s.verdict !== "pass");
  if (!failed) return { ...base, verdict: "pass", trace };
  return {
    ...base,
    requirements: failed.requirements,
    aimed: base.requirements,
    verdict: failed.verdict === "notImplemented" ? "notImplemented" : "fail",
    reason: `${failed.request}: ${failed.detail ?? failed.observed}`,
    observed: failed.observed,
    accepted: failed.accepted,
    trace,
  };
}

/**
 * The result of a check cut short: by a failing step (fail), or by a request it could not send (skip, with
 * the reason). Rethrows anything else: a stop of the run, or a defect of the suite.
 */
export function resultOfError(
  base: Pick<CheckResult, "id" | "generator" | "target" | "requirements">,
  error: unknown,
): CheckResult {
  if (error instanceof NotSent) return { ...base, verdict: "skip", reason: error.message };
  if (!(error instanceof StepFailure)) throw error;
  return { ...resultOf({ ...base, requirements: error.failed.requirements }, error.trace), aimed: base.requirements };
}

/** One `field:<edge>` result per edge whose answers had a wrong header, field or value; the first example is kept. */
export function deviationResults(target: string, deviations: TraceStep[]): CheckResult[] {
  const byEdge = new Map<string, { step: TraceStep; count: number }>();
  for (const step of deviations) {
    const edge = step.edges.at(-1) ?? "?";
    const seen = byEdge.get(edge);
    if (seen) seen.count++;
    else byEdge.set(edge, { step, count: 1 });
  }
  return [...byEdge].map(([edge, { step, count }]) => ({
    id: `field:${edge}`,
    generator: "path" as const,
    target,
    requirements: step.requirements,
    verdict: "fail" as const,
    reason: `${step.request}: ${step.deviation} (${count} answer${count > 1 ? "s" : ""})`,
    observed: step.observed,
    trace: [step],
  }));
}
