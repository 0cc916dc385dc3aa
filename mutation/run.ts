/**
 * `npm run mutants`: runs the suite against every behavioural mutant of the emulator, reached over HTTP only, stage
 * by stage until a check naming the requirement the mutant breaks fails (`mutantStages`: the checks covering that
 * requirement first, then `STAGES`, the whole suite), on a worker thread per core (each
 * worker starts its mutant emulators with `startEmulator({ mutant })`), printing each mutant's time as it is
 * measured, then a table: killed or survived, by which generators, how many stages ran, the requirements reported,
 * the length of the suite's counterexample and the shortest distinguishing sequence from the model × mutant search.
 * Exit 1 if any mutant survives.
 */
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { CheckResult } from "../conformance/results.js";
import { runSuite, type RunOptions } from "../conformance/run.js";
import { emulatorTarget } from "../conformance/target.js";
import { DEFAULT_ACCOUNTS } from "../emulator/accounts.js";
import { MUTANTS, mutantNamed, type Mutant } from "../emulator/mutants/catalogue.js";
import { startEmulator } from "../emulator/server.js";
import { shortestDistinguishing } from "./search.js";

const BIN = fileURLToPath(new URL("../bin/glacier-vault-lock.mjs", import.meta.url));

export interface MutantOutcome {
  mutant: string;
  breaks: string;
  killed: boolean;
  generators: string[];
  reported: string[];
  /** How many of the run's stages (`mutantStages`) ran, the killing one included. */
  stages: number;
  /** Steps of the suite's shortest counterexample (the shrunk sequence, else the shortest failing path, clock moves counted). */
  counterexample?: number;
  /** Steps of the shortest distinguishing sequence; undefined when the search does not apply (auth, races). */
  shortest?: number;
}

/** Where the mutant emulator runs: in this thread (`embedded`) or as a `glacier-vault-lock emulator` process. */
export type Host = "embedded" | "process";

async function withMutantEmulator<T>(name: string, host: Host, use: (url: string) => Promise<T>): Promise<T> {
  if (host === "embedded") {
    const emulator = await startEmulator({ mutant: name, clockControl: true });
    try {
      return await use(emulator.url);
    } finally {
      await emulator.close();
    }
  }
  const child = spawn(process.execPath, [BIN, "emulator", "--port", "0", "--clock-control", "--mutant", name], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once("line", resolve);
      child.once("exit", (code) => reject(new Error(`emulator with mutant ${name} exited with ${code}`)));
    });
    return await use(url);
  } finally {
    child.kill("SIGTERM");
  }
}

function counterexampleLength(failing: CheckResult[], all: CheckResult[]): number | undefined {
  const sequence = failing.find((r) => r.generator === "sequence")?.counterexample?.length;
  if (sequence) return sequence;
  const paths = all.flatMap((r) => (r.length ? [r.length] : []));
  return paths.length ? Math.min(...paths) : undefined;
}

export type Stage = Pick<RunOptions, "generators" | "shard" | "select" | "stopAfter">;

/**
 * The suite in stages, cheapest first: the one-off protocol, gate and policy checks, the transition paths in
 * `PATH_SHARDS` shares, the races, the generated sequences. Together they are the whole suite (the same seed),
 * which a mutant no check covering its requirement caught runs up to the first check that kills it, as a mutation
 * tool stops at the first killing test; one no check kills runs every stage.
 */
export const PATH_SHARDS = 8;
export const STAGES: readonly Stage[] = [
  { generators: ["protocol", "gate", "policy"] },
  ...Array.from({ length: PATH_SHARDS }, (_, k) => ({
    generators: ["path" as const],
    shard: { index: k + 1, count: PATH_SHARDS },
  })),
  { generators: ["race"] },
  { generators: ["sequence"] },
];

const failed = (r: CheckResult) => r.verdict === "fail" || r.verdict === "notImplemented";

/** True for a result that kills a mutant breaking `requirement`: a failure naming it. */
const killing = (requirement: string) => (r: CheckResult) => failed(r) && r.requirements.includes(requirement);

/**
 * The stages of the run against a mutant breaking `requirement`, first the checks that cover it, as a mutation tool
 * first runs the tests that cover the mutated code: the checks aimed at it, up to the first kill without a length
 * (a protocol check's or a race's: those run last, so every path and scenario aimed at it has run and the shortest
 * of their counterexamples is kept); then, up to the first kill, those whose requests meet it on the way; then
 * `STAGES`.
 */
export function mutantStages(requirement: string): Stage[] {
  const stopAfter = killing(requirement);
  return [
    { select: ({ aimed }) => aimed.includes(requirement), stopAfter: (r) => stopAfter(r) && r.length === undefined },
    { select: ({ aimed, covers }) => !aimed.includes(requirement) && covers.includes(requirement), stopAfter },
    ...STAGES.map((stage) => ({ ...stage, stopAfter })),
  ];
}

