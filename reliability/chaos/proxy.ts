/**
 * `startChaosProxy(options)`: a loopback HTTP proxy that forwards every request to `upstream` and, on a seeded
 * share of the answers, gives one of the fault table's broken answers instead (`faults.ts`): altered headers,
 * statuses or bodies, or malformed HTTP written straight to the socket. Without a fault the upstream answer
 * is forwarded unchanged, its body byte for byte. The same seed over the same exchanges, on the same
 * connections, injects the same faults in the same order (PRNG: pure-rand's xoroshiro128+, fast-check's).
 */
import { createServer, request, Agent, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { buffer } from "node:stream/consumers";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { CONTROL_PREFIX } from "../../emulator/control.js";
import { FAULT_KINDS, faultOf, type Connection, type Fault, type Route } from "./faults.js";
import { headerPairs, type Action, type Answer } from "./wire.js";

export interface ChaosProxyOptions {
  upstream: string;
  seed: number;
  /** The fault kinds to draw from (default: all of `FAULT_KINDS`). */
  kinds?: readonly string[];
  /**
   * Probability that an answer one of the kinds can alter is given a fault instead, 0–1; one for both routes or
   * one per route (a suite run sends a hundred times fewer clock-control requests than AWS ones).
   */
  rate: number | Record<Route, number>;
  /** Which answers may be altered: the AWS routes, the `/__emulator/clock` control route, or both. */
  scope: Route | "both";
}

/** One injected fault: its kind and the request whose answer it replaced. */
export interface Injection {
  kind: string;
  method: string;
  path: string;
}

export interface ChaosProxy {
  url: string;
  /** Every fault injected so far, in order. */
  injected: Injection[];
  close(): Promise<void>;
}

/** Picks the fault for each answer: seeded, honouring the scope, each fault's routes, `applies` and `limit`. */
function faultPicker(options: ChaosProxyOptions, random: () => number) {
  const faults = (options.kinds ?? FAULT_KINDS).map(faultOf);
  const counts = new Map<string, number>();
  return (route: Route, answer: Answer, connection: Connection): Fault | undefined => {
    if (options.scope !== "both" && options.scope !== route) return undefined;
    const candidates = faults.filter(
      (f) =>
        (f.routes === "any" || f.routes === route) &&
        (f.applies?.(answer, connection) ?? true) &&
        (counts.get(f.kind) ?? 0) < (f.limit ?? Infinity),
    );
    const rate = typeof options.rate === "number" ? options.rate : options.rate[route];
    if (candidates.length === 0 || random() >= rate) return undefined;
    const fault = candidates[Math.floor(random() * candidates.length)]!;
    counts.set(fault.kind, (counts.get(fault.kind) ?? 0) + 1);
    return fault;
  };
}

function forward(upstream: URL, agent: Agent, req: IncomingMessage, body: Buffer): Promise<Answer> {
  const { hostname, port } = upstream;
  const options = { hostname, port, agent, method: req.method, path: req.url, headers: req.headers };
  return new Promise((resolve, reject) =>
    request(options, (reply) =>
      buffer(reply).then(
        (bytes) => resolve({ status: reply.statusCode ?? 502, headers: headerPairs(reply.rawHeaders), body: bytes }),
        reject,
      ),
    )
      .on("error", reject)
      .end(body),
  );
}

/** A well-formed answer with exactly the given headers (no Date added) and a Content-Length of its body. */
function send(res: ServerResponse, answer: Answer): void {
  res.sendDate = false;
  const noBody = answer.status === 204 || answer.status === 304;
  const length: [string, string][] = noBody ? [] : [["Content-Length", String(answer.body.length)]];
  res.writeHead(answer.status, [...answer.headers, ...length].flat()).end(noBody ? undefined : answer.body);
}

async function perform(action: Action, req: IncomingMessage, res: ServerResponse, held: Set<Socket>): Promise<void> {
  const socket = req.socket;
  if (action.type === "answer") {
    if (action.delayMs) await new Promise((resolve) => setTimeout(resolve, action.delayMs));
    return send(res, action.answer);
  }
  if (socket.destroyed) return;
  if (action.type === "reset") return void socket.resetAndDestroy();
  for (const bytes of action.bytes) socket.write(bytes);
  if (action.after === "close") socket.end();
  else held.add(socket.once("close", () => held.delete(socket)));
}

/** Starts the proxy on a free loopback port. */
export async function startChaosProxy(options: ChaosProxyOptions): Promise<ChaosProxy> {
  const upstream = new URL(options.upstream);
  const rng = xoroshiro128plus(options.seed);
  const random = () => uniformFloat64(rng);
  const pick = faultPicker(options, random);
  const agent = new Agent({ keepAlive: true });
  const injected: Injection[] = [];
  const held = new Set<Socket>();
  const used = new WeakSet<Socket>();
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const connection = { reused: used.has(req.socket) };
    used.add(req.socket);
    const answer = await forward(upstream, agent, req, await buffer(req));
    const path = req.url ?? "/";
    const fault = pick(path.startsWith(CONTROL_PREFIX) ? "clock" : "aws", answer, connection);
    if (!fault) return send(res, answer);
    injected.push({ kind: fault.kind, method: req.method ?? "GET", path });
    await perform(fault.act(answer, random), req, res, held);
  };
  const server = createServer((req, res) =>
    handle(req, res).catch(() => (res.headersSent ? res.destroy() : res.writeHead(502).end())),
  );
  server.on("connection", (socket: Socket) => socket.on("error", () => undefined));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    injected,
    close: () =>
      new Promise((resolve) => {
        for (const socket of held) socket.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
