/**
 * Measurement helpers: throughput of an async operation at fixed concurrency, servers in worker threads, and the
 * `dist/` build the emulator and the suite are measured from, as an installed package runs them.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ServerSpec } from "./servers.js";

export interface Throughput {
  ops: number;
  seconds: number;
  perSecond: number;
}

/** Runs `operation` with `concurrency` loops for `ms` (after a short warm-up); every call must succeed. */
export async function throughput(operation: () => Promise<unknown>, ms: number, concurrency = 8): Promise<Throughput> {
  const warmUntil = Date.now() + Math.min(500, ms / 4);
  while (Date.now() < warmUntil) await operation();
  let ops = 0;
  const start = performance.now();
  const end = start + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        await operation();
        ops++;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  return { ops, seconds, perSecond: ops / seconds };
}

export interface ServerThread {
  url: string;
  stop: () => Promise<number>;
  /** The server thread's event-loop utilization (`performance.eventLoopUtilization`), for its busy time. */
  utilization: Worker["performance"]["eventLoopUtilization"];
}

/** Starts a `bench/servers.ts` server in a worker; resolves its URL, a stop function and its utilization. */
export async function serverWorker(spec: ServerSpec): Promise<ServerThread> {
  const worker = new Worker(new URL("./worker.mjs", import.meta.url), { workerData: spec });
  const url = await new Promise<string>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  const utilization = worker.performance.eventLoopUtilization.bind(worker.performance);
  return { url, stop: () => worker.terminate(), utilization };
}

/** `1234.5` → `1,235`. */
export function figure(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** Builds `dist/` (`npm run build`), which the emulator and the suite are measured from. */
export function buildDist(): void {
  const built = spawnSync(process.execPath, [fileURLToPath(new URL("../scripts/build.mjs", import.meta.url))], {
    stdio: "inherit",
  });
  if (built.status !== 0) throw new Error(`bench: npm run build failed (exit ${built.status})`);
}

/**
 * The `dist/` build of a source module (`path` from the repository's root, as `conformance/run.js`); fails with
 * the command to run when there is none.
 */
export async function compiled<Module>(path: string): Promise<Module> {
  const built = new URL(`../dist/${path}`, import.meta.url);
  if (!existsSync(built)) throw new Error(`bench: no dist/ build of ${path}; run npm run build first`);
  return (await import(built.href)) as Module;
}
