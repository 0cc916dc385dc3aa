/** JUnit XML for CI systems: one testsuite per target, one testcase per requirement. */
import { resultsByTarget, type ReportDocument } from "./document.js";

export function escapeXml(text: string): string {
  return text
    .replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
}

/** Failed and not-implemented are failures; expected failures, skips and unexercised requirements are skipped. */
export function renderJunit(document: ReportDocument): string {
  const results = resultsByTarget(document);
  const suites = document.targets.map(({ name }) => {
    const cases = document.requirements.map((r) => {
      const status = r.status[name]!;
      const attrs = `name="${escapeXml(r.id)}" classname="${escapeXml(`${name}.${r.level}`)}"`;
      const failing = (results[name] ?? []).filter(
        (x) => x.requirements.includes(r.id) && !x.expected && (x.verdict === "fail" || x.verdict === "notImplemented"),
      );
      const detail = failing
        .map((x) => `${x.id}: ${x.reason ?? ""}${x.counterexample ? `\n  ${x.counterexample.join("\n  ")}` : ""}`)
        .join("\n");
      if (status === "failed" || status === "not-implemented")
        return `    <testcase ${attrs}><failure message="${escapeXml(`${status}: ${failing[0]?.reason ?? r.statement}`)}">${escapeXml(detail)}</failure></testcase>`;
      if (status === "passed") return `    <testcase ${attrs}/>`;
      const expected = (results[name] ?? []).find((x) => x.requirements.includes(r.id) && x.expected);
      return `    <testcase ${attrs}><skipped message="${escapeXml(expected ? `expected deviation: ${expected.expected!.reason}` : status)}"/></testcase>`;
    });
    const failures = document.requirements.filter(
      (r) => r.status[name] === "failed" || r.status[name] === "not-implemented",
    ).length;
    const skipped = document.requirements.filter(
      (r) => !["passed", "failed", "not-implemented"].includes(r.status[name]!),
    ).length;
    return `  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}">\n${cases.join("\n")}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="glacier-vault-lock">\n${suites.join("\n")}\n</testsuites>\n`;
}
