/** Small HTML pieces every section of the page shares: escaping and the status chips, counts and bars. */
import { STATUS, STATUSES, type Status } from "./status.js";

export function escapeHtml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A status as a coloured chip with its symbol and label (or `text`). */
export function chip(status: Status, text: string = STATUS[status].label): string {
  return `<span class="chip s-${status}" data-status="${status}">${STATUS[status].symbol} ${escapeHtml(text)}</span>`;
}

/** One chip per status present, then the total they add up to. */
export function countChips(counts: Record<Status, number>, noun: string): string {
  const total = STATUSES.reduce((n, s) => n + counts[s], 0);
  const chips = STATUSES.filter((s) => counts[s] > 0).map((s) => chip(s, `${counts[s]} ${STATUS[s].label}`));
  return `<span class="counts">${chips.join(" ")} <span class="total">= ${total} ${escapeHtml(noun)}</span></span>`;
}

/** A horizontal bar, one segment per status, widths in proportion to the counts. */
export function stackedBar(counts: Record<Status, number>): string {
  const total = STATUSES.reduce((n, s) => n + counts[s], 0) || 1;
  const segments = STATUSES.filter((s) => counts[s] > 0).map(
    (s) =>
      `<span class="s-${s}" style="width:${((counts[s] / total) * 100).toFixed(2)}%" title="${counts[s]} ${STATUS[s].label}"></span>`,
  );
  return `<span class="bar">${segments.join("")}</span>`;
}

/** Every status as a chip, worst first. */
export function statusLegend(): string {
  return STATUSES.map((s) => chip(s)).join(" ");
}

/** An `id` attribute value from free text (target names may hold anything). */
export function anchor(...parts: string[]): string {
  return parts.map((p) => p.replace(/[^A-Za-z0-9_.-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)).join("--");
}

/** Where a requirement's row is, and where a check's details are. */
export const requirementAnchor = (id: string) => anchor("req", id);
export const checkAnchor = (target: string, id: string) => anchor("check", target, id);
