/**
 * Model mutants: the behavioural mutants' rules applied to the model itself (the oracle-layer mutants are
 * functions over the model's step), each checked by the exhaustive checker against the model's properties.
 * A mutant is caught when it violates a property; the checker gives the shortest counterexample.
 * `npm run mutants:model` prints the table (mutant, properties violated, counterexample length and steps);
 * exit 1 if a mutant violates none.
 */
import { fileURLToPath } from "node:url";
import { PROOF_BOUNDS, type Bounds } from "../model/check/bounds.js";
import { explore, type Violation } from "../model/check/explore.js";
import type { StepFunction } from "../model/check/successors.js";
import { concreteTrace } from "../model/check/trace.js";
import { step } from "../model/index.js";
import { MUTANTS, mutatedStep, type Mutant } from "../emulator/mutants/catalogue.js";

export interface ModelMutantResult {
  mutant: string;
  breaks: string;
  /** The properties violated by a shortest counterexample (empty: the mutant survived). */
  violated: string[];
  /** Its steps, clock moves included, and the search that found it. */
  length?: number;
  bounds?: string;
  steps: string[];
}

/** The model with the mutant's rules applied: a step function for the checker. */
export function mutantStep(mutant: Mutant): StepFunction {
  return (world, request) => [mutatedStep(mutant, world, request, step)];
}

/** Checks one mutant within `boundsList`, in order, up to the first bounds where it breaks a property. */
export function checkModelMutant(mutant: Mutant, boundsList: readonly Bounds[] = PROOF_BOUNDS): ModelMutantResult {
  let best: { bounds: Bounds; violations: Violation[] } | undefined;
  for (const bounds of boundsList) {
    const { violations } = explore({ bounds, step: mutantStep(mutant), stopAtFirstViolation: true });
    if (violations.length) {
      best = { bounds, violations };
      break;
    }
  }
  const result = { mutant: mutant.name, breaks: mutant.breaks, violated: [] as string[], steps: [] as string[] };
  if (!best) return result;
  const shortest = best.violations[0]!.trace.length;
  const first = best.violations.filter((v) => v.trace.length === shortest);
  const steps = concreteTrace(best.bounds, first[0]!.trace, mutantStep(mutant)).map((s) => s.text);
  return { ...result, violated: first.map((v) => v.property), length: shortest, bounds: best.bounds.name, steps };
}

/** The oracle-layer mutants: those the model can carry. */
export const MODEL_MUTANTS: readonly Mutant[] = MUTANTS.filter((m) => m.layer === "oracle");

function table(results: ModelMutantResult[]): string {
  const rows = results.map((r) => [r.mutant, r.breaks, r.violated.join(", ") || "SURVIVED", String(r.length ?? "-")]);
  const head = ["mutant", "breaks", "properties violated (shortest counterexample)", "length"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const lines = [head, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join("  "));
  for (const r of results)
    lines.push("", `${r.mutant} (bounds "${r.bounds}"):`, ...r.steps.map((s, i) => `  ${i + 1}. ${s}`));
  return lines.join("\n");
}

function main(): void {
  const started = performance.now();
  const results = MODEL_MUTANTS.map((m) => checkModelMutant(m));
  console.log(table(results));
  const caught = results.filter((r) => r.violated.length).length;
  console.log(
    `\ncaught ${caught}/${results.length} model mutants in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  process.exitCode = caught === results.length ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
