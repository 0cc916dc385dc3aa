/** `npm run bench`: every benchmark, side by side in one run. `BENCH_MS` sets each measurement's length. */
import { emulatorVersusBare } from "./emulator.bench.js";
import { lanesVersusSdk } from "./lanes.bench.js";
import { emulatorWithManyVaults, peakMemory, timeToCoverage } from "./memory.bench.js";
import { modelSpeed } from "./model.bench.js";
import { proofSpeed } from "./proof.bench.js";
import { suiteVersusSdk } from "./suite.bench.js";

const ms = Number(process.env.BENCH_MS ?? 3000);
console.log(`node ${process.version}, ${ms} ms per measurement`);
const results = {
  ...(await emulatorVersusBare(ms)),
  ...(await suiteVersusSdk()),
  ...(await lanesVersusSdk()),
  ...(await timeToCoverage()),
  ...(await peakMemory()),
  ...(await emulatorWithManyVaults()),
  ...modelSpeed(ms),
  ...proofSpeed(),
};
console.log(JSON.stringify(results));
