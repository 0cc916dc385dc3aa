/**
 * `npm run model:check`: replays every generated all-transitions path through the oracle and prints
 * the catalogue and coverage figures. Exit 1 if any transition is unreachable.
 * `npm run model:check -- prove [--small] [--json]`: proves the properties (`model/properties/`) over every
 * state reachable within the bounds (`model/check/bounds.ts`). Exit 1 if one is violated or not proven.
 */
import { parseArgs } from "node:util";
import { PROOF_BOUNDS, SMALL_BOUNDS } from "./check/bounds.js";
import { formatProof, prove } from "./check/prove.js";
import { EDGES } from "./edges.js";
import { INCONSISTENCIES } from "./inconsistencies.js";
import { transitionCoveringPaths } from "./paths.js";
import { REQUIREMENTS } from "./requirements/index.js";

const USAGE = "usage: model:check [prove [--small] [--json]]";

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
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { small: { type: "boolean" }, json: { type: "boolean" } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [mode, ...rest] = parsed.positionals;
  if (mode === undefined && !parsed.values.small && !parsed.values.json) return coverage();
  if (mode !== "prove" || rest.length) {
    console.error(USAGE);
    return 2;
  }
  return proof(parsed.values.small ?? false, parsed.values.json ?? false);
}

process.exitCode = main(process.argv.slice(2));
