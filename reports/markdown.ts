/** The Markdown summary: counts per level and target, then failing requirements first with their counterexamples. */
import type { CheckResult } from "../conformance/results.js";
import { resultsByTarget, type ReportDocument, type Status } from "./document.js";

const LEVELS = ["documented", "observed", "unspecified"] as const;
const COLUMNS: [Status, string][] = [
  ["passed", "passed"],
  ["failed", "failed"],
  ["not-implemented", "not implemented"],
  ["expected-failure", "expected failure"],
  ["skipped", "skipped"],
  ["not-exercised", "not exercised"],
];

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function failureDetails(result: CheckResult): string[] {
  const lines = [`- \`${result.id}\`: ${cell(result.reason ?? result.verdict)}`];
  if (result.counterexample?.length) lines.push(...result.counterexample.map((step, i) => `  ${i + 1}. ${step}`));
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

/** Renders the summary page. */
export function renderMarkdown(document: ReportDocument): string {
  const targets = document.targets.map((t) => t.name);
  const lines = [
    `# Vault Lock conformance report`,
    "",
    `Suite ${document.suiteVersion}, report schema ${document.schemaVersion}, generated ${document.generatedAt}.`,
    "",
  ];
  lines.push(
    "| target | endpoint | seeds | checks | unexpected | left behind |",
    "| --- | --- | --- | --- | --- | --- |",
  );
  for (const t of document.targets)
    lines.push(
      `| ${t.name} | ${t.endpoints.join(", ")} | ${t.seeds.join(", ")} | ${t.checks} | ${t.unexpected} | ${t.leftovers.length} |`,
    );
  lines.push(
    "",
    "## Requirements by level",
    "",
    `| target | level | ${COLUMNS.map(([, h]) => h).join(" | ")} |`,
    `| --- | --- |${COLUMNS.map(() => " --- |").join("")}`,
  );
  for (const target of targets)
    for (const level of LEVELS) {
      const rows = document.requirements.filter((r) => r.level === level);
      lines.push(
        `| ${target} | ${level} | ${COLUMNS.map(([status]) => rows.filter((r) => r.status[target] === status).length).join(" | ")} |`,
      );
    }
  const results = resultsByTarget(document);
  for (const target of targets) {
    const failing = document.requirements.filter(
      (r) => r.status[target] === "failed" || r.status[target] === "not-implemented",
    );
    lines.push("", `## ${target}: failing requirements (${failing.length})`, "");
    if (!failing.length) lines.push("None.");
    for (const requirement of failing) {
      lines.push(
        `### ${requirement.id} (${requirement.level}, ${requirement.status[target]})`,
        "",
        requirement.statement,
        "",
      );
      const related = (results[target] ?? []).filter(
        (r) => !r.expected && r.verdict !== "pass" && r.verdict !== "skip" && r.requirements.includes(requirement.id),
      );
      for (const result of related.slice(0, 3)) lines.push(...failureDetails(result));
      lines.push("");
    }
  }
  const transitions = document.transitions;
  lines.push(
    "## Model coverage",
    "",
    `| target | transitions passed | failed | not exercised |`,
    "| --- | --- | --- | --- |",
  );
  for (const target of targets) {
    const count = (s: Status) => transitions.filter((t) => t.status[target] === s).length;
    lines.push(
      `| ${target} | ${count("passed")} / ${transitions.length} | ${count("failed") + count("not-implemented")} | ${count("not-exercised") + count("skipped")} |`,
    );
  }
  lines.push("", "## Unspecified behaviour observed (census)", "");
  for (const target of targets)
    for (const [id, seen] of Object.entries(document.census[target] ?? {}))
      lines.push(`- ${target} · ${id}: ${seen.join("; ")}`);
  lines.push(
    "",
    "## Documentation inconsistencies",
    "",
    ...document.inconsistencies.map((i) => `- **${i.id}**: ${i.summary} Resolution: ${i.resolution}`),
    "",
  );
  return lines.join("\n");
}
