/**
 * `policy diff` (issue 20): two policies as the same vault's lock policy, tabled over the bands and tag states
 * either names, and the cells whose decision changes between denied and not denied. Pure.
 */
import { initiateAnswer, type InitiateAnswer } from "./explain.js";
import { decisionTable, type Cell, type DecisionTable, type VaultRef } from "./table.js";

export interface PolicyDiff {
  vault: VaultRef;
  initiate: { before: InitiateAnswer; after: InitiateAnswer };
  /** Absent when Initiate refuses either policy. */
  table?: DecisionTable;
  /** Cells whose first decision (before) and second (after) differ in being a Deny. */
  changed: Cell[];
}

const denies = (cell: Cell, which: 0 | 1) => cell.decisions[which]!.effect === "Deny";

/** True when the cell is denied by one policy and not by the other. */
export const changes = (cell: Cell) => denies(cell, 0) !== denies(cell, 1);

/** The diff of `before` and `after` for `vault`; `now` (epoch ms) stands for any time. */
export function diffPolicies(before: string, after: string, vault: VaultRef, now: number): PolicyDiff {
  const initiate = { before: initiateAnswer(before, vault, now), after: initiateAnswer(after, vault, now) };
  if (initiate.before.outcomes[0] !== "201" || initiate.after.outcomes[0] !== "201")
    return { vault, initiate, changed: [] };
  const table = decisionTable([before, after], vault, now);
  return { vault, initiate, table, changed: table.cells.filter(changes) };
}
