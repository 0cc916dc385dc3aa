/**
 * `npm run chaos`: the suite run through the chaos proxy, every fault kind alone and all mixed, over a few
 * seeds. Prints the table of kinds × (runs, crashes, hangs, reports written, unreported leaks, attribution)
 * and writes every run's record as JSON (`--json`: prints it instead). Exit 0 when no run crashed, hung or
 * exited 3 (a suite defect), every run wrote its four reports and no vault was left unreported; 1 otherwise;
 * 2 on a usage error.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseFlags, usage, UsageError, type FlagSpec } from "../../cli/args.js";
import { FAULT_KINDS } from "./faults.js";
import { DEFAULT_RATE, DEFAULT_TIMEOUT_MS, MIXED, REPORT_FILES, runChaos, type ChaosRun } from "./run.js";
import { chaosTable, figuresByKind, survived } from "./summary.js";

const FLAGS: FlagSpec = {
  seeds: { type: "string", description: "comma-separated seeds", default: "1,2" },
  kinds: { type: "string", description: `comma-separated fault kinds and/or ${MIXED} (default: all and ${MIXED})` },
  runs: { type: "string", description: "the suite's --runs (generated sequences) per run", default: "5" },
  "timeout-ms": {
    type: "string",
    description: "kill a run after this long and count a hang",
    default: String(DEFAULT_TIMEOUT_MS),
  },
  rate: {
    type: "string",
    description: "probability that the proxy alters an AWS answer it can alter",
    default: String(DEFAULT_RATE.aws),
  },
  "clock-rate": {
    type: "string",
    description: "the same for clock-control answers",
    default: String(DEFAULT_RATE.clock),
  },
  concurrency: { type: "string", description: "runs at once", default: "2" },
  shards: { type: "string", description: "each run does one of N shares of the suite, in turns", default: "1" },
  out: { type: "string", description: "where the JSON of every run is written", default: "out/chaos.json" },
  json: { type: "boolean", description: "print the JSON on stdout instead of the table", default: false },
};

function numbers(text: string, flag: string): number[] {
  const values = text.split(",").map(Number);
  if (values.some((v) => !Number.isFinite(v))) throw new UsageError(`--${flag} takes numbers, got ${text}`);
  return values;
}

function progressLine(run: ChaosRun): string {
  const injected = Object.values(run.injected).reduce((a, b) => a + b, 0);
  const state = run.crashed ? `CRASH ${run.crash}` : run.hung ? "HANG" : `exit ${run.exitCode}`;
  return `${run.kind} seed ${run.seed}${run.shard ? ` shard ${run.shard}` : ""}: ${injected} injected, ${state}, ${run.reports.length}/${REPORT_FILES.length} reports, ${run.unreportedLeaks.length} unreported vaults (${(run.durationMs / 1000).toFixed(1)} s)`;
}

async function main(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  if (flags.help) return (console.log(usage("chaos", "The suite against the chaos proxy.", FLAGS)), 0);
  const kinds = typeof flags.kinds === "string" ? flags.kinds.split(",") : undefined;
  const unknown = (kinds ?? []).filter((k) => k !== MIXED && !FAULT_KINDS.includes(k));
  if (unknown.length)
    throw new UsageError(`unknown fault kinds ${unknown.join(", ")}; known: ${FAULT_KINDS.join(", ")}`);
  const seeds = numbers(String(flags.seeds), "seeds");
  const names = ["runs", "timeout-ms", "rate", "clock-rate", "concurrency", "shards"];
  const [runs, timeoutMs, aws, clock, concurrency, shards] = names.map(
    (flag) => numbers(String(flags[flag]), flag)[0]!,
  );
  const records = await runChaos({
    seeds,
    ...(kinds ? { kinds } : {}),
    runs: runs!,
    timeoutMs: timeoutMs!,
    rate: { aws: aws!, clock: clock! },
    concurrency: concurrency!,
    shards: shards!,
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
  const parseError = error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");
  if (!(parseError || error instanceof UsageError)) throw error;
  console.error(error.message);
  process.exitCode = 2;
}
