/**
 * `npm run chaos`: the suite run through the chaos proxy, every fault kind alone and all mixed, over a few
 * seeds. Prints the table of kinds × (runs, crashes, hangs, reports written, unreported leaks, attribution)
 * and writes every run's record as JSON (`--json`: prints it instead). Exit 0 when no run crashed, hung or
 * exited 3 (a suite defect), every run wrote its four reports and no vault was left unreported; 1 otherwise;
 * 2 on a usage error.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { InvalidInput } from "../../input/read.js";
import { parseCommandLine, parsed, text, toggle, usage, whole } from "../../cli/args.js";
import { FAULT_KINDS } from "./faults.js";
import { DEFAULT_RATE, DEFAULT_TIMEOUT_MS, MIXED, REPORT_FILES, runChaos, type ChaosRun } from "./run.js";
import { chaosTable, figuresByKind, survived } from "./summary.js";

const KINDS = [...FAULT_KINDS, MIXED];
const list = <T>(raw: string, item: (part: string) => T | undefined): T[] | undefined => {
  const items = raw.split(",").map(item);
  return items.every((x) => x !== undefined) ? (items as T[]) : undefined;
};
const seed = (part: string) => (/^-?\d+$/.test(part) ? Number(part) : undefined);
const probability = (raw: string) => (/^(0(\.\d+)?|1(\.0+)?)$/.test(raw) ? Number(raw) : undefined);

const FLAGS = {
  seeds: parsed("comma-separated seeds", "comma-separated whole numbers", (raw) => list(raw, seed)).or("1,2"),
  kinds: parsed(
    `comma-separated fault kinds and/or ${MIXED} (default: all and ${MIXED})`,
    `comma-separated fault kinds of reliability/chaos/faults.ts or ${MIXED}: ${KINDS.join(", ")}`,
    (raw) => list(raw, (kind) => (KINDS.includes(kind) ? kind : undefined)),
  ).optional(),
  runs: whole("the suite's --runs (generated sequences) per run", { min: 1 }).or("5"),
  "timeout-ms": whole("kill a run after this long and count a hang", { min: 1 }).or(String(DEFAULT_TIMEOUT_MS)),
  rate: parsed("probability that the proxy alters an AWS answer it can alter", "a number from 0 to 1", probability).or(
    String(DEFAULT_RATE.aws),
  ),
  "clock-rate": parsed("the same for clock-control answers", "a number from 0 to 1", probability).or(
    String(DEFAULT_RATE.clock),
  ),
  concurrency: whole("runs at once", { min: 1 }).or("2"),
  shards: whole("each run does one of N shares of the suite, in turns", { min: 1 }).or("1"),
  out: text("where the JSON of every run is written").or("out/chaos.json"),
  json: toggle("print the JSON on stdout instead of the table"),
};

function progressLine(run: ChaosRun): string {
  const injected = Object.values(run.injected).reduce((a, b) => a + b, 0);
  const state = run.crashed ? `CRASH ${run.crash}` : run.hung ? "HANG" : `exit ${run.exitCode}`;
  return `${run.kind} seed ${run.seed}${run.shard ? ` shard ${run.shard}` : ""}: ${injected} injected, ${state}, ${run.reports.length}/${REPORT_FILES.length} reports, ${run.unreportedLeaks.length} unreported vaults (${(run.durationMs / 1000).toFixed(1)} s)`;
}

async function main(argv: string[]): Promise<number> {
  const { flags, help } = parseCommandLine("chaos", argv, FLAGS);
  if (help) return (console.log(usage("npm run chaos --", "The suite against the chaos proxy.", FLAGS)), 0);
  const { seeds, kinds, runs, shards, concurrency } = flags;
  const timeoutMs = flags["timeout-ms"];
  const [aws, clock] = [flags.rate, flags["clock-rate"]];
  const records = await runChaos({
    seeds,
    ...(kinds ? { kinds } : {}),
    runs,
    timeoutMs,
    rate: { aws, clock },
    concurrency,
    shards,
    progress: (run) => process.stderr.write(`${progressLine(run)}\n`),
  });
  const rows = figuresByKind(records);
  const json = JSON.stringify(
    { seeds, runs, shards, rate: { aws, clock }, timeoutMs, figures: rows, records },
    null,
    2,
  );
  if (flags.json) console.log(json);
  else {
    const out = String(flags.out);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, json);
    console.log(`${chaosTable(rows)}\n\nseeds ${seeds.join(",")}; every run: ${out}`);
  }
  return survived(rows) ? 0 : 1;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof InvalidInput)) throw error;
  console.error(error.message);
  process.exitCode = 2;
}
