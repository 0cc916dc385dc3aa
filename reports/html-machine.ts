/**
 * The state-machine section: per target, the laid-out diagram and, beside it, each state's self-loops grouped
 * with their counts by status (expandable to the loops themselves) and the rules decided before the machine.
 * Clicking an edge, a label, a loop or a state selects it; the page then filters the tables to it.
 */
import type { TransitionRow } from "./document.js";
import { diagramSvg } from "./diagram.js";
import type { PageContext } from "./html.js";
import { edgeLabel, STATES } from "./layout.js";
import { countChips, escapeHtml, stackedBar, statusLegend } from "./markup.js";
import { countStatuses, STATUS } from "./status.js";

const GROUPS: [string, string][] = [
  ...STATES.map((state): [string, string] => [state, `${state}: self-loops`]),
  ["request", "request gate (before the machine)"],
  ["policy", "policy decision (before the machine)"],
];

function edgeButton(t: TransitionRow, target: string): string {
  const status = t.status[target]!;
  return `<li><button class="chip edge-ref s-${status}" data-edge="${escapeHtml(t.id)}" title="${escapeHtml(`${t.id}: ${STATUS[status].label}; ${t.requirements.join(", ")}`)}">${STATUS[status].symbol} ${escapeHtml(edgeLabel(t))}</button></li>`;
}

/** One expandable group per state (its self-loops) and per rule layer, with counts by status for `target`. */
function loopGroups(page: PageContext, target: string): string {
  const groups = GROUPS.map(([source, title]) => {
    const rows = page.document.transitions.filter((t) => t.source === source && t.target === source);
    const counts = countStatuses(rows.map((t) => t.status[target]!));
    return `<details data-state="${source}"><summary><b>${escapeHtml(title)}</b>${stackedBar(counts)}${countChips(counts, rows.length === 1 ? "transition" : "transitions")}</summary><ul>${rows.map((t) => edgeButton(t, target)).join("")}</ul></details>`;
  });
  return `<div class="loops" data-for="${escapeHtml(target)}">${groups.join("")}</div>`;
}

export function machineSection(page: PageContext): string {
  const diagrams = page.targets.map(
    (t) => `<div data-for="${escapeHtml(t)}">${diagramSvg(page.layout, page.document.states, t)}</div>`,
  );
  const hint = `<div class="selection" id="selection" aria-live="polite">Click an arrow, a label, a state or a loop to show only its requirements and transitions in the tables below.</div>`;
  const legend = `<p class="legend">${statusLegend()} <span class="empty">dashed: not exercised or skipped</span></p>`;
  return `<p>The model's lock states and the transitions between them, coloured for the target chosen at the top. Self-loops (requests that leave the lock state as it was) are grouped per state on the right.</p>${legend}<div class="machine"><div class="canvas">${diagrams.join("")}</div><aside>${hint}${page.targets.map((t) => loopGroups(page, t)).join("")}</aside></div>`;
}
