/** The exhaustive check's cost: `model:check prove` over its bounds (pure, no HTTP), states and transitions a second. */
import { prove } from "../model/check/prove.js";

/** Seconds, states and transitions of each bounded search, and the proof's total. */
export function proofSpeed(): Record<string, number> {
  const summary = prove();
  const states = summary.searches.reduce((n, s) => n + s.states, 0);
  const transitions = summary.searches.reduce((n, s) => n + s.transitions, 0);
  for (const s of summary.searches)
    console.log(
      `exhaustive check "${s.bounds}": ${s.states} states, ${s.transitions} transitions in ${s.seconds.toFixed(1)} s (${Math.round(s.transitions / s.seconds)} transitions/s)`,
    );
  const proven = summary.properties.filter((p) => p.status === "proven").length;
  console.log(
    `exhaustive check: ${proven}/${summary.properties.length} properties proven, ${states} states, ${transitions} transitions in ${summary.seconds.toFixed(1)} s`,
  );
  return {
    proofSeconds: summary.seconds,
    proofStates: states,
    proofTransitions: transitions,
    proofTransitionsPerSecond: transitions / summary.seconds,
  };
}
