/** The one-screen summary printed at the end of a run. Formatting only; the report is the data. */
import type { RunReport } from "./run.js";

const ACCOUNT_SOURCES = {
  given: "given",
  discovered: "discovered from the target's answers",
  default: "default; the target named none",
} as const;

function verdictLine(report: RunReport): string {
  if (report.suiteErrors?.length)
    return "RESULT: the suite itself failed (exit 3); the results above may be incomplete";
  if (report.refused) return "RESULT: the target could not be checked (exit 2)";
  if (report.unexpected === 0 && !report.interrupted) return "RESULT: conforms (no unexpected results)";
  return `RESULT: ${report.unexpected} unexpected result(s)`;
}

/** Counts, then every unexpected result with its counterexample and replay command, then stale expectations. */
export function summarize(report: RunReport): string {
  const count = (verdict: string, expected?: boolean) =>
    report.results.filter((r) => r.verdict === verdict && (expected === undefined || Boolean(r.expected) === expected))
      .length;
  const account = report.account ? `, account ${report.account.id} (${ACCOUNT_SOURCES[report.account.source]})` : "";
  const lines = [
    `target ${report.target.name} (${report.target.endpoint ?? "SDK default endpoint"})${account}, seed ${report.seed}, ${report.runs} generated runs, ${(report.durationMs / 1000).toFixed(1)} s`,
    `checks: ${report.results.length}  pass ${count("pass")}  fail ${count("fail", false)}  not implemented ${count("notImplemented", false)}  expected deviations ${report.results.filter((r) => r.expected).length}  skipped ${count("skip")}`,
  ];
  for (const r of report.results.filter(
    (x) => !x.expected && (x.verdict === "fail" || x.verdict === "notImplemented"),
  )) {
    lines.push(
      "",
      `${r.verdict === "fail" ? "FAIL" : "NOT IMPLEMENTED"} ${r.id} [${r.requirements.join(", ")}]`,
      `  ${r.reason ?? ""}`,
    );
    if (r.counterexample?.length)
      lines.push("  minimal counterexample:", ...r.counterexample.map((c, i) => `    ${i + 1}. ${c}`));
    if (r.path !== undefined)
      lines.push(`  replay: glacier-vault-lock run --replay ${r.seed}:${r.path} (with the same target flags)`);
  }
  for (const r of report.results.filter((x) => x.verdict === "skip")) lines.push(`skipped ${r.id}: ${r.reason}`);
  if (report.stale.length)
    lines.push(
      "",
      "stale expectations (no longer observed):",
      ...report.stale.map((e) => `  ${e.id} (${e.verdict}): ${e.reason}`),
    );
  lines.push(`unspecified behaviours recorded: ${Object.keys(report.census).length}`);
  if (report.leftovers.length) lines.push(`LEFT BEHIND: ${report.leftovers.join(", ")}`);
  for (const note of report.cleanupNotes ?? []) lines.push(`  ${note}`);
  if (report.deferred?.length)
    lines.push(
      `DEFERRED: ${report.deferred.join(", ")} (they held archives; AWS deletes such a vault only after its next inventory; a later run with the same --state-file deletes them)`,
    );
  if (report.interrupted) lines.push("INTERRUPTED: the run stopped early");
  if (report.stoppedBecause) lines.push(`STOPPED: ${report.stoppedBecause}`);
  for (const error of report.suiteErrors ?? []) lines.push(`SUITE DEFECT (not the target's doing): ${error}`);
  lines.push(verdictLine(report));
  return lines.join("\n");
}
