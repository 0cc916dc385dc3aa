/**
 * `npm run model:check`: replays every generated all-transitions path through the oracle and prints
 * the catalogue and coverage figures. Exit 1 if any transition is unreachable.
 * `npm run model:check -- prove [--small] [--json]`: proves the properties (`model/properties/`) over every
 * state reachable within the bounds (`model/check/bounds.ts`). Exit 1 if one is violated or not proven.
 */
import { parseCommandLine, toggle, usage, UsageError } from "../cli/args.js";
import { InvalidInput } from "../input/read.js";
import { PROOF_BOUNDS, SMALL_BOUNDS } from "./check/bounds.js";
import { formatProof, prove } from "./check/prove.js";
import { EDGES } from "./edges.js";
import { INCONSISTENCIES } from "./inconsistencies.js";
import { transitionCoveringPaths } from "./covering-paths.js";
import { REQUIREMENTS } from "./requirements/index.js";

const FLAGS = {
  small: toggle("prove over one small bounds (a few seconds)"),
  json: toggle("print the proof summary as JSON"),
};

function coverage(): number {
  const paths = transitionCoveringPaths();
  const levels: Record<string, number> = {};
  for (const r of REQUIREMENTS) levels[r.level] = (levels[r.level] ?? 0) + 1;
  const unreachable = EDGES.filter((e) => !paths.has(e.id));
  console.log(
    `requirements: ${REQUIREMENTS.length} (${Object.entries(levels)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")})`,
  );
  console.log(`inconsistencies: ${INCONSISTENCIES.length}`);
  console.log(`transitions: ${EDGES.length}, covered by generated paths: ${paths.size}`);
  console.log(`longest path: ${Math.max(...[...paths.values()].map((p) => p.length))} steps`);
  for (const edge of unreachable) console.log(`UNREACHABLE ${edge.id}`);
  return unreachable.length ? 1 : 0;
}

function proof(small: boolean, json: boolean): number {
  const summary = prove(small ? [SMALL_BOUNDS] : PROOF_BOUNDS);
  console.log(json ? JSON.stringify(summary, null, 2) : formatProof(summary));
  return summary.properties.every((p) => p.status === "proven") ? 0 : 1;
}

function main(argv: string[]): number {
  const { flags, positionals, help } = parseCommandLine("model:check", argv, FLAGS, { max: 1, names: "prove" });
  if (help) {
    console.log(usage("npm run model:check -- [prove]", "The coverage figures, or (prove) the properties.", FLAGS));
    return 0;
  }
  const [mode] = positionals;
  if (mode === undefined && !flags.small && !flags.json) return coverage();
  if (mode !== "prove")
    throw new UsageError(
      `model:check takes nothing, or prove [--small] [--json]; got ${mode ?? "a flag without prove"}`,
    );
  return proof(flags.small, flags.json);
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof InvalidInput)) throw error;
  console.error(error.message);
  process.exitCode = 2;
}
