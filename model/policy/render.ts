/**
 * Text of `policy explain` (the Initiate answer, the decision table with tag states of equal rows joined, the
 * hazards) and of `policy diff`.
 */
import type { Decision, ParsedPolicy } from "./evaluate.js";
import { parsePolicy } from "./evaluate.js";
import { changes, type PolicyDiff } from "./diff.js";
import type { Explanation, InitiateAnswer } from "./explain.js";
import { ageLabel, principalLabel, tagStateLabel, timeLabel } from "./labels.js";
import { statementName, type Cell, type DecisionTable } from "./table.js";

/** Columns padded to their widest entry, two spaces apart. */
export function columns(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((text, i) => (i === r.length - 1 ? text : text.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd(),
  );
}

/** `DENY "sid"`, `allow #2` (an Allow grants nothing a lock policy could refuse), or `-`. */
export function decisionText(policy: ParsedPolicy, decision: Decision): string {
  if (decision.effect === "NotApplicable") return "-";
  return `${decision.effect === "Deny" ? "DENY" : "allow"} ${statementName(policy, decision.statement)}`;
}

/**
 * The leading columns of a row: operation, archive age (DeleteArchive only), the time when the policy names
 * one, the tag states when it names a tag.
 */
export function rowHead(table: DecisionTable, cell: Cell, tags: string): string[] {
  return [
    cell.operation,
    cell.age === undefined ? "" : ageLabel(table.ages[cell.age]!),
    ...(table.times.length > 1 ? [timeLabel(table.times[cell.time]!)] : []),
    ...(table.tagKeys.length ? [tags] : []),
  ];
}

export function headColumns(table: DecisionTable): string[] {
  return [
    "operation",
    "archive age (days)",
    ...(table.times.length > 1 ? ["time"] : []),
    ...(table.tagKeys.length ? ["tags"] : []),
  ];
}

/**
 * Cells grouped by row (everything but principal and tag state), then tag states whose `value` is the same
 * joined: one entry per group, with the tag states' label (`any` when all states agree).
 */
export function rowGroups<T>(
  table: DecisionTable,
  cells: Cell[],
  value: (row: Cell[]) => T,
): { head: Cell; tags: string; value: T }[] {
  const rows = new Map<string, Cell[]>();
  for (const cell of cells) {
    const id = `${cell.operation}|${cell.age}|${cell.time}`;
    if (!rows.has(id)) rows.set(id, []);
    rows.get(id)!.push(cell);
  }
  return [...rows.values()].flatMap((row) => {
    const byState = new Map<number, Cell[]>();
    for (const cell of row) byState.set(cell.tags, [...(byState.get(cell.tags) ?? []), cell]);
    const groups = new Map<string, { head: Cell; states: number[]; value: T }>();
    for (const [state, stateCells] of byState) {
      const v = value(stateCells);
      const id = JSON.stringify(v);
      if (!groups.has(id)) groups.set(id, { head: stateCells[0]!, states: [], value: v });
      groups.get(id)!.states.push(state);
    }
    return [...groups.values()].map(({ head, states, value: v }) => ({
      head,
      value: v,
      tags:
        states.length === table.tagStates.length
          ? "any"
          : states.map((s) => tagStateLabel(table.tagStates[s]!)).join(" | "),
    }));
  });
}

function initiateLines(initiate: InitiateAnswer): string[] {
  const [first, ...others] = initiate.outcomes;
  const also = others.length ? `; ${others.join(" or ")} also conform` : "";
  const head =
    first === "201"
      ? `Initiate: 201 by the reference emulator${also} (${initiate.bytes} bytes; every construct is in the evaluated subset, POL-SUBSET)`
      : `Initiate: ${first}${also}, no lock`;
  const problems = initiate.problems.map(
    (p) => `  ${p.statement !== undefined ? `statement #${p.statement + 1}: ` : ""}${p.message} (${p.requirement})`,
  );
  return [head, ...problems];
}

const LEGEND = [
  'DENY s: 403 AccessDeniedException by statement s (its Sid, or #n); -: not denied; "allow s": only an Allow',
  "applies, which refuses nothing. The lock operations are not governed (POL-SELF-LOCK). Glacier refuses",
  "unsigned requests, and the model other accounts' (ACCT-MISMATCH-DENIED), before any policy: their columns",
  "show what the policy alone says.",
];

function tableLines(policy: ParsedPolicy, table: DecisionTable): string[] {
  const principals = table.principals.map(principalLabel);
  const header = [...headColumns(table), ...principals];
  const rows = rowGroups(table, table.cells, (cells) =>
    table.principals.map((_, p) => decisionText(policy, cells.find((c) => c.principal === p)!.decisions[0]!)),
  ).map(({ head, tags, value }) => [...rowHead(table, head, tags), ...value]);
  return columns([header, ...rows]);
}

/** The text of an explanation of `policy`. */
export function renderExplanation(policy: string, explanation: Explanation): string {
  const lines = [`Lock policy for ${explanation.vault.arn}`, "", ...initiateLines(explanation.initiate)];
  if (explanation.table) {
    const parsed = parsePolicy(policy);
    lines.push("", "While InProgress or Locked (POL-FULL-EFFECT-IN-PROGRESS, POL-ENFORCED-LOCKED):", ...LEGEND, "");
    lines.push(...tableLines(parsed, explanation.table));
    lines.push("", explanation.hazards.length ? "Hazards:" : "Hazards: none found.");
    lines.push(...explanation.hazards.map((h) => `- [${h.kind}] ${h.message}`));
  }
  return lines.join("\n");
}

/** The text of a diff: the Initiate answers, then each row whose decisions change, `before → after`. */
export function renderDiff(before: string, after: string, diff: PolicyDiff): string {
  const lines = [`Lock policies for ${diff.vault.arn}`, "", "before:", ...initiateLines(diff.initiate.before)];
  lines.push("after:", ...initiateLines(diff.initiate.after));
  const table = diff.table;
  if (!table) return [...lines, "", "No decision table: Initiate refuses a policy."].join("\n");
  const [old, now] = [parsePolicy(before), parsePolicy(after)];
  const rows = rowGroups(table, table.cells, (cells) =>
    table.principals.map((_, p) => {
      const cell = cells.find((c) => c.principal === p)!;
      return changes(cell) ? `${decisionText(old, cell.decisions[0]!)} → ${decisionText(now, cell.decisions[1]!)}` : "";
    }),
  ).filter(({ value }) => value.some(Boolean));
  const summary = `${diff.changed.length} of ${table.cells.length} cells change between denied and not denied.`;
  if (rows.length === 0) return [...lines, "", summary].join("\n");
  const header = [...headColumns(table), ...table.principals.map(principalLabel)];
  const body = rows.map(({ head, tags, value }) => [...rowHead(table, head, tags), ...value]);
  return [...lines, "", summary, "", ...columns([header, ...body])].join("\n");
}
