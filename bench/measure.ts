/** Measurement helpers: throughput of an async operation at fixed concurrency, servers in worker threads. */
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
