/**
 * The requirement × target and transition × target matrices (like wpt.fyi): rows grouped (by scope, by source
 * state), each group and the whole table headed by its counts per target, every cell a status chip.
 */
import type { Status } from "./document.js";
import { checkAnchor, requirementAnchor } from "./html-summary.js";
import type { PageContext } from "./html.js";
import { chip, escapeHtml, stackedBar } from "./markup.js";
import { countStatuses, resultStatus, STATUS, STATUSES } from "./status.js";

interface Row {
  /** Attributes of the `<tr>`, already escaped. */
  attributes: string;
  cells: string[];
  status: Record<string, Status>;
  /** Per target, markup after the chip (a link to a check that gives the status). */
  after?: Record<string, string>;
}

/** `✓ 38 / 40`: how many of the rows passed for the target, with a bar of all their statuses. */
function tally(rows: Row[], target: string): string {
  const counts = countStatuses(rows.map((r) => r.status[target]!));
  return `<td class="tally" data-target="${escapeHtml(target)}">${stackedBar(counts)}<small>✓ ${counts.passed} / ${rows.length}${STATUSES.filter(
    (s) => s !== "passed" && counts[s] > 0,
  )
    .map((s) => ` · ${counts[s]} ${STATUS[s].label}`)
    .join("")}</small></td>`;
}

function matrix(id: string, headings: string[], groups: [string, Row[]][], targets: string[]): string {
  const all = groups.flatMap(([, rows]) => rows);
  const span = headings.length;
  const head = `<tr>${headings.map((h) => `<th>${h}</th>`).join("")}${targets.map((t) => `<th>${escapeHtml(t)}</th>`).join("")}</tr><tr class="group"><th colspan="${span}">all (${all.length})</th>${targets.map((t) => tally(all, t)).join("")}</tr>`;
  const bodies = groups.map(([title, rows]) => {
    const group = `<tr class="group"><th colspan="${span}">${escapeHtml(title)} (${rows.length})</th>${targets.map((t) => tally(rows, t)).join("")}</tr>`;
    const lines = rows.map(
      (r) =>
        `<tr ${r.attributes}>${r.cells.join("")}${targets.map((t) => `<td data-target="${escapeHtml(t)}" data-status="${r.status[t]}">${chip(r.status[t]!)}${r.after?.[t] ?? ""}</td>`).join("")}</tr>`,
    );
    return `<tbody>${group}${lines.join("")}</tbody>`;
  });
  return `<table id="${id}" class="matrix"><thead>${head}</thead>${bodies.join("")}</table>`;
}

function select(id: string, label: string, values: [string, string][]): string {
  const options = [["", "all"] as const, ...values].map(
    ([v, t]) => `<option value="${escapeHtml(v)}">${escapeHtml(t)}</option>`,
  );
  return `<label>${label} <select id="${id}">${options.join("")}</select></label>`;
}

export function requirementsSection(page: PageContext): string {
  const { document, targets } = page;
  const scopes = [...new Set(document.requirements.map((r) => r.scope))];
  const groups = scopes.map((scope): [string, Row[]] => [
    scope,
    document.requirements
      .filter((r) => r.scope === scope)
      .map((r) => {
        const choice = r.choice
          ? `<br><small>accepts: ${escapeHtml(r.choice.accepts.join(" · "))}; emulator: ${escapeHtml(r.choice.chosen)}</small>`
          : "";
        const links = (t: string) => {
          if (r.status[t] === "passed") return "";
          const named = new Set(r.checks[t] ?? []);
          const giving = (page.results[t] ?? []).filter(
            (x) => named.has(x.id) && x.verdict !== "pass" && resultStatus(x) === r.status[t],
          );
          if (!giving.length) return "";
          const more = giving.length > 1 ? ` <small>and ${giving.length - 1} more</small>` : "";
          return `<br><a href="#${checkAnchor(t, giving[0]!.id)}"><code>${escapeHtml(giving[0]!.id)}</code></a>${more}`;
        };
        return {
          attributes: `id="${requirementAnchor(r.id)}" data-id="${escapeHtml(r.id)}" data-level="${r.level}" data-scope="${r.scope}"`,
          cells: [
            `<td class="id"><code>${escapeHtml(r.id)}</code><br><small>${r.level}</small></td>`,
            `<td>${escapeHtml(r.statement)}${choice}</td>`,
          ],
          status: r.status,
          after: Object.fromEntries(targets.map((t) => [t, links(t)])),
        };
      }),
  ]);
  const levels = ["documented", "observed", "unspecified"].map((l): [string, string] => [l, l]);
  const controls = `<div class="controls">${select("f-level", "Level", levels)}${select(
    "f-scope",
    "Scope",
    scopes.map((s) => [s, s]),
  )}${select(
    "f-status",
    "Status for the chosen target",
    STATUSES.map((s) => [s, s]),
  )}<label>Search <input id="f-text" type="search"></label><span><b id="shown"></b> of ${document.requirements.length} shown</span></div>`;
  return `${controls}${matrix("requirements", ["requirement", "statement"], groups, targets)}`;
}

export function transitionsSection(page: PageContext): string {
  const { document, targets } = page;
  const sources = [...new Set(document.transitions.map((t) => t.source))];
  const groups = sources.map((source): [string, Row[]] => [
    source === "request" || source === "policy" ? `${source} (before the machine)` : `from ${source}`,
    document.transitions
      .filter((t) => t.source === source)
      .map((t) => ({
        attributes: `data-edge="${escapeHtml(t.id)}" data-source="${escapeHtml(t.source)}"`,
        cells: [
          `<td><code>${escapeHtml(t.id)}</code></td>`,
          `<td>${t.source === t.target ? "↻" : `→ ${escapeHtml(t.target)}`}</td>`,
          `<td>${escapeHtml(t.requirements.join(", "))}</td>`,
        ],
        status: t.status,
      })),
  ]);
  return matrix("transitions", ["transition", "to", "requirements"], groups, targets);
}
