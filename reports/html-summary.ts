/** The page's first section: per-target counts that add up, links to every failing requirement and its checks. */
import type { CheckResult } from "../conformance/results.js";
import type { TargetSummary } from "./document.js";
import type { PageContext } from "./html.js";
import { checkAnchor, chip, countChips, escapeHtml, requirementAnchor, stackedBar, statusLegend } from "./markup.js";
import { isFailing, resultStatus } from "./status.js";

function targetRow(t: TargetSummary): string {
  const counted = (key: keyof TargetSummary["counts"], noun: string) =>
    `<td>${stackedBar(t.counts[key])}${countChips(t.counts[key], noun)}</td>`;
  const shards = t.shards > 1 ? ` (${t.shards} shards)` : "";
  return `<tr><th>${escapeHtml(t.name)}</th><td>${escapeHtml(t.endpoints.join(", "))}<br><small>seed ${t.seeds.join(", ")}${shards}</small></td>${counted("checks", "checks")}${counted("requirements", "requirements")}${counted("transitions", "transitions")}<td>${t.unexpected ? chip("failed", `${t.unexpected} unexpected`) : chip("passed", "none")}${t.leftovers.length ? `<br>${chip("failed", `${t.leftovers.length} left behind`)}` : ""}</td></tr>`;
}

function failingResult(target: string, result: CheckResult): string {
  const status = resultStatus(result);
  return `<li>${chip(status)} <a href="#${checkAnchor(target, result.id)}"><code>${escapeHtml(result.id)}</code></a> ${escapeHtml(result.reason ?? "")}</li>`;
}

/** Per target: each failing requirement, linked, with the checks that fail it. */
function failing(page: PageContext, target: string): string {
  const requirements = page.document.requirements.filter((r) => isFailing(r.status[target]!));
  const results = (page.results[target] ?? []).filter((r) => isFailing(resultStatus(r)));
  const named = new Set(requirements.map((r) => r.id));
  const unnamed = results.filter((x) => !x.requirements.some((id) => named.has(id)));
  const others = unnamed.length
    ? `<p>Failing checks that name no catalogue requirement:</p><ul class="failing-list">${unnamed.map((x) => failingResult(target, x)).join("")}</ul>`
    : "";
  if (!requirements.length && !unnamed.length) {
    const expected = (page.results[target] ?? []).filter((r) => r.expected).length;
    const known = expected
      ? ` (${expected} expected deviation${expected === 1 ? "" : "s"}, listed under the checks)`
      : "";
    return `<p>${chip("passed", target)} nothing failed${known}.</p>`;
  }
  const items = requirements.map((r) => {
    const checks = results.filter((x) => x.requirements.includes(r.id)).map((x) => failingResult(target, x));
    return `<li>${chip(r.status[target]!)} <a href="#${requirementAnchor(r.id)}"><code>${escapeHtml(r.id)}</code></a> (${r.level}) ${escapeHtml(r.statement)}${checks.length ? `<ul>${checks.join("")}</ul>` : ""}</li>`;
  });
  return `<h3>${escapeHtml(target)}: ${requirements.length} failing requirement${requirements.length === 1 ? "" : "s"}</h3><ul class="failing-list">${items.join("")}</ul>${others}`;
}

export function summarySection(page: PageContext): string {
  const { document } = page;
  const rows = document.targets.map(targetRow).join("");
  const table = `<table class="targets"><thead><tr><th>target</th><th>endpoint</th><th>checks</th><th>requirements</th><th>transitions</th><th>unexpected</th></tr></thead><tbody>${rows}</tbody></table>`;
  const census = new Set(page.targets.flatMap((t) => Object.keys(document.census[t] ?? {}))).size;
  const more = `<p>Also: <a href="#census">${census} unspecified behaviour${census === 1 ? "" : "s"} observed</a> (the census, per target) · <a href="#inconsistencies">${document.inconsistencies.length} documentation inconsistencies</a> and how the model resolves them.</p>`;
  const legend = `<p class="legend">Status: ${statusLegend()}</p>`;
  return `${legend}${table}${page.targets.map((t) => failing(page, t)).join("")}${more}`;
}