/** Runs the stages (`mutantStages`) against one mutant until one kills it by the requirement it breaks. */
export async function measureMutant(
  mutant: Mutant,
  seed: number,
  runs: number,
  host: Host = "embedded",
): Promise<MutantOutcome> {
  const results: CheckResult[] = [];
  const stages = await withMutantEmulator(mutant.name, host, async (url) => {
    const target = emulatorTarget(url, DEFAULT_ACCOUNTS);
    let ran = 0;
    const kills = killing(mutant.breaks);
    for (const stage of mutantStages(mutant.breaks)) {
      ran++;
      const report = await runSuite({ target, seed, runs, ...stage });
      results.push(...report.results);
      if (report.results.some(kills)) break;
    }
    return ran;
  });
  const failing = results.filter(failed);
  const shortest = mutant.layer === "oracle" ? shortestDistinguishing(mutant)?.length : undefined;
  const length = counterexampleLength(failing, results);
  return {
    mutant: mutant.name,
    breaks: mutant.breaks,
    killed: failing.length > 0,
    generators: [...new Set(failing.map((r) => r.generator))],
    reported: [...new Set(failing.flatMap((r) => r.requirements))],
    stages,
    ...(length !== undefined ? { counterexample: length } : {}),
    ...(shortest !== undefined ? { shortest } : {}),
  };
}

function table(outcomes: MutantOutcome[]): string {
  const rows = outcomes.map((o) => [
    o.mutant,
    o.killed ? "killed" : "SURVIVED",
    o.generators.join(",") || "-",
    `${o.stages}/${mutantStages(o.breaks).length}`,
    o.reported.includes(o.breaks) ? `${o.breaks} ✔` : `${o.breaks} ✘ (${o.reported.slice(0, 3).join(",")})`,
    String(o.counterexample ?? "-"),
    o.shortest !== undefined ? String(o.shortest) : "n/a",
  ]);
  const head = ["mutant", "result", "killed by", "stages", "requirement reported", "counterexample", "shortest"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [head, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ")).join("\n");
}

export interface Measured {
  outcome: MutantOutcome;
  ms: number;
}

/** Measures every mutant on `workers` worker threads, printing each one's result and time as it comes. */
export async function measureAll(
  mutants: readonly Mutant[],
  seed: number,
  runs: number,
  workers: number,
): Promise<Measured[]> {
  const queue = mutants.map((m) => m.name);
  const measured = new Map<string, Measured>();
  const work = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const next = () => {
        const name = queue.shift();
        if (name) worker.postMessage(name);
        else void worker.terminate().then(() => resolve());
      };
      worker.on("message", (result: Measured) => {
        measured.set(result.outcome.mutant, result);
        const verdict = result.outcome.killed ? "killed  " : "SURVIVED";
        process.stderr.write(`${verdict} ${result.outcome.mutant} (${(result.ms / 1000).toFixed(1)} s)\n`);
        next();
      });
      worker.once("error", reject);
      next();
    });
  const url = new URL("./worker.mjs", import.meta.url);
  const pool = Array.from(
    { length: Math.min(workers, mutants.length) },
    () => new Worker(url, { workerData: { seed, runs } }),
  );
  await Promise.all(pool.map(work));
  return mutants.map((m) => measured.get(m.name)!);
}

/** Worker side: measures each mutant it is sent, in this thread. */
function serveMeasurements({ seed, runs }: { seed: number; runs: number }): void {
  parentPort!.on("message", (name: string) => {
    const start = performance.now();
    void measureMutant(mutantNamed(name), seed, runs).then((outcome) =>
      parentPort!.postMessage({ outcome, ms: performance.now() - start } satisfies Measured),
    );
  });
}

async function main(): Promise<void> {
  const seed = Number(process.env.MUTANTS_SEED ?? 20261122);
  const runs = Number(process.env.MUTANTS_RUNS ?? 100);
  const workers = Number(process.env.MUTANTS_WORKERS ?? availableParallelism());
  const only = process.argv.slice(2);
  const start = performance.now();
  const measured = await measureAll(
    MUTANTS.filter((m) => !only.length || only.includes(m.name)),
    seed,
    runs,
    workers,
  );
  const outcomes = measured.map((m) => m.outcome);
  console.log(table(outcomes));
  const killed = outcomes.filter((o) => o.killed).length;
  const matched = outcomes.filter((o) => o.reported.includes(o.breaks)).length;
  const comparable = outcomes.filter((o) => o.counterexample !== undefined && o.shortest !== undefined);
  const optimal = comparable.filter((o) => o.counterexample! <= o.shortest!).length;
  const ratio =
    comparable.reduce((sum, o) => sum + o.counterexample! / o.shortest!, 0) / Math.max(1, comparable.length);
  const wall = (performance.now() - start) / 1000;
  console.log(
    `\nkilled ${killed}/${outcomes.length} (${((100 * killed) / outcomes.length).toFixed(0)}%); requirement reported = broken one: ${matched}/${outcomes.length}; counterexample no longer than the shortest sequence: ${optimal}/${comparable.length}, mean length ratio ${ratio.toFixed(2)} (seed ${seed}, ${runs} sequences each)\n` +
      `wall time ${wall.toFixed(1)} s on ${Math.min(workers, outcomes.length)} workers; per mutant ${Math.min(...measured.map((m) => m.ms / 1000)).toFixed(1)}–${Math.max(...measured.map((m) => m.ms / 1000)).toFixed(1)} s`,
  );
  process.exitCode = killed === outcomes.length ? 0 : 1;
}

if (!isMainThread && parentPort && (workerData as { runs?: number })?.runs !== undefined)
  serveMeasurements(workerData as { seed: number; runs: number });
else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
