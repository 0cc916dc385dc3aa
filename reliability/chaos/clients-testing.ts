/** Clients for the chaos proxy's tests: a bare TCP one that keeps every byte, and node:http ones. */
import { Agent, get } from "node:http";
import { connect } from "node:net";

export interface Raw {
  status: number;
  headers: Record<string, string[]>;
  head: string;
  body: Buffer;
  bytes: Buffer;
  closed: boolean;
  error?: string;
  ms: number;
}

/** One request over a bare TCP socket: every byte the proxy sent, whether it closed within `waitMs`, any socket error. */
export function rawGet(url: string, path: string, waitMs = 600): Promise<Raw> {
  const { hostname, port } = new URL(url);
  const started = Date.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let error: string | undefined;
    const socket = connect(Number(port), hostname, () =>
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`),
    );
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      const bytes = Buffer.concat(chunks);
      const split = bytes.indexOf("\r\n\r\n");
      const head = split < 0 ? bytes.toString("latin1") : bytes.subarray(0, split).toString("latin1");
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers: Record<string, string[]> = {};
      for (const line of lines) {
        const [name = "", ...value] = line.split(":");
        (headers[name.toLowerCase()] ??= []).push(value.join(":").trim());
      }
      const body = split < 0 ? Buffer.alloc(0) : bytes.subarray(split + 4);
      const status = Number(statusLine.split(" ")[1] ?? 0);
      resolve({ status, headers, head, body, bytes, closed, ...(error ? { error } : {}), ms: Date.now() - started });
    };
    const timer = setTimeout(() => done(false), waitMs);
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    socket.on("close", () => done(true));
  });
}

/** The error node:http's client gives for the answer, or undefined when it parsed one. */
export function nodeClientError(url: string, path: string): Promise<string | undefined> {
  return new Promise((resolve) =>
    get(`${url}${path}`, { agent: false }, (res) => {
      res.on("data", () => undefined);
      res.on("end", () => resolve(undefined));
      res.on("error", (e) => resolve(e.message));
    }).on("error", (e) => resolve(e.message)),
  );
}

/**
 * Requests in turn through a node:http keep-alive agent of one connection at a time: each one's status and
 * JSON body (or its error), and how many connections they took.
 */
export async function keptAlive(url: string, paths: string[]) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Set<unknown>();
  const answers: ({ status: number; body: unknown } | { error: string })[] = [];
  for (const path of paths)
    answers.push(
      await new Promise((resolve) =>
        get(`${url}${path}`, { agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) }),
          );
          res.on("error", (e) => resolve({ error: e.message }));
        })
          .on("socket", (socket) => sockets.add(socket))
          .on("error", (e) => resolve({ error: e.message })),
      ),
    );
  agent.destroy();
  return { answers, connections: sockets.size };
}
