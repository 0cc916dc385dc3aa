/**
 * `npm run reliability`: the reliability figures in one run: hostile requests fuzzed (crashes, malformed
 * answers, hangs, state divergences), concurrent loads checked for linearizability, and SIGKILL restarts of a
 * persistent emulator under write load (changes lost). Exit 1 if any figure that must be 0 is not.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { emulatorTarget } from "../conformance/target.js";
import { startEmulator } from "../emulator/server.js";
import { sdkClient } from "../emulator/testing.js";
import { concurrentLoad } from "./concurrency.js";
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
await emulator.close();
const loaded = await startEmulator({ clockControl: true });
const loadTarget = emulatorTarget(loaded.url, loaded.accounts);
const loads = [
  await concurrentLoad(loadTarget, "rel-many", { clients: 16, operations: 5_000, vaults: 16 }, 5),
  await concurrentLoad(loadTarget, "rel-one", { clients: 8, operations: 1_000, vaults: 1 }, 6),
];
await loaded.close();
let acknowledged = 0;
let lost = 0;
let clockKept = 0;
for (let k = 0; k < kills; k++) {
  const figures = await killDuringWrites(mkdtempSync(join(tmpdir(), "vault-kill-")), 20 + 10 * k);
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
  ...loads.map(
    ({ shape, violations, undecided, components, checkMs }) =>
      `concurrent load: ${shape.clients} clients × ${shape.operations} operations over ${shape.vaults} vaults, linearizability violations: ${undecided ? "undecided, the search's budget spent" : violations} (${undecided ? "not checked in full" : "checked in full"}: ${components} parts, ${checkMs.toFixed(0)} ms)`,
  ),
  ...loads.flatMap((load) => load.examples.map((e) => `  example: ${e}`)),
  `kills survived: ${kills}/${kills} (SIGKILL under write load), acknowledged changes checked: ${acknowledged}, changes lost: ${lost}, clock offset kept: ${clockKept}/${kills}`,
  ...fuzzed.examples.map((e) => `  example: ${e}`),
];
console.log(lines.join("\n"));
process.exitCode =
  alive &&
  !fuzzed.malformed &&
  !fuzzed.unanswered &&
  !fuzzed.divergences &&
  loads.every((load) => !load.violations && !load.undecided) &&
  !lost &&
  clockKept === kills
    ? 0
    : 1;
