/**
 * The state diagram of one target as inline SVG, from the dagre layout: boxes coloured by the state's worst
 * status with its self-loops counted by status, one arrow per transition between states with its label on top.
 * Every transition element carries `data-edge` and every box `data-state`, so the page can filter by them.
 */
import type { ReportDocument, TransitionRow } from "./document.js";
import { BOX, LABEL, type DiagramLayout, type Point, type RoutedEdge, type StateBox } from "./layout.js";
import { escapeHtml } from "./markup.js";
import { countStatuses, STATUS, STATUSES, type Status } from "./status.js";

const ARROW = { length: 11, halfWidth: 5.5 };

const fmt = (n: number) => String(Math.round(n * 10) / 10);

/**
 * A uniform cubic B-spline through the route's bends (as d3's curveBasis draws dagre's routes): smooth, tangent to
 * the route at both ends, and within a few pixels of the label it passes.
 */
function curve(points: Point[]): string {
  const p = (q: Point) => `${fmt(q.x)},${fmt(q.y)}`;
  const mix = (a: Point, b: Point, c: Point, wa: number, wb: number, wc: number) => ({
    x: (wa * a.x + wb * b.x + wc * c.x) / (wa + wb + wc),
    y: (wa * a.y + wb * b.y + wc * c.y) / (wa + wb + wc),
  });
  const [first, last] = [points[0]!, points.at(-1)!];
  if (points.length < 3) return `M${p(first)} L${p(last)}`;
  const padded = [...points, last];
  let d = `M${p(first)} L${p(mix(first, points[1]!, first, 5, 1, 0))}`;
  for (let i = 2; i < padded.length; i++) {
    const [a, b, c] = [padded[i - 2]!, padded[i - 1]!, padded[i]!];
    d += ` C${p(mix(a, b, b, 2, 1, 0))} ${p(mix(a, b, b, 1, 2, 0))} ${p(mix(a, b, c, 1, 4, 1))}`;
  }
  return `${d} L${p(last)}`;
}

/** The line stops at the arrowhead's base; the head's tip touches the target box. */
function arrow(points: Point[]): { line: string; head: string } {
  const tip = points.at(-1)!;
  const from = points.at(-2)!;
  const length = Math.hypot(tip.x - from.x, tip.y - from.y) || 1;
  const [dx, dy] = [(tip.x - from.x) / length, (tip.y - from.y) / length];
  const base = { x: tip.x - dx * ARROW.length, y: tip.y - dy * ARROW.length };
  const side = (sign: number) =>
    `${fmt(base.x - dy * ARROW.halfWidth * sign)},${fmt(base.y + dx * ARROW.halfWidth * sign)}`;
  return {
    line: curve([...points.slice(0, -1), { x: tip.x - dx * (ARROW.length - 1), y: tip.y - dy * (ARROW.length - 1) }]),
    head: `M${fmt(tip.x)},${fmt(tip.y)} L${side(1)} L${side(-1)} Z`,
  };
}

const title = (t: TransitionRow, status: Status) =>
  `<title>${escapeHtml(`${t.id} (${t.source} → ${t.target}): ${STATUS[status].label}; ${t.requirements.join(", ")}`)}</title>`;

function edge({ transition, points }: RoutedEdge, status: Status): string {
  const { line, head } = arrow(points);
  const id = escapeHtml(transition.id);
  return `<g class="edge st-${status}" data-edge="${id}" data-from="${transition.source}" data-to="${transition.target}" tabindex="0" role="button">${title(transition, status)}<path class="hit" d="${line}"/><path class="line k-${status}" d="${line}"/><path class="head s-${status}" d="${head}"/></g>`;
}

function label({ transition, label: l }: RoutedEdge, status: Status): string {
  const [x, y] = [l.x - l.width / 2, l.y - l.height / 2];
  return `<g class="edge-label st-${status}" data-edge="${escapeHtml(transition.id)}" tabindex="0" role="button">${title(transition, status)}<rect class="k-${status}" x="${fmt(x)}" y="${fmt(y)}" width="${l.width}" height="${l.height}" rx="5"/>${l.lines.map((line, i) => `<text x="${fmt(x + LABEL.padX)}" y="${fmt(y + LABEL.padY + (i + 1) * LABEL.line - 3)}">${i === 0 ? STATUS[status].symbol : " "} ${escapeHtml(line)}</text>`).join("")}</g>`;
}

/** The box: name, the loop count and a bar of the loops' statuses with their counts. */
function box(state: StateBox, status: Status, loopStatus: Status[]): string {
  const [x, y] = [state.x - state.width / 2, state.y - state.height / 2];
  const counts = countStatuses(loopStatus);
  const inner = BOX.width - 24;
  let offset = 0;
  const segments = STATUSES.filter((s) => counts[s] > 0).map((s) => {
    const width = (counts[s] / loopStatus.length) * inner;
    const rect = `<rect class="s-${s}" x="${fmt(x + 12 + offset)}" y="${fmt(y + 46)}" width="${fmt(width)}" height="8"/>`;
    offset += width;
    return rect;
  });
  const tally = STATUSES.filter((s) => counts[s] > 0)
    .map((s) => `${STATUS[s].symbol} ${counts[s]}`)
    .join("  ");
  return `<g class="state st-${status}" data-state="${state.state}" tabindex="0" role="button"><title>${escapeHtml(`${state.state}: ${STATUS[status].label}; ${loopStatus.length} self-loops (${tally})`)}</title><rect class="box k-${status}" x="${fmt(x)}" y="${fmt(y)}" width="${state.width}" height="${state.height}" rx="10"/><text class="state-name" x="${fmt(x + 12)}" y="${fmt(y + 22)}">${STATUS[status].symbol} ${state.state}</text><text class="loops" x="${fmt(x + 12)}" y="${fmt(y + 39)}">↻ ${loopStatus.length} self-loops</text>${segments.join("")}<text class="tally" x="${fmt(x + 12)}" y="${fmt(y + 70)}">${escapeHtml(tally)}</text></g>`;
}

/** The diagram for `target`, as an `<svg>` element; `states` gives each box its status. */
export function diagramSvg(layout: DiagramLayout, states: ReportDocument["states"], target: string): string {
  const boxes = layout.states.map((state) => {
    const status = states.find((s) => s.state === state.state)?.status[target] ?? "not-exercised";
    return box(
      state,
      status,
      state.loops.map((t) => t.status[target]!),
    );
  });
  const edges = layout.edges.map((e) => edge(e, e.transition.status[target]!));
  const labels = layout.edges.map((e) => label(e, e.transition.status[target]!));
  return `<svg class="diagram" data-target="${escapeHtml(target)}" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="img" aria-label="vault-lock state machine for ${escapeHtml(target)}">${boxes.join("")}${edges.join("")}${labels.join("")}</svg>`;
}
