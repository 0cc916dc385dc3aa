/** `npm run mutants` as a figure: every mutant measured on a worker per core; goal all of them in under 25 s. */
import { availableParallelism } from "node:os";
import { MUTANTS } from "../emulator/mutants/catalogue.js";
import { measureAll } from "../mutation/run.js";

const GOAL_SECONDS = 25;

export async function mutantsWall(): Promise<Record<string, number>> {
  const workers = availableParallelism();
  const start = performance.now();
  const measured = await measureAll(MUTANTS, 20261122, 100, workers);
  const wall = (performance.now() - start) / 1000;
  const each = measured.map((m) => m.ms / 1000);
  const killed = measured.filter((m) => m.outcome.killed).length;
  const sum = each.reduce((a, b) => a + b, 0);
  console.log(
    `mutants: ${killed}/${measured.length} killed in ${wall.toFixed(1)} s on ${workers} workers ${wall < GOAL_SECONDS ? "✔" : "✘"} (goal < ${GOAL_SECONDS} s); each ${Math.min(...each).toFixed(1)}–${Math.max(...each).toFixed(1)} s, ${sum.toFixed(1)} s in all, ${(sum / wall).toFixed(2)}× from running them side by side`,
  );
  return {
    mutantsKilled: killed,
    mutantsTotal: measured.length,
    mutantsWallSeconds: wall,
    mutantsWorkers: workers,
    mutantsSumSeconds: sum,
  };
}
