/** Helpers for the conformance project's tests: targets for the emulator, moto, and free ports. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
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

export interface Exchange {
  method: string;
  url: string;
  status: number;
  body: string;
}

/**
 * A loopback HTTP proxy to `upstream` that hands every answer to `rewrite` (which may change status and
 * body, e.g. to inject a fault) and records the exchanges.
 */
export async function proxy(
  upstream: string,
  rewrite: (exchange: Exchange) => Exchange = (e) => e,
  /** Answers a request itself, without forwarding it, when this returns an answer. */
  intercept: (method: string, url: string) => { status: number; body: string } | undefined = () => undefined,
): Promise<{ url: string; exchanges: Exchange[]; close: () => Promise<void> }> {
  const { createServer, request } = await import("node:http");
  const target = new URL(upstream);
  const exchanges: Exchange[] = [];
  const server = createServer((req, res) => {
    const own = intercept(req.method ?? "GET", req.url ?? "/");
    if (own) {
      exchanges.push({ method: req.method ?? "GET", url: req.url ?? "/", ...own });
      req.resume();
      const headers = { "content-type": "application/json", "content-length": Buffer.byteLength(own.body) };
      return void res.writeHead(own.status, headers).end(own.body);
    }
    const forward = request(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (c: Buffer) => chunks.push(c));
        answer.on("end", () => {
          const exchange = rewrite({
            method: req.method ?? "GET",
            url: req.url ?? "/",
            status: answer.statusCode ?? 500,
            body: Buffer.concat(chunks).toString(),
          });
          exchanges.push(exchange);
          const { "transfer-encoding": _, ...headers } = answer.headers;
          res
            .writeHead(exchange.status, { ...headers, "content-length": Buffer.byteLength(exchange.body) })
            .end(exchange.body);
        });
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
