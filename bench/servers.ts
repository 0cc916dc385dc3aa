/**
 * Servers for benchmarks, each in a worker thread so client and server do not share an event loop:
 * - `emulator`: the reference emulator (or one of its mutants);
 * - `bare`: plain node:http answering each path with the answer given for it (the emulator's, recorded);
 * - `recorder`: the conformance tests' proxy to `upstream` (GET /__bench/recording returns its exchanges).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parentPort, workerData } from "node:worker_threads";
import { proxy, type Exchange, type Intercept } from "../conformance/harness.js";
import { compiled } from "./measure.js";

export interface CannedAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ServerSpec {
  kind: "emulator" | "bare" | "recorder";
  clockControl?: boolean;
  /** For `emulator`: a behavioural mutant (the bench uses the auth one to price signature verification). */
  mutant?: string;
  /** For `emulator`: run the compiled `dist/` build (`npm run build`), as installed users run it, not the sources. */
  compiled?: boolean;
  upstream?: string;
  /** For `bare`: the answer to each request path. */
  answers?: Record<string, CannedAnswer>;
}

/**
 * Starts the bare server: each path's canned answer, its headers prepared once, sent as soon as the request is
 * parsed (the benchmark's requests have no body); resolves its URL.
 */
async function listenBare(answers: Record<string, CannedAnswer>): Promise<string> {
  const prepared = new Map(
    Object.entries(answers).map(([path, a]) => [
      path,
      { ...a, headers: { ...a.headers, "content-length": String(Buffer.byteLength(a.body)) } },
    ]),
  );
  const missing = { status: 404, headers: { "content-length": "0" }, body: "" };
  const server = createServer((req, res) => {
    const answer = prepared.get(req.url ?? "") ?? missing;
    req.resume();
    res.writeHead(answer.status, answer.headers).end(answer.body);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
    type Server = typeof import("../emulator/server.js");
    const { startEmulator } = spec.compiled
      ? await compiled<Server>("emulator/server.js")
      : await import("../emulator/server.js");
    const emulator = await startEmulator({
      clockControl: spec.clockControl ?? false,
      ...(spec.mutant ? { mutant: spec.mutant } : {}),
    });
    parentPort!.postMessage(emulator.url);
    return;
  }
  if (spec.kind === "recorder") return parentPort!.postMessage(await recorder(spec.upstream!));
  parentPort!.postMessage(await listenBare(spec.answers ?? {}));
}

if (parentPort) await main(workerData as ServerSpec);
