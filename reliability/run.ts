/**
 * `npm run reliability`: the reliability figures in one run: hostile requests fuzzed (crashes, malformed
 * answers, hangs, state divergences), concurrent rounds checked for linearizability, and SIGKILL restarts of a
 * persistent emulator under write load (changes lost). Exit 1 if any figure that must be 0 is not.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { emulatorTarget } from "../conformance/target.js";
import { startEmulator } from "../emulator/server.js";
import { sdkClient } from "../emulator/testing.js";
import { concurrentRounds } from "./concurrency.js";
import { fuzz } from "./fuzz.js";
import { killDuringWrites } from "./persistence.js";
import { prepareFuzzVaults } from "./setup.js";

const count = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const kills = Number(process.env.KILLS ?? 3);
const emulator = await startEmulator();
const client = sdkClient(emulator.url, emulator.accounts[0]!);
await prepareFuzzVaults(client);
const fuzzed = await fuzz(emulator.url, emulator.accounts[0]!, client, count, 20261122);
const alive = await fetch(emulator.url).then(
  () => 1,
  () => 0,
);
const rounds = await concurrentRounds(emulatorTarget(emulator.url, emulator.accounts), "rel", 100, 8, 2, 5);
await emulator.close();
let acknowledged = 0;
let lost = 0;
let clockKept = 0;
for (let k = 0; k < kills; k++) {
  const figures = await killDuringWrites(mkdtempSync(join(tmpdir(), "vault-kill-")), 800 + 400 * k);
  acknowledged += figures.acknowledged;
  lost += figures.lost;
  clockKept += figures.clockOffsetKept ? 1 : 0;
}
const lines = [
  `requests fuzzed: ${fuzzed.sent} (seed ${fuzzed.seed})`,
  `crashes: ${1 - alive}`,
  `malformed answers: ${fuzzed.malformed}`,
  `hangs: ${fuzzed.unanswered}`,
  `state divergences: ${fuzzed.divergences}`,
  `concurrent rounds: ${rounds.rounds} × 8 parallel clients (${rounds.requests} requests), linearizability violations: ${rounds.violations}, double Initiate winners: ${rounds.doubleWinners}`,
  `kills survived: ${kills}/${kills} (SIGKILL under write load), acknowledged changes checked: ${acknowledged}, changes lost: ${lost}, clock offset kept: ${clockKept}/${kills}`,
  ...fuzzed.examples.map((e) => `  example: ${e}`),
];
console.log(lines.join("\n"));
process.exitCode =
  alive &&
  !fuzzed.malformed &&
  !fuzzed.unanswered &&
  !fuzzed.divergences &&
  !rounds.violations &&
  !rounds.doubleWinners &&
  !lost &&
  clockKept === kills
    ? 0
    : 1;
