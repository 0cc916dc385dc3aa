/**
 * A race's timeline (after Porcupine's visualizer): one lane per client, each operation a bar from its call to its
 * return with its answer. A passing race numbers its bars in the linearization found; a failing one numbers the
 * longest linearizable prefix and marks the operations that cannot be placed after it. RACE-ONE-INITIATE-WINS.
 */
import type { CheckResult, RaceHistory } from "../conformance/results.js";
import { escapeHtml } from "./markup.js";
import { STATUS, type Status } from "./status.js";

const GEOMETRY = { width: 980, gutter: 74, lane: 26, bar: 13, top: 8, axis: 26, fontSize: 11, charWidth: 0.62 * 11 };

type Role = { status: Status; text: string };

/** Each operation's place: its position in the (partial) order, unplaceable, or not reached by the search. */
function roles(history: RaceHistory): Role[] {
  const { linearization: lin } = history;
  const placed = lin.ok ? lin.order : lin.longestPrefix;
  return history.operations.map((_, i) => {
    const position = placed.indexOf(i);
    if (position >= 0) return { status: "passed", text: `${position + 1}.` };
    if (!lin.ok && !lin.undecided && lin.unplaceable.includes(i))
      return { status: "failed", text: "✗ cannot be placed:" };
    return { status: "not-exercised", text: "· not reached:" };
  });
}

function niceStep(span: number): number {
  const rough = span / 6;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? power * 10;
}

const operationName = (request: string) => request.split("(")[0]!;

/** The caption: what the check found, in words. */
function caption(history: RaceHistory): string {
  const lanes = (indices: number[], separator: string) =>
    indices.map((i) => `c${history.operations[i]!.client}`).join(separator);
  const lin = history.linearization;
  const count = history.operations.length;
  const vaults = [...new Set(history.operations.flatMap((o) => (o.vault ? [o.vault] : [])))];
  const on = vaults.length ? ` on ${vaults.map((v) => `<code>${escapeHtml(v)}</code>`).join(", ")}` : "";
  if (lin.ok)
    return `${count} operations${on}. Linearizable: in the order ${lanes(lin.order, " → ")} every answer is one the model accepts, and real time is respected.`;
  const prefix = lin.longestPrefix.length ? ` (${lanes(lin.longestPrefix, " → ")})` : "";
  if (lin.undecided)
    return `${count} operations${on}. <b>Undecided</b>: the search spent its budget before finding an order or ruling every one out; the longest order found places ${lin.longestPrefix.length} of ${count}${prefix}.`;
  const them = lin.unplaceable.length === 1 ? "its answer" : "their answers";
  return `${count} operations${on}. <b>Not linearizable</b>: the longest linearizable prefix places ${lin.longestPrefix.length} of ${count}${prefix}; ${lanes(lin.unplaceable, ", ") || "nothing"} cannot be placed after it (the model accepts none of ${them} there).`;
}

function axis(span: number, x: (t: number) => number, y: number): string {
  const step = niceStep(span);
  const ticks: string[] = [];
  for (let t = 0; t <= span + 1e-9; t += step)
    ticks.push(
      `<line x1="${x(t)}" x2="${x(t)}" y1="${y}" y2="${y + 5}"/><text x="${x(t)}" y="${y + 17}" text-anchor="middle">${Math.round(t * 100) / 100} ms</text>`,
    );
  return `<g class="axis"><line x1="${x(0)}" x2="${x(span)}" y1="${y}" y2="${y}"/>${ticks.join("")}</g>`;
}

/** The timeline of one race result, or an empty string when it carries no history. */
export function raceTimeline(result: CheckResult): string {
  const history = result.history;
  if (!history?.operations.length) return "";
  const g = GEOMETRY;
  const ops = history.operations;
  const start = Math.min(...ops.map((o) => o.called));
  const span = Math.max(1, Math.max(...ops.map((o) => o.returned)) - start);
  const placed = roles(history);
  const texts = ops.map((o, i) => `${placed[i]!.text} ${operationName(o.request)} → ${o.observed}`);
  const room = Math.max(...texts.map((t) => t.length)) * g.charWidth + 16;
  const plot = g.width - g.gutter - room;
  const x = (t: number) => Math.round((g.gutter + (t / span) * plot) * 10) / 10;
  const clients = [...new Set(ops.map((o) => o.client))].sort((a, b) => a - b);
  const laneY = (client: number) => g.top + clients.indexOf(client) * g.lane;
  const lanes = clients.map(
    (c) =>
      `<text class="lane" x="8" y="${laneY(c) + g.bar - 2}">client ${c}</text><line class="lane-rule" x1="${g.gutter}" x2="${g.width - 8}" y1="${laneY(c) + g.lane - 6}" y2="${laneY(c) + g.lane - 6}"/>`,
  );
  const bars = ops.map((o, i) => {
    const [x1, x2] = [x(o.called - start), x(o.returned - start)];
    const width = Math.max(3, x2 - x1);
    const { status } = placed[i]!;
    const tip = `${o.request} → ${o.observed}; called +${o.called - start} ms, returned +${o.returned - start} ms`;
    return `<g class="op st-${status}" data-op="${i}"><title>${escapeHtml(tip)}</title><rect class="s-${status}" x="${x1}" y="${laneY(o.client)}" width="${width}" height="${g.bar}" rx="3"/><text x="${x1 + width + 6}" y="${laneY(o.client) + g.bar - 2}">${escapeHtml(texts[i]!)}</text></g>`;
  });
  const height = g.top + clients.length * g.lane + g.axis;
  const svg = `<svg class="timeline" viewBox="0 0 ${g.width} ${height}" width="${g.width}" height="${height}" role="img" aria-label="timeline of ${escapeHtml(result.id)}">${lanes.join("")}${bars.join("")}${axis(span, x, height - g.axis + 2)}</svg>`;
  const meaning: Partial<Record<Status, string>> = {
    passed: "placed in order",
    failed: "cannot be placed",
    "not-exercised": "not reached",
  };
  const legend = [...new Set(placed.map((p) => p.status))]
    .map((s) => `<span class="chip s-${s}">${STATUS[s].symbol} ${meaning[s]}</span>`)
    .join(" ");
  return `<figure class="race" data-check="${escapeHtml(result.id)}" data-target="${escapeHtml(result.target)}"><figcaption>${caption(history)} ${legend}</figcaption>${svg}</figure>`;
}
