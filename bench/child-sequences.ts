/**
 * Child process for the memory benchmark: runs RUNS generated sequences against the emulator at URL and
 * prints its own peak resident memory (KiB), the heap it still holds after a full collection at the end (KiB;
 * run with --expose-gc), and the requests it sent, as JSON on stdout.
 */
import { runSuite } from "../conformance/run.js";
import { emulatorTarget } from "../conformance/target.js";
import { DEFAULT_ACCOUNTS } from "../emulator/accounts.js";

const [url, runs] = process.argv.slice(2);
const report = await runSuite({
  target: emulatorTarget(url!, DEFAULT_ACCOUNTS),
  seed: 7,
  runs: Number(runs),
  generators: ["sequence"],
});
(globalThis as { gc?: () => void }).gc?.();
console.log(
  JSON.stringify({
    maxRssKiB: process.resourceUsage().maxRSS,
    retainedKiB: process.memoryUsage().heapUsed / 1024,
    requests: report.requests,
    unexpected: report.unexpected,
  }),
);
