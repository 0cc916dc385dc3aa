/**
 * The requirement × target and transition × target matrices (like wpt.fyi): rows grouped (by scope, by source
 * state), each group and the whole table headed by its counts per target, every cell a status chip.
 */
import type { RequirementRow, Status } from "./document.js";
import type { PageContext } from "./html.js";
import { checkAnchor, chip, escapeHtml, requirementAnchor, stackedBar } from "./markup.js";
import { countStatuses, resultStatus, STATUS, STATUSES } from "./status.js";

interface Row {
  /** Attributes of the `<tr>`, already escaped. */
  attributes: string;
  cells: string[];
  status: Record<string, Status>;
  /** Per target, markup after the chip (a link to a check that gives the status). */
  after?: Record<string, string>;
}

/** `✓ 38 / 40 · 2 failed`: how many of the rows passed for the target, the others by status, and a bar of all. */
function tally(rows: Row[], target: string): string {
  const counts = countStatuses(rows.map((r) => r.status[target]!));
  const others = STATUSES.filter((s) => s !== "passed" && counts[s] > 0)
    .map((s) => ` · ${counts[s]} ${STATUS[s].label}`)
    .join("");
  return `<td class="tally" data-target="${escapeHtml(target)}">${stackedBar(counts)}<small>✓ ${counts.passed} / ${rows.length}${others}</small></td>`;
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

/** Per target, a link to the first check that gives the requirement its (non-passing) status. */
function givingCheck(page: PageContext, r: RequirementRow, target: string): string {
  if (r.status[target] === "passed") return "";
  const named = new Set(r.checks[target] ?? []);
  const giving = (page.results[target] ?? []).filter(
    (x) => named.has(x.id) && x.verdict !== "pass" && resultStatus(x) === r.status[target],
  );
  if (!giving.length) return "";
  const more = giving.length > 1 ? ` <small>and ${giving.length - 1} more</small>` : "";
  return `<br><a href="#${checkAnchor(target, giving[0]!.id)}"><code>${escapeHtml(giving[0]!.id)}</code></a>${more}`;
}

function requirementRow(page: PageContext, r: RequirementRow): Row {
  const choice = r.choice
    ? `<br><small>accepts: ${escapeHtml(r.choice.accepts.join(" · "))}; emulator: ${escapeHtml(r.choice.chosen)}</small>`
    : "";
  return {
    attributes: `id="${requirementAnchor(r.id)}" data-id="${escapeHtml(r.id)}" data-level="${r.level}" data-scope="${r.scope}"`,
    cells: [
      `<td class="id"><code>${escapeHtml(r.id)}</code><br><small>${r.level}</small></td>`,
      `<td>${escapeHtml(r.statement)}${choice}</td>`,
    ],
    status: r.status,
    after: Object.fromEntries(page.targets.map((t) => [t, givingCheck(page, r, t)])),
  };
}

export function requirementsSection(page: PageContext): string {
  const { requirements } = page.document;
  const scopes = [...new Set(requirements.map((r) => r.scope))];
  const groups = scopes.map((scope): [string, Row[]] => [
    scope,
    requirements.filter((r) => r.scope === scope).map((r) => requirementRow(page, r)),
  ]);
  const pairs = (values: string[]) => values.map((v): [string, string] => [v, v]);
  const filters = [
    select("f-level", "Level", pairs(["documented", "observed", "unspecified"])),
    select("f-scope", "Scope", pairs(scopes)),
    select(
      "f-status",
      "Status for the chosen target",
      STATUSES.map((s) => [s, STATUS[s].label]),
    ),
    `<label>Search <input id="f-text" type="search"></label>`,
    `<span><b id="shown"></b> of ${requirements.length} shown</span>`,
  ];
  return `<div class="controls">${filters.join("")}</div>${matrix("requirements", ["requirement", "statement"], groups, page.targets)}`;
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
