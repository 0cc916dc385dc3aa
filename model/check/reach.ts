/**
 * Reachability over the explored graph (liveness within the bounds): the states from which a goal can be
 * reached, found backwards from the goal states over the reference answers' edges.
 */
import type { Addressed, CheckState, ReachabilityProperty } from "../properties/types.js";

/** Edges `from[i] → to[i]` between state indices; `reverse` is built on first use. */
export interface Graph {
  from: number[];
  to: number[];
  reverse?: { offsets: Int32Array; sources: Int32Array };
}

function reverseOf(graph: Graph, states: number): NonNullable<Graph["reverse"]> {
  if (graph.reverse) return graph.reverse;
  const offsets = new Int32Array(states + 1);
  for (const t of graph.to) offsets[t + 1]!++;
  for (let i = 0; i < states; i++) offsets[i + 1]! += offsets[i]!;
  const sources = new Int32Array(graph.to.length);
  const fill = offsets.slice(0, states);
  graph.to.forEach((t, e) => (sources[fill[t]!++] = graph.from[e]!));
  return (graph.reverse = { offsets, sources });
}

/** Which states can reach a state where `goal` holds. */
function canReach(graph: Graph, states: readonly CheckState[], goal: (s: CheckState) => boolean): Uint8Array {
  const { offsets, sources } = reverseOf(graph, states.length);
  const reached = new Uint8Array(states.length);
  const queue: number[] = [];
  states.forEach((s, i) => goal(s) && (reached[i] = 1) && queue.push(i));
  for (let q = 0; q < queue.length; q++)
    for (let e = offsets[queue[q]!]!; e < offsets[queue[q]! + 1]!; e++)
      if (!reached[sources[e]!]) ((reached[sources[e]!] = 1), queue.push(sources[e]!));
  return reached;
}

/**
 * The first goal of `property` that some state cannot reach for `vault`, with the first such state (states
 * are in breadth-first order, so it is one of the nearest); undefined when every goal is reachable from
 * every state where the property starts.
 */
export function unreachableGoals(
  graph: Graph,
  states: readonly CheckState[],
  property: ReachabilityProperty,
  vault: Addressed,
): { goal: string; state: number } | undefined {
  for (const goal of property.goals) {
    const reached = canReach(graph, states, (s) => goal.holds(s, vault));
    const stuck = states.findIndex((s, i) => !reached[i] && property.from(s, vault));
    if (stuck !== -1) return { goal: goal.name, state: stuck };
  }
  return undefined;
}
