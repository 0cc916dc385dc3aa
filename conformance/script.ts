/**
 * The one runner of scripted checks (transition paths, gate checks, policy scenarios): steps run in order through
 * a session until one is answered wrong (or not at all) or cannot be sent, and the check's result is read from
 * the session's trace.
 */
import { NotSent } from "./rails.js";
import { resultOf, type CheckResult } from "./results.js";
import { StepFailure, type Session } from "./session.js";

/** One step: a request or a clock move through the session; it may read what came back. */
export type ScriptStep = (session: Session) => Promise<unknown>;

export interface ScriptRun {
  /** Why a step was not sent (the rails, or a value the target never gave), when one was not. */
  notSent?: string;
  /** Steps that ran, and the number of the first one answered wrong or with a wrong part, if any. */
  ran: number;
  firstDefect?: number;
}

/** Runs `steps` until one fails or cannot be sent; anything else thrown (a stop, a suite defect) goes on up. */
export async function runScript(session: Session, steps: readonly ScriptStep[]): Promise<ScriptRun> {
  const run: ScriptRun = { ran: 0 };
  try {
    for (const step of steps) {
      run.ran++;
      const before = session.trace.length;
      try {
        await step(session);
      } finally {
        const last = session.trace.length > before ? session.trace.at(-1) : undefined;
        if (run.firstDefect === undefined && last && (last.verdict !== "pass" || last.deviation))
          run.firstDefect = run.ran;
      }
    }
  } catch (error) {
    if (error instanceof NotSent) return { ...run, notSent: error.message };
    if (!(error instanceof StepFailure)) throw error;
  }
  return run;
}

/** The result of a scripted check from the trace steps it made: a skip when a step was not sent. */
export function scriptResult(
  base: Pick<CheckResult, "id" | "generator" | "target" | "requirements">,
  session: Session,
  from: number,
  run: ScriptRun,
): CheckResult {
  const trace = session.trace.slice(from);
  if (run.notSent) return { ...base, verdict: "skip", reason: run.notSent, trace };
  const result = resultOf(base, trace);
  return run.firstDefect ? { ...result, length: run.firstDefect } : result;
}
