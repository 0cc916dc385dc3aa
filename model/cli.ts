/**
 * `npm run model:check`: replays every generated all-transitions path through the oracle and prints
 * the catalogue and coverage figures. Exit 1 if any transition is unreachable.
 */
import { EDGES } from "./edges.js";
import { INCONSISTENCIES } from "./inconsistencies.js";
import { transitionCoveringPaths } from "./paths.js";
import { REQUIREMENTS } from "./requirements/index.js";

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
process.exitCode = unreachable.length ? 1 : 0;
