/** Helpers for the conformance project's tests and the bench: moto, free ports, and a recording proxy. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import {
  createServer as createHttpServer,
  request,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { createServer } from "node:net";

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** True when `moto_server` is on PATH. */
export function hasMotoServer(): boolean {
  return spawnSync("moto_server", ["--help"], { stdio: "ignore" }).status === 0;
}

/** Starts moto_server on a free loopback port and waits until it answers. */
export async function startMoto(): Promise<{ url: string; process: ChildProcess; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (
      await fetch(url).then(
        () => true,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { url, process: child, stop };
}

/** One request through `proxy` and the answer it got (after any rewrite). */
export interface Exchange {
  method: string;
  url: string;
  requestHeaders: IncomingHttpHeaders;
  status: number;
  /** The request body as UTF-8 text (forwarded byte for byte). */
  requestBody: string;
  /** The answer's headers as forwarded (hop-by-hop ones dropped). */
  headers: Record<string, string>;
  body: string;
}

/** Answers a request itself instead of forwarding it, when it returns an answer. */
export type Intercept = (method: string, url: string) => { status: number; body: string } | undefined;

function readBytes(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

function forward(upstream: URL, req: IncomingMessage, body: Buffer): Promise<IncomingMessage> {
  const { hostname, port } = upstream;
  return new Promise((resolve, reject) =>
    request({ hostname, port, method: req.method, path: req.url, headers: req.headers }, resolve)
      .on("error", reject)
      .end(body),
  );
}

/**
 * A loopback HTTP proxy to `upstream` that hands every answer to `rewrite` (which may change status and
 * body, e.g. to inject a fault; status 0 resets the connection instead of answering) and records the
 * exchanges, request headers and bodies included.
 */
export async function proxy(
  upstream: string,
  rewrite: (exchange: Exchange) => Exchange = (e) => e,
  intercept: Intercept = () => undefined,
): Promise<{ url: string; exchanges: Exchange[]; close: () => Promise<void> }> {
  const target = new URL(upstream);
  const exchanges: Exchange[] = [];
  const answer = (res: ServerResponse, exchange: Exchange) => {
    exchanges.push(exchange);
    if (exchange.status === 0) return void res.socket?.destroy();
    const length = Buffer.byteLength(exchange.body);
    res.writeHead(exchange.status, { ...exchange.headers, "content-length": length }).end(exchange.body);
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const request = { method: req.method ?? "GET", url: req.url ?? "/", requestHeaders: req.headers };
    const bytes = await readBytes(req);
    const requestBody = bytes.toString();
    const own = intercept(request.method, request.url);
    const ownHeaders = {
      "content-type": "application/json",
      "x-amzn-requestid": `proxy-${exchanges.length}`,
      date: new Date().toUTCString(),
    };
    if (own) return answer(res, { ...request, requestBody, headers: ownHeaders, ...own });
    const reply = await forward(target, req, bytes);
    const body = (await readBytes(reply)).toString();
    const { "transfer-encoding": _, connection: __, ...headers } = reply.headers as Record<string, string>;
    answer(res, rewrite({ ...request, requestBody, status: reply.statusCode ?? 500, headers, body }));
  };
  const server = createHttpServer((req, res) => void handle(req, res).catch(() => res.writeHead(502).end()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
