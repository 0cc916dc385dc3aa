/**
 * `npm run mutants`: runs the whole suite against every behavioural mutant of the emulator, each started out of
 * process with `glacier-vault-lock emulator --mutant NAME` and reached over HTTP only, and prints a table:
 * killed or survived, by which generators, the requirements reported, the length of the suite's counterexample
 * and the shortest distinguishing sequence from the model × mutant search. Exit 1 if any mutant survives.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { CheckResult } from "../conformance/results.js";
import { runSuite } from "../conformance/run.js";
import { emulatorTarget } from "../conformance/target.js";
import { DEFAULT_ACCOUNTS } from "../emulator/accounts.js";
import { MUTANTS, type Mutant } from "../emulator/mutants/catalogue.js";
import { shortestDistinguishing } from "./search.js";

const BIN = fileURLToPath(new URL("../bin/glacier-vault-lock.mjs", import.meta.url));

export interface MutantOutcome {
  mutant: string;
  breaks: string;
  killed: boolean;
  generators: string[];
  reported: string[];
  /** Steps of the suite's shortest counterexample (the shrunk sequence, else the shortest failing path, clock moves counted). */
  counterexample?: number;
  /** Steps of the shortest distinguishing sequence; undefined when the search does not apply (auth, races). */
  shortest?: number;
}

async function withMutantEmulator<T>(name: string, use: (url: string) => Promise<T>): Promise<T> {
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

/** Runs the suite against one mutant. */
export async function measureMutant(mutant: Mutant, seed: number, runs: number): Promise<MutantOutcome> {
  const report = await withMutantEmulator(mutant.name, (url) =>
    runSuite({ target: emulatorTarget(url, DEFAULT_ACCOUNTS), seed, runs }),
  );
  const failing = report.results.filter((r) => r.verdict === "fail" || r.verdict === "notImplemented");
  const shortest = mutant.layer === "oracle" ? shortestDistinguishing(mutant)?.length : undefined;
  const length = counterexampleLength(failing, report.results);
  return {
    mutant: mutant.name,
    breaks: mutant.breaks,
    killed: failing.length > 0,
    generators: [...new Set(failing.map((r) => r.generator))],
    reported: [...new Set(failing.flatMap((r) => r.requirements))],
    ...(length !== undefined ? { counterexample: length } : {}),
    ...(shortest !== undefined ? { shortest } : {}),
  };
}

function table(outcomes: MutantOutcome[]): string {
  const rows = outcomes.map((o) => [
    o.mutant,
    o.killed ? "killed" : "SURVIVED",
    o.generators.join(",") || "-",
    o.reported.includes(o.breaks) ? `${o.breaks} ✔` : `${o.breaks} ✘ (${o.reported.slice(0, 3).join(",")})`,
    String(o.counterexample ?? "-"),
    o.shortest !== undefined ? String(o.shortest) : "n/a",
  ]);
  const head = ["mutant", "result", "killed by", "requirement reported", "counterexample", "shortest"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [head, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ")).join("\n");
}

async function main(): Promise<void> {
  const seed = Number(process.env.MUTANTS_SEED ?? 20261122);
  const runs = Number(process.env.MUTANTS_RUNS ?? 100);
  const only = process.argv.slice(2);
  const outcomes: MutantOutcome[] = [];
  for (const mutant of MUTANTS.filter((m) => !only.length || only.includes(m.name))) {
    outcomes.push(await measureMutant(mutant, seed, runs));
    process.stderr.write(`${outcomes.at(-1)!.killed ? "killed  " : "SURVIVED"} ${mutant.name}\n`);
  }
  console.log(table(outcomes));
  const killed = outcomes.filter((o) => o.killed).length;
  const matched = outcomes.filter((o) => o.reported.includes(o.breaks)).length;
  const comparable = outcomes.filter((o) => o.counterexample !== undefined && o.shortest !== undefined);
  const optimal = comparable.filter((o) => o.counterexample! <= o.shortest!).length;
  const ratio =
    comparable.reduce((sum, o) => sum + o.counterexample! / o.shortest!, 0) / Math.max(1, comparable.length);
  console.log(
    `\nkilled ${killed}/${outcomes.length} (${((100 * killed) / outcomes.length).toFixed(0)}%); requirement reported = broken one: ${matched}/${outcomes.length}; counterexample no longer than the shortest sequence: ${optimal}/${comparable.length}, mean length ratio ${ratio.toFixed(2)} (seed ${seed}, ${runs} sequences each)`,
  );
  process.exitCode = killed === outcomes.length ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
