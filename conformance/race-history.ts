/**
 * The part of a checked history a report carries (`RaceHistory`): the whole history up to `EMBEDDED_MAX`
 * operations; beyond that, for a pass the first `EMBEDDED_MAX` operations of its linearization (a prefix of a
 * linearization is one of the sub-history it covers), for a failure the operations that could not be placed and
 * the end of the longest order found before them, in the failing component. The check itself is always complete.
 * Also the one-line account of a failure.
 */
import type { History } from "./history.js";
import { formatObserved } from "./invoke.js";
import { BUDGET_TERMS, type CheckOutcome } from "./linearizability.js";
import type { RaceHistory } from "./results.js";
import { describeOperation } from "./requests.js";

export const EMBEDDED_MAX = 500;

/** The embedded history, and how many of the history's operations it leaves out. */
export function embedHistory(history: History, outcome: CheckOutcome): { history: RaceHistory; omitted: number } {
  const all = history.entries.map((_, i) => i);
  let kept: number[];
  if (history.entries.length <= EMBEDDED_MAX) kept = all;
  else if (outcome.ok) kept = outcome.order.slice(0, EMBEDDED_MAX);
  else {
    const room = Math.max(0, EMBEDDED_MAX - outcome.unplaceable.length);
    kept = [...(room ? outcome.longestPrefix.slice(-room) : []), ...outcome.unplaceable];
  }
  kept.sort((a, b) => history.entries[a]!.called - history.entries[b]!.called || a - b);
  const position = new Map(kept.map((entry, k) => [entry, k]));
  const local = (entries: number[]) => entries.flatMap((i) => (position.has(i) ? [position.get(i)!] : []));
  const operations = kept.map((i) => {
    const { client, operation, observed, called, returned } = history.entries[i]!;
    const vault = operation.name === "ListVaults" ? {} : { vault: operation.vaultName };
    return {
      client,
      ...vault,
      request: describeOperation(operation),
      observed: formatObserved(observed),
      called,
      returned,
    };
  });
  const linearization: RaceHistory["linearization"] = outcome.ok
    ? { ok: true, order: local(outcome.order) }
    : {
        ok: false,
        ...(outcome.undecided ? { undecided: true as const } : {}),
        longestPrefix: local(outcome.longestPrefix),
        unplaceable: local(outcome.unplaceable),
      };
  return { history: { operations, linearization }, omitted: history.entries.length - kept.length };
}

/**
 * One line on why a history is not linearizable (where the search got stuck, and what it could not place), or why
 * it is undecided (the budget spent, and how far the search got).
 */
export function describeFailure(history: History, outcome: Extract<CheckOutcome, { ok: false }>): string {
  const vault = outcome.vaults.map((v) => v.vaultName).join(", ") || "no vault";
  if (outcome.undecided)
    return `undecided (${vault}): the search spent its budget of ${outcome.budget.toLocaleString("en-US")} (${BUDGET_TERMS.units}) with no order found and not every order ruled out; the longest order found places ${outcome.longestPrefix.length} operations (a larger --search-budget may decide it)`;
  const stuck = outcome.unplaceable.slice(0, 3).map((i) => {
    const { operation, observed } = history.entries[i]!;
    return `${describeOperation(operation)} → ${formatObserved(observed)}`;
  });
  const more = outcome.unplaceable.length > 3 ? ` and ${outcome.unplaceable.length - 3} more` : "";
  return `not linearizable (${vault}): after ${outcome.longestPrefix.length} operations in order, the model explains none of ${stuck.join("; ")}${more}`;
}
