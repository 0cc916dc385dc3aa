/**
 * The Markdown summary: per target the counts by status (every status a column, with the total they add up to),
 * then failing requirements first with their counterexamples or race histories, coverage, census, inconsistencies.
 */
import type { CheckResult, RaceHistory } from "../conformance/results.js";
import { resultsByTarget, type ReportDocument } from "./document.js";
import { propertiesMarkdown } from "./properties.js";
import { countStatuses, isFailing, resultStatus, STATUSES, statusText, type Status } from "./status.js";

const LEVELS = ["documented", "observed", "unspecified"] as const;

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function table(headings: string[], rows: (string | number)[][]): string[] {
  return [
    `| ${headings.join(" | ")} |`,
    `| ${headings.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map((c) => cell(String(c))).join(" | ")} |`),
  ];
}

/** One column per status, then the total. */
function countColumns(counts: Record<Status, number>): number[] {
  return [...STATUSES.map((s) => counts[s]), STATUSES.reduce((n, s) => n + counts[s], 0)];
}
const COUNT_HEADINGS = [...STATUSES.map(statusText), "total"];

function raceLines(history: RaceHistory): string[] {
  const lin = history.linearization;
  const placed = lin.ok ? lin.order : lin.longestPrefix;
  const mark = (i: number) => {
    if (placed.includes(i)) return `${placed.indexOf(i) + 1}.`;
    return !lin.ok && lin.unplaceable.includes(i) ? "✗ cannot be placed:" : "· not reached:";
  };
  const start = Math.min(...history.operations.map((o) => o.called));
  const head = lin.ok
    ? "  - linearizable, in this order:"
    : `  - not linearizable: the longest linearizable prefix places ${lin.longestPrefix.length} of ${history.operations.length} operations`;
  return [
    head,
    ...history.operations.map(
      (o, i) =>
        `    - client ${o.client}, +${o.called - start}–${o.returned - start} ms: ${mark(i)} ${o.request} → ${o.observed}`,
    ),
  ];
}

function failureDetails(result: CheckResult): string[] {
  const lines = [`- \`${result.id}\`: ${cell(result.reason ?? result.verdict)}`];
  if (result.counterexample?.length) lines.push(...result.counterexample.map((step, i) => `  ${i + 1}. ${step}`));
  else if (result.history) lines.push(...raceLines(result.history));
  else if (result.trace?.length)
    lines.push(
      ...result.trace.map(
        (s, i) =>
          `  ${i + 1}. ${s.request} → ${s.observed}${s.verdict === "pass" ? "" : ` (expected ${s.accepted.join(" or ")})`}`,
      ),
    );
  if (result.path !== undefined)
    lines.push(`  - replay: \`glacier-vault-lock run --replay ${result.seed}:${result.path}\``);
  return lines;
}

function failing(document: ReportDocument, target: string, results: CheckResult[]): string[] {
  const requirements = document.requirements.filter((r) => isFailing(r.status[target]!));
  const blocks = [`## ${target}: failing requirements (${requirements.length})`];
  if (!requirements.length) blocks.push("None.");
  for (const requirement of requirements) {
    const related = results.filter((r) => isFailing(resultStatus(r)) && r.requirements.includes(requirement.id));
    blocks.push(
      `### ${requirement.id} (${requirement.level}, ${statusText(requirement.status[target]!)})`,
      requirement.statement,
      related.slice(0, 3).flatMap(failureDetails).join("\n"),
    );
  }
  return blocks;
}

function targetsTable(document: ReportDocument): string {
  return table(
    ["target", "endpoint", "seeds", "checks", "unexpected", "left behind"],
    document.targets.map((t) => [
      t.name,
      t.endpoints.join(", "),
      t.seeds.join(", "),
      t.checks,
      t.unexpected,
      t.leftovers.length,
    ]),
  ).join("\n");
}

function levelsTable(document: ReportDocument): string {
  const statusesAt = (level: string, target: string) =>
    document.requirements.filter((r) => r.level === level).map((r) => r.status[target]!);
  return table(
    ["target", "level", ...COUNT_HEADINGS],
    document.targets.flatMap((t) =>
      LEVELS.map((level) => [t.name, level, ...countColumns(countStatuses(statusesAt(level, t.name)))]),
    ),
  ).join("\n");
}

function countsTable(document: ReportDocument, counts: "transitions" | "checks"): string {
  const rows = document.targets.map((t) => [t.name, ...countColumns(t.counts[counts])]);
  return table(["target", ...COUNT_HEADINGS], rows).join("\n");
}

function unexercisedList(document: ReportDocument): string {
  const lines = document.targets.flatMap((t) =>
    document.requirements.flatMap((r) => {
      const why = r.unexercised?.[t.name];
      return why ? [`- ${t.name} · ${r.id} (${statusText(r.status[t.name]!)}): ${why}`] : [];
    }),
  );
  return lines.join("\n") || "None: every requirement was exercised.";
}

function censusList(document: ReportDocument): string {
  const lines = document.targets.flatMap((t) =>
    Object.entries(document.census[t.name] ?? {}).map(([id, seen]) => `- ${t.name} · ${id}: ${seen.join("; ")}`),
  );
  return lines.join("\n") || "None recorded.";
}

/** Renders the summary page; blocks are separated by blank lines, so no paragraph runs into a heading. */
export function renderMarkdown(document: ReportDocument): string {
  const results = resultsByTarget(document);
  const blocks: string[] = [
    "# Vault Lock conformance report",
    `Suite ${document.suiteVersion}, report schema ${document.schemaVersion}, generated ${document.generatedAt}.`,
    targetsTable(document),
    "## Requirements by level",
    levelsTable(document),
    ...document.targets.flatMap((t) => failing(document, t.name, results[t.name] ?? [])),
    "## Model coverage (transitions)",
    countsTable(document, "transitions"),
    "## Checks",
    countsTable(document, "checks"),
    "## Requirements not exercised, and why",
    unexercisedList(document),
    ...propertiesMarkdown(document.proof),
    "## Unspecified behaviour observed (census)",
    censusList(document),
    "## Documentation inconsistencies",
    document.inconsistencies.map((i) => `- **${i.id}**: ${i.summary} Resolution: ${i.resolution}`).join("\n"),
  ];
  return `${blocks.filter((b) => b !== "").join("\n\n")}\n`;
}
