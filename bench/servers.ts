/**
 * Servers for benchmarks, each in a worker thread so client and server do not share an event loop:
 * - `emulator`: the reference emulator;
 * - `bare`: plain node:http answering each path with the answer given for it (the emulator's, recorded);
 * - `recorder`: the conformance tests' proxy to `upstream` (GET /__bench/recording returns its exchanges);
 * - `replayer`: plain node:http answering the i-th request with the i-th recorded response.
 * `listenBenchServer` starts the plain ones in the calling thread instead (the one-thread arrangement).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parentPort, workerData } from "node:worker_threads";
import { proxy, type Exchange, type Intercept } from "../conformance/harness.js";
import { startEmulator } from "../emulator/server.js";

export interface CannedAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ServerSpec {
  kind: "emulator" | "bare" | "recorder" | "replayer";
  clockControl?: boolean;
  upstream?: string;
  recording?: Exchange[];
  /** For `bare`: the answer to each request path. */
  answers?: Record<string, CannedAnswer>;
}

function readAll(stream: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => resolve(Buffer.concat(chunks).toString()));
  });
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, { ...headers, "content-length": String(Buffer.byteLength(body)) }).end(body);
}

function handlerFor(spec: ServerSpec): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  if (spec.kind === "bare")
    return async (req, res) => {
      await readAll(req);
      const answer = spec.answers![req.url ?? ""] ?? { status: 404, headers: {}, body: "" };
      send(res, answer.status, answer.headers, answer.body);
    };
  let next = 0;
  return async (req, res) => {
    await readAll(req);
    const exchange = spec.recording![next++ % spec.recording!.length]!;
    send(res, exchange.status, exchange.headers, exchange.body);
  };
}

/** Starts a plain (not emulator) bench server in this thread; resolves its URL and a close function. */
export async function listenBenchServer(spec: ServerSpec): Promise<{ url: string; stop: () => Promise<void> }> {
  const handle = handlerFor(spec);
  const server = createServer((req, res) => void handle(req, res));
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stop };
}

/** The recording proxy, which answers `GET /__bench/recording` with every exchange so far. */
async function recorder(upstream: string): Promise<string> {
  const recorded: { exchanges: Exchange[] } = { exchanges: [] };
  const own: Intercept = (_, url) =>
    url === "/__bench/recording" ? { status: 200, body: JSON.stringify(recorded.exchanges) } : undefined;
  const started = await proxy(upstream, undefined, own);
  recorded.exchanges = started.exchanges;
  return started.url;
}

async function main(spec: ServerSpec): Promise<void> {
  if (spec.kind === "emulator") {
    const emulator = await startEmulator({ clockControl: spec.clockControl ?? false });
    parentPort!.postMessage(emulator.url);
    return;
  }
  if (spec.kind === "recorder") return parentPort!.postMessage(await recorder(spec.upstream!));
  parentPort!.postMessage((await listenBenchServer(spec)).url);
}

if (parentPort) await main(workerData as ServerSpec);
