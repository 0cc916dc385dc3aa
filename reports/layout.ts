/**
 * The state diagram's geometry, laid out by dagre (layered graph layout) when the report is written: one box per
 * lock state, one routed edge per transition between states, each edge label a node of the layout so it can
 * overlap neither a box nor another label. Self-loops are not edges here: the diagram groups them per state.
 */
import dagre from "@dagrejs/dagre";
import type { TransitionRow } from "./document.js";

export const STATES = ["absent", "noLock", "inProgress", "locked"] as const;

/** Label text metrics: monospace, so a label's width follows from its length (0.62 em covers the common fonts). */
export const LABEL = { fontSize: 12, charWidth: 0.62 * 12, padX: 7, padY: 5, line: 15 };
export const BOX = { width: 210, height: 78 };

export interface Point {
  x: number;
  y: number;
}

export interface Rect extends Point {
  /** Centre-based, as dagre gives it. */
  width: number;
  height: number;
}

export interface StateBox extends Rect {
  state: string;
  loops: TransitionRow[];
}

export interface RoutedEdge {
  transition: TransitionRow;
  /** From the source box's border to the target box's border, through the label's centre. */
  points: Point[];
  /** The event, then the variant (when there is one) on a second line. */
  label: Rect & { lines: string[] };
}

export interface DiagramLayout {
  width: number;
  height: number;
  states: StateBox[];
  edges: RoutedEdge[];
}

/** The event, and the variant the edge id names after it, if any. */
function labelLines(t: TransitionRow): string[] {
  const variant = t.id.split(".").slice(2).join(".");
  return variant ? [t.event, variant] : [t.event];
}

/** `INITIATE valid`: the label on one line. */
export const edgeLabel = (t: TransitionRow) => labelLines(t).join(" ");

/** Room for each line after the status symbol and a space. */
function labelSize(lines: string[]): { width: number; height: number } {
  const longest = Math.max(...lines.map((l) => l.length));
  return {
    width: Math.ceil((longest + 2) * LABEL.charWidth + 2 * LABEL.padX),
    height: lines.length * LABEL.line + 2 * LABEL.padY,
  };
}

/** Lays out the machine's transitions (the gate's and policy's rules, drawn elsewhere, are left out). */
export function layoutDiagram(transitions: TransitionRow[]): DiagramLayout {
  const machine = transitions.filter((t) => (STATES as readonly string[]).includes(t.source));
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: "TB", nodesep: 24, edgesep: 10, ranksep: 36, marginx: 12, marginy: 12 });
  for (const state of STATES) graph.setNode(state, { width: BOX.width, height: BOX.height });
  const between = machine.filter((t) => t.source !== t.target);
  for (const t of between) graph.setEdge(t.source, t.target, { ...labelSize(labelLines(t)), labelpos: "c" }, t.id);
  dagre.layout(graph);
  const states = STATES.map((state) => {
    const { x, y, width, height } = graph.node(state);
    return {
      state,
      x: x!,
      y: y!,
      width,
      height,
      loops: machine.filter((t) => t.source === state && t.target === state),
    };
  });
  const edges = between.map((transition) => {
    const routed = graph.edge(transition.source, transition.target, transition.id);
    const label = {
      x: routed.x!,
      y: routed.y!,
      width: routed.width!,
      height: routed.height!,
      lines: labelLines(transition),
    };
    return { transition, points: routed.points!, label };
  });
  const { width, height } = graph.graph();
  return { width: Math.ceil(width!), height: Math.ceil(height!), states, edges };
}
