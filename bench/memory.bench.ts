/**
 * Memory and coverage figures (issue 6): time until every transition and lifecycle/request requirement is
 * covered; peak memory of generated runs of two lengths (the suite process alone, the emulator in another
 * process), which should be flat in run length; emulator heap with 100k vaults.
 */
import { spawn, execFile } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { runSuite } from "../conformance/run.js";
import { emulatorTarget } from "../conformance/target.js";
import { startEmulator } from "../emulator/server.js";
import { buildDocument } from "../reports/document.js";
import { figure } from "./measure.js";

const run = promisify(execFile);
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const BIN = here("../bin/glacier-vault-lock.mjs");

/** Seconds until the deterministic checks cover every transition and every lifecycle, request and policy requirement. */
export async function timeToCoverage(): Promise<Record<string, number>> {
  const emulator = await startEmulator({ clockControl: true });
  try {
    const start = performance.now();
    const report = await runSuite({
      target: emulatorTarget(emulator.url, emulator.accounts),
      seed: 1,
      runs: 0,
      generators: ["path", "gate", "policy", "protocol", "race"],
    });
    const seconds = (performance.now() - start) / 1000;
    const document = buildDocument([report]);
    const transitions = document.transitions.filter((t) => t.status.emulator === "passed").length;
    const scoped = document.requirements.filter((r) => ["lifecycle", "request", "policy"].includes(r.scope));
    const covered = scoped.filter((r) => r.status.emulator === "passed").length;
    console.log(
      `full coverage: ${transitions}/${document.transitions.length} transitions and ${covered}/${scoped.length} lifecycle, request and policy requirements passed in ${seconds.toFixed(2)} s (${report.requests} requests)`,
    );
    return {
      coverageSeconds: seconds,
      transitionsCovered: transitions,
      transitionsTotal: document.transitions.length,
      requirementsCovered: covered,
      requirementsTotal: scoped.length,
    };
  } finally {
    await emulator.close();
  }
}

interface Peak {
  maxRssKiB: number;
  retainedKiB: number;
  requests: number;
}

async function peakFor(url: string, runs: number): Promise<Peak> {
  const child = here("./child-sequences.ts");
  const { stdout } = await run(process.execPath, ["--expose-gc", "--import", "tsx", child, url, String(runs)], {
    env: { ...process.env, NODE_NO_WARNINGS: "1" },
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as Peak;
}

/**
 * Peak RSS of the suite process for a short and a 4× longer generated run, and the heap each still holds after a
 * full collection at its end: the peak follows V8's heap sizing, which lets a longer run's heap grow further
 * before collecting; what a run retains is the figure that shows whether memory is flat in run length.
 */
export async function peakMemory(): Promise<Record<string, number>> {
  const child = spawn(process.execPath, [BIN, "emulator", "--port", "0", "--clock-control"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  try {
    const url = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once("line", resolve));
    const short = await peakFor(url, 200);
    const long = await peakFor(url, 800);
    const ratio = long.maxRssKiB / short.maxRssKiB;
    const retainedRatio = long.retainedKiB / short.retainedKiB;
    const mib = (kib: number) => (kib / 1024).toFixed(1);
    console.log(
      `peak memory of the suite: ${figure(short.maxRssKiB / 1024)} MiB for 200 sequences (${short.requests} requests), ${figure(long.maxRssKiB / 1024)} MiB for 800 (${long.requests} requests); ratio ${ratio.toFixed(2)}\n` +
        `  heap held after a full collection at the end: ${mib(short.retainedKiB)} / ${mib(long.retainedKiB)} MiB; ratio ${retainedRatio.toFixed(2)} (flat ≈ 1)`,
    );
    return {
      peakMiB200: short.maxRssKiB / 1024,
      peakMiB800: long.maxRssKiB / 1024,
      peakRatio: ratio,
      retainedMiB200: short.retainedKiB / 1024,
      retainedMiB800: long.retainedKiB / 1024,
      retainedRatio,
    };
  } finally {
    child.kill("SIGTERM");
  }
}

/** Heap the emulator's service needs for 100k vaults; an upload's time into an empty vault and one holding 20k. */
export async function emulatorWithManyVaults(count = 100_000): Promise<Record<string, number>> {
  const { stdout } = await run(
    process.execPath,
    ["--expose-gc", "--import", "tsx", here("./child-vaults.ts"), String(count)],
    { env: { ...process.env, NODE_NO_WARNINGS: "1" }, maxBuffer: 1 << 20 },
  );
  const r = JSON.parse(stdout.trim().split("\n").at(-1)!) as {
    heapMiB: number;
    bytesPerVault: number;
    seconds: number;
    listMs: number;
    uploadsBefore: number;
    firstUploadMicros: number;
    laterUploadMicros: number;
  };
  const uploadRatio = r.laterUploadMicros / r.firstUploadMicros;
  console.log(
    `emulator with ${figure(count)} vaults (10% InProgress, 1% Locked): heap +${r.heapMiB.toFixed(1)} MiB (${figure(r.bytesPerVault)} B a vault), filled in ${r.seconds.toFixed(1)} s; a later ListVaults page takes ${r.listMs.toFixed(1)} ms\n` +
      `  UploadArchive into one of them, without HTTP: ${r.laterUploadMicros.toFixed(0)} µs holding ${figure(r.uploadsBefore)} archives / ${r.firstUploadMicros.toFixed(0)} µs holding none, ratio ${uploadRatio.toFixed(2)} (flat: a write costs the same whatever the vault holds)`,
  );
  return {
    vaults: count,
    heapMiB: r.heapMiB,
    bytesPerVault: r.bytesPerVault,
    listPageMs: r.listMs,
    uploadsBefore: r.uploadsBefore,
    firstUploadMicros: r.firstUploadMicros,
    laterUploadMicros: r.laterUploadMicros,
    uploadRatio,
  };
}
