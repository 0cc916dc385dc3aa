/**
 * The state diagram as inline SVG, drawn from the model's transitions: one box per state listing its
 * self-loops, one curved arrow per transition between states. Every transition element carries
 * `data-edge`, so the page can colour it by its status for the chosen target.
 */
import type { TransitionRow } from "./document.js";

const BOX = { w: 270, line: 15, head: 30 };
const STATES = ["absent", "noLock", "inProgress", "locked"];
type Point = { x: number; y: number };

/** Box corners: noLock at the top, Locked below it (clear of its loops and the arrows' labels), the others aside. */
function layout(heights: Record<string, number>): Record<string, Point> {
  return {
    absent: { x: 20, y: 150 },
    noLock: { x: 360, y: 20 },
    inProgress: { x: 700, y: 150 },
    locked: { x: 360, y: 20 + heights.noLock! + 110 },
  };
}

const boxHeight = (loops: number) => BOX.head + loops * BOX.line + 8;

export function escapeHtml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function label(t: TransitionRow): string {
  const variant = t.id.split(".").slice(2).join(".");
  return variant ? `${t.event} ${variant}` : t.event;
}

function box(state: string, loops: TransitionRow[], { x, y }: Point): string {
  const height = boxHeight(loops.length);
  const rows = loops.map(
    (t, i) =>
      `<text class="edge" data-edge="${escapeHtml(t.id)}" x="${x + 10}" y="${y + BOX.head + 11 + i * BOX.line}"><title>${escapeHtml(`${t.id}: ${t.requirements.join(", ")}`)}</title>↻ ${escapeHtml(label(t))}</text>`,
  );
  return `<g class="state" data-state="${state}"><rect x="${x}" y="${y}" width="${BOX.w}" height="${height}" rx="10"/><text class="state-name" x="${x + 10}" y="${y + 20}">${state}</text>${rows.join("")}</g>`;
}

function anchor(state: string, heights: Record<string, number>, position: Record<string, Point>): Point {
  const { x, y } = position[state]!;
  return { x: x + BOX.w / 2, y: y + Math.min(heights[state]!, 120) / 2 };
}

/** The diagram of `transitions` (gate rules excluded), as an `<svg>` element. */
export function stateDiagramSvg(transitions: TransitionRow[]): string {
  const machine = transitions.filter((t) => STATES.includes(t.source));
  const loops = (state: string) => machine.filter((t) => t.source === state && t.target === state);
  const heights = Object.fromEntries(STATES.map((state) => [state, boxHeight(loops(state).length)]));
  const position = layout(heights);
  const boxes = STATES.map((state) => box(state, loops(state), position[state]!));
  const pairs = new Map<string, TransitionRow[]>();
  for (const t of machine.filter((t) => t.source !== t.target))
    pairs.set(`${t.source}>${t.target}`, [...(pairs.get(`${t.source}>${t.target}`) ?? []), t]);
  const arrows = [...pairs.values()].flatMap((group) =>
    group.map((t, i) => {
      const a = anchor(t.source, heights, position);
      const b = anchor(t.target, heights, position);
      const bend = 40 + i * 28;
      const mx = (a.x + b.x) / 2 + ((b.y - a.y) / Math.hypot(b.x - a.x, b.y - a.y)) * bend;
      const my = (a.y + b.y) / 2 - ((b.x - a.x) / Math.hypot(b.x - a.x, b.y - a.y)) * bend;
      return `<g class="edge" data-edge="${escapeHtml(t.id)}"><title>${escapeHtml(`${t.id}: ${t.requirements.join(", ")}`)}</title><path d="M${a.x},${a.y} Q${mx},${my} ${b.x},${b.y}" marker-end="url(#arrow)"/><text x="${mx}" y="${my}">${escapeHtml(label(t))}</text></g>`;
    }),
  );
  const height = Math.max(...STATES.map((s) => position[s]!.y + heights[s]!)) + 20;
  const width = Math.max(...STATES.map((s) => position[s]!.x)) + BOX.w + 20;
  return `<svg id="diagram" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="vault-lock state machine"><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>${arrows.join("")}${boxes.join("")}</svg>`;
}
