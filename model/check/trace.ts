/**
 * Counterexample traces made concrete: a trace of moves replayed from the initial state gives, step by step,
 * the request sent (signer, operation, clock), the answer taken and the clock moves between requests: the
 * list of operations to send to an endpoint, in order, to see the same thing.
 */
import type { Operation } from "../operations.js";
import { step as modelStep } from "../oracle.js";
import { outcomeText } from "../properties/observe.js";
import type { Bounds } from "./bounds.js";
import type { TraceStep } from "./explore.js";
import { INITIAL_STATE, successors, type StepFunction } from "./successors.js";
import { describeMove, movesOf } from "./moves.js";

/** One step of a concrete trace. */
export interface ConcreteStep {
  /** `as 111122223333: InitiateVaultLock(a, legalHold) → 201`. */
  text: string;
  /** The request, when the step is one; archive bodies as text. */
  request?: { signer: string; operation: Record<string, unknown> };
  /** The clock move, when the step is one. */
  advanceMs?: number;
}

function plain(operation: Operation): Record<string, unknown> {
  return operation.name === "UploadArchive"
    ? { ...operation, body: Buffer.from(operation.body).toString("utf8") }
    : { ...operation };
}

/** Replays `trace` through `step` (default: the model's) and makes every step concrete. */
export function concreteTrace(
  bounds: Bounds,
  trace: readonly TraceStep[],
  step: StepFunction = modelStep,
): ConcreteStep[] {
  const moves = movesOf(bounds);
  const answer = (world: Parameters<StepFunction>[0], request: Parameters<StepFunction>[1]) => step(world, request);
  let state = INITIAL_STATE;
  return trace.map(({ move, branch }) => {
    const wanted = JSON.stringify(move);
    const taken = [
      ...successors(
        state,
        moves.filter((m) => JSON.stringify(m) === wanted),
        bounds,
        answer,
      ),
    ][branch];
    if (!taken) throw new Error(`trace step ${describeMove(move)} does not apply`);
    state = taken.transition.after;
    const request = taken.transition.step?.request;
    if (!request) return { text: describeMove(move), advanceMs: taken.transition.advancedMs! };
    const answered = outcomeText(taken.transition.step!.branch);
    const alternative = branch > 0 ? ` (accepted alternative ${branch})` : "";
    return {
      text: `${describeMove(move)} → ${answered}${alternative}`,
      request: { signer: request.signer, operation: plain(request.operation) },
    };
  });
}
