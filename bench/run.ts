/**
 * `npm run bench`: every benchmark, side by side in one run; the figures go to stdout and, as JSON, to
 * `out/bench.json`, from which `npm run bench:readme` writes the README's Performance table. `BENCH_MS` sets each
 * throughput measurement's length.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { checkerScaling } from "./checker.bench.js";
import { emulatorVersusBare } from "./emulator.bench.js";
import { buildDist } from "./measure.js";
import { emulatorWithManyVaults, peakMemory, timeToCoverage } from "./memory.bench.js";
import { modelSpeed } from "./model.bench.js";
import { mutantsWall } from "./mutants.bench.js";
import { proofSpeed } from "./proof.bench.js";
import { suiteOwnCost } from "./suite.bench.js";

const ms = Number(process.env.BENCH_MS ?? 3000);
buildDist();
console.log(
  `node ${process.version}, ${ms} ms per measurement; the emulator and the suite run from the dist/ build just made (npm run build), as an installed package runs them`,
);
const results = {
  node: process.version,
  date: new Date().toISOString().slice(0, 10),
  ...(await emulatorVersusBare(ms)),
  ...(await suiteOwnCost()),
  ...(await checkerScaling()),
  ...(await mutantsWall()),
  ...(await timeToCoverage()),
  ...(await peakMemory()),
  ...(await emulatorWithManyVaults()),
  ...modelSpeed(ms),
  ...proofSpeed(),
};
mkdirSync("out", { recursive: true });
writeFileSync("out/bench.json", `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results));
