/**
 * What a failed race owes to wrong values rather than to order. When the history's outcomes alone (status and
 * error code) are linearizable, the failure lies in headers or values: the answers that carry one the model does not
 * give in that order are named, each with the requirements of the transition it took, so a wrong field is reported
 * under its own rule and not as a race between operations (RACE-ONE-INITIATE-WINS speaks of outcomes).
 */
import { MemoryWorld, step } from "../model/index.js";
import { unknownOutcome, type History } from "./history.js";
import { formatObserved } from "./invoke.js";
import { explains, explainsOutcome, partsMismatch } from "./judge.js";
import { checkHistory } from "./linearizability.js";
import { describeOperation } from "./requests.js";
import { entryRequest } from "./state-space.js";

export interface ValueDefect {
  /** Index of the entry in the history. */
  entry: number;
  problem: string;
  requirements: string[];
}

/**
 * The answers whose values the model does not give, in an order that explains every outcome; undefined when the
 * outcomes alone are not linearizable (a failure of order), undecided within `budget`, or that order cannot be
 * followed step by step.
 */
export function valueDefects(history: History, budget?: number): ValueDefect[] | undefined {
  const relaxed = checkHistory(history, { outcomesOnly: true, budget });
  if (!relaxed.ok) return undefined;
  const world = new MemoryWorld();
  world.apply(history.start);
  const defects: ValueDefect[] = [];
  for (const index of relaxed.order) {
    const entry = history.entries[index]!;
    if (unknownOutcome(entry.observed)) return undefined;
    const branches = step(world, entryRequest(entry, history), { clockToleranceMs: history.toleranceMs });
    const exact = branches.find((b) => explains(entry.observed, b, history.toleranceMs));
    const branch = exact ?? branches.find((b) => explainsOutcome(entry.observed, b));
    if (!branch) return undefined;
    if (!exact) {
      const problem = partsMismatch(entry.observed, branch, history.toleranceMs) ?? "its answer differs";
      defects.push({ entry: index, problem, requirements: branch.requirements });
    }
    world.apply(branch.changes);
  }
  return defects.length ? defects : undefined;
}

/** The requirements the defects speak for, sorted. */
export function defectRequirements(defects: readonly ValueDefect[]): string[] {
  return [...new Set(defects.flatMap((d) => d.requirements))].sort();
}

/** One line: the outcomes are linearizable, and the first answers whose values are not the model's. */
export function describeValueDefects(history: History, defects: readonly ValueDefect[]): string {
  const shown = defects.slice(0, 3).map(({ entry, problem }) => {
    const { operation, observed } = history.entries[entry]!;
    return `${describeOperation(operation)} → ${formatObserved(observed)}: ${problem}`;
  });
  const more = defects.length > 3 ? ` and ${defects.length - 3} more` : "";
  return `the outcomes are linearizable, but ${defects.length} answer${defects.length > 1 ? "s carry" : " carries"} a value the model does not give in that order: ${shown.join("; ")}${more}`;
}
