/**
 * The sections about individual checks: the race timelines, every check that did not pass (expandable to its
 * request/response trace, counterexample and replay command), the census and the documentation inconsistencies.
 */
import type { CheckResult } from "../conformance/results.js";
import type { WireExchange } from "../conformance/wire/exchange.js";
import type { PageContext } from "./html.js";
import { anchor, checkAnchor, chip, escapeHtml, requirementAnchor } from "./markup.js";
import { resultStatus, stepStatus } from "./status.js";
import { raceTimeline } from "./timeline.js";

const raceAnchor = (target: string, id: string) => anchor("race", target, id);

/** The raw HTTP exchange beneath a step, as text: request line, headers and body, then the answer's. */
function rawExchange(exchange: WireExchange | undefined): string {
  if (!exchange) return "";
  const headers = (h: Record<string, string> = {}) => Object.entries(h).map(([k, v]) => `${k}: ${v}`);
  const request = [`${exchange.method} ${exchange.path}`, ...headers(exchange.requestHeaders)];
  if (exchange.requestBody) request.push("", exchange.requestBody);
  const answer =
    exchange.status === undefined
      ? [`no answer after ${exchange.ms} ms: ${exchange.transport ?? "unknown"}`]
      : [`HTTP ${exchange.status} (${exchange.ms} ms)`, ...headers(exchange.responseHeaders)];
  if (exchange.responseBody) answer.push("", exchange.responseBody);
  if (exchange.status !== undefined && exchange.transport) answer.push(`then: ${exchange.transport}`);
  return `<details class="wire"><summary>raw exchange</summary><pre>${escapeHtml([...request, "", ...answer].join("\n"))}</pre></details>`;
}

function trace(result: CheckResult): string {
  const rows = (result.trace ?? []).map(
    (s) =>
      `<tr><td>${chip(stepStatus(s, result), "")}</td><td>${escapeHtml(s.request)}</td><td>${escapeHtml(s.observed)}</td><td>${escapeHtml(s.accepted.join(" or "))}</td><td>${escapeHtml(s.edges.join(" → "))}</td><td>${escapeHtml(s.detail ?? s.deviation ?? "")}${rawExchange(s.exchange)}</td></tr>`,
  );
  if (!rows.length) return "";
  return `<table><thead><tr><th></th><th>request</th><th>answer</th><th>accepted</th><th>model edges</th><th>detail</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function failure(target: string, result: CheckResult): string {
  const counterexample = result.counterexample?.length
    ? `<p>Minimal counterexample:</p><ol>${result.counterexample.map((c) => `<li>${escapeHtml(c)}</li>`).join("")}</ol>`
    : "";
  const replay =
    result.path !== undefined
      ? `<p>Replay: <code>glacier-vault-lock run --replay ${escapeHtml(`${result.seed}:${result.path}`)}</code></p>`
      : "";
  const timeline = result.history
    ? `<p>Its history is drawn <a href="#${raceAnchor(target, result.id)}">on a timeline under Races</a>.</p>`
    : "";
  const why = result.expected ? ` (expected: ${escapeHtml(result.expected.reason)})` : "";
  return `<details class="failure" id="${checkAnchor(target, result.id)}"><summary>${chip(resultStatus(result))} <code>${escapeHtml(result.id)}</code> [${escapeHtml(result.requirements.join(", "))}] ${escapeHtml(result.reason ?? "")}${why}</summary>${counterexample}${replay}${timeline}${trace(result)}</details>`;
}

export function checksSection(page: PageContext): string {
  return page.targets
    .map((t) => {
      const list = (page.results[t] ?? []).filter((r) => r.verdict !== "pass");
      const body = list.length ? list.map((r) => failure(t, r)).join("") : `<p class="empty">Every check passed.</p>`;
      return `<h3>${escapeHtml(t)}: ${list.length} of ${(page.results[t] ?? []).length} checks did not pass</h3>${body}`;
    })
    .join("");
}

export function racesSection(page: PageContext): string {
  const intro = `<p>Each race sends its requests at once from separate clients and asks whether some order of them, consistent with when each was called and returned, explains every answer (linearizability, RACE-ONE-INITIATE-WINS).</p>`;
  const perTarget = page.targets.map((t) => {
    const races = (page.results[t] ?? []).filter((r) => r.generator === "race");
    const figures = races.map(
      (r) =>
        `<h3 id="${raceAnchor(t, r.id)}">${chip(resultStatus(r))} ${escapeHtml(t)} · <code>${escapeHtml(r.id)}</code></h3>${raceTimeline(r) || `<p class="empty">No history recorded: ${escapeHtml(r.reason ?? r.verdict)}</p>`}`,
    );
    return figures.join("") || `<p class="empty">No race checks ran for ${escapeHtml(t)}.</p>`;
  });
  return `${intro}${perTarget.join("")}`;
}

/** Requirement × target: which of the accepted outcomes each target chose where the documents leave it open. */
export function censusSection(page: PageContext): string {
  const { census } = page.document;
  const ids = [...new Set(page.targets.flatMap((t) => Object.keys(census[t] ?? {})))].sort();
  if (!ids.length) return `<p class="empty">No unspecified behaviour was observed.</p>`;
  const cell = (t: string, id: string) =>
    `<td>${(census[t]?.[id] ?? []).map((seen) => escapeHtml(seen)).join("<br>") || `<span class="empty">not observed</span>`}</td>`;
  const rows = ids.map(
    (id) =>
      `<tr><td><a href="#${requirementAnchor(id)}"><code>${escapeHtml(id)}</code></a></td>${page.targets.map((t) => cell(t, id)).join("")}</tr>`,
  );
  return `<p>Where the documents leave the behaviour open, the outcome each target chose (edge: answer); the model accepts every one listed.</p><table class="census"><thead><tr><th>requirement</th>${page.targets.map((t) => `<th>${escapeHtml(t)}</th>`).join("")}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

export function inconsistenciesSection(page: PageContext): string {
  const items = page.document.inconsistencies.map(
    (i) => `<li><b>${escapeHtml(i.id)}</b>: ${escapeHtml(i.summary)} <i>${escapeHtml(i.resolution)}</i></li>`,
  );
  return `<ul>${items.join("")}</ul>`;
}
