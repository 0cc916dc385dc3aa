/** JUnit XML for CI systems: one testsuite per target, one testcase per requirement. */
import { resultsByTarget, type ReportDocument } from "./document.js";
import { isFailing, resultStatus, STATUS, STATUSES } from "./status.js";

export function escapeXml(text: string): string {
  return text
    .replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
}

/** Failing statuses (`isFailing`) are failures; expected failures, skips and unexercised requirements are skipped. */
export function renderJunit(document: ReportDocument): string {
  const results = resultsByTarget(document);
  const suites = document.targets.map(({ name, counts }) => {
    const cases = document.requirements.map((r) => {
      const status = r.status[name]!;
      const attrs = `name="${escapeXml(r.id)}" classname="${escapeXml(`${name}.${r.level}`)}"`;
      const failing = (results[name] ?? []).filter((x) => x.requirements.includes(r.id) && isFailing(resultStatus(x)));
      const detail = failing
        .map((x) => `${x.id}: ${x.reason ?? ""}${x.counterexample ? `\n  ${x.counterexample.join("\n  ")}` : ""}`)
        .join("\n");
      if (isFailing(status))
        return `    <testcase ${attrs}><failure message="${escapeXml(`${STATUS[status].label}: ${failing[0]?.reason ?? r.statement}`)}">${escapeXml(detail)}</failure></testcase>`;
      if (status === "passed") return `    <testcase ${attrs}/>`;
      const expected = (results[name] ?? []).find((x) => x.requirements.includes(r.id) && x.expected);
      const why = expected ? `expected deviation: ${expected.expected!.reason}` : STATUS[status].label;
      return `    <testcase ${attrs}><skipped message="${escapeXml(why)}"/></testcase>`;
    });
    const failures = STATUSES.filter(isFailing).reduce((n, s) => n + counts.requirements[s], 0);
    const skipped = cases.length - failures - counts.requirements.passed;
    return `  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}">\n${cases.join("\n")}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="glacier-vault-lock">\n${suites.join("\n")}\n</testsuites>\n`;
}
