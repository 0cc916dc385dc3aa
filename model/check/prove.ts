/**
 * The proof: every property checked by one exhaustive search per bounds, summed up for people (the CLI, the
 * docs page) and for the report document (`ProofSummary`, schema in docs/report-schema.md).
 */
import { PROPERTIES } from "../properties/index.js";
import type { Property } from "../properties/types.js";
import { describeBounds, PROOF_BOUNDS, type Bounds } from "./bounds.js";
import { explore, type ExploreOptions, type Violation } from "./explore.js";
import { concreteTrace } from "./trace.js";

export interface SearchSummary {
  bounds: string;
  /** The bounds, one line each. */
  limits: string[];
  states: number;
  transitions: number;
  /** The longest shortest path to a state, in steps. */
  depth: number;
  /** False when the search stopped before the whole space was seen. */
  complete: boolean;
  seconds: number;
}

export interface PropertyResult {
  id: string;
  kind: Property["kind"];
  statement: string;
  requirements: string[];
  /** `proven`: holds in every search, each complete; `violated`: a counterexample; `unfinished`: a search stopped early. */
  status: "proven" | "violated" | "unfinished";
  counterexample?: { bounds: string; detail: string; steps: string[] };
}

export interface ProofSummary {
  searches: SearchSummary[];
  properties: PropertyResult[];
  seconds: number;
}

/** Proves `properties` within each of `boundsList` (default: PROOF_BOUNDS and every property). */
export function prove(
  boundsList: readonly Bounds[] = PROOF_BOUNDS,
  options: Omit<ExploreOptions, "bounds"> = {},
): ProofSummary {
  const properties = options.properties ?? PROPERTIES;
  const searches: SearchSummary[] = [];
  const worst = new Map<string, { bounds: Bounds; violation: Violation }>();
  for (const bounds of boundsList) {
    const result = explore({ ...options, bounds, properties });
    const { states, transitions, depth, complete } = result;
    searches.push({
      bounds: bounds.name,
      limits: describeBounds(bounds),
      states,
      transitions,
      depth,
      complete,
      seconds: result.elapsedMs / 1000,
    });
    for (const violation of result.violations) {
      const known = worst.get(violation.property);
      if (!known || known.violation.trace.length > violation.trace.length)
        worst.set(violation.property, { bounds, violation });
    }
  }
  const complete = searches.every((s) => s.complete);
  return {
    searches,
    properties: properties.map((p): PropertyResult => {
      const found = worst.get(p.id);
      const base = { id: p.id, kind: p.kind, statement: p.statement, requirements: [...p.requirements] };
      if (!found) return { ...base, status: complete ? "proven" : "unfinished" };
      const steps = concreteTrace(found.bounds, found.violation.trace, options.step).map((s) => s.text);
      return {
        ...base,
        status: "violated",
        counterexample: { bounds: found.bounds.name, detail: found.violation.detail, steps },
      };
    }),
    seconds: searches.reduce((sum, s) => sum + s.seconds, 0),
  };
}

/** One line: how many properties are proven, over how many states and transitions, in how long. */
export function proofHeadline(summary: ProofSummary): string {
  const proven = summary.properties.filter((p) => p.status === "proven").length;
  const states = summary.searches.reduce((n, s) => n + s.states, 0);
  const transitions = summary.searches.reduce((n, s) => n + s.transitions, 0);
  const complete = summary.searches.every((s) => s.complete) ? "" : ", some searches INCOMPLETE";
  return `model properties: ${proven}/${summary.properties.length} proven within ${summary.searches.length} bounds (${states.toLocaleString("en-US")} states, ${transitions.toLocaleString("en-US")} transitions, ${summary.seconds.toFixed(1)} s${complete})`;
}

/** The summary as text: the searches with their bounds and counts, then every property and its status. */
export function formatProof(summary: ProofSummary): string {
  const lines: string[] = [];
  for (const s of summary.searches) {
    lines.push(
      `bounds "${s.bounds}": ${s.states.toLocaleString("en-US")} states, ${s.transitions.toLocaleString("en-US")} transitions, depth ${s.depth}, ${s.seconds.toFixed(1)} s${s.complete ? "" : " (INCOMPLETE)"}`,
    );
    lines.push(...s.limits.map((l) => `  ${l}`));
  }
  lines.push(proofHeadline(summary));
  for (const p of summary.properties) {
    lines.push(`  ${p.status.padEnd(10)} ${p.id} [${p.requirements.join(", ")}]`);
    if (p.counterexample) {
      lines.push(`    ${p.counterexample.detail} (bounds "${p.counterexample.bounds}"), shortest trace:`);
      lines.push(...p.counterexample.steps.map((step, i) => `      ${i + 1}. ${step}`));
    }
  }
  return lines.join("\n");
}
