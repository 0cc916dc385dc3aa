import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoke } from "../invoke.js";
import { clientFor, type Target } from "../target.js";
import { Interrupted } from "./handler.js";

/** A TCP server answering each connection with `reply(socket)`: anything, malformed HTTP included. */
async function rawServer(reply: (socket: Socket) => void): Promise<{ url: string; server: Server }> {
  const server = createServer((socket) => {
    socket.on("error", () => {});
    socket.once("data", () => reply(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, server };
}

const JSON_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nx-amzn-RequestId: r\r\n";
const BEHAVIOURS: Record<string, (socket: Socket) => void> = {
  stall: () => {},
  stallAfterHeaders: (s) => s.write(`${JSON_HEAD}Content-Length: 50\r\n\r\n{"Vault`),
  reset: (s) => s.resetAndDestroy(),
  closeAfterHeaders: (s) => s.end(`${JSON_HEAD}Content-Length: 50\r\n\r\n`),
  badChunks: (s) => s.end(`${JSON_HEAD}Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`),
  lengthAndChunked: (s) =>
    s.end(`${JSON_HEAD}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`),
  huge: (s) => {
    s.write(`${JSON_HEAD}Content-Length: ${9 * 1024 * 1024}\r\n\r\n`);
    s.end(Buffer.alloc(9 * 1024 * 1024, 32));
  },
  garbage: (s) => s.end(`${JSON_HEAD}Content-Length: 5\r\n\r\n{{{{{`),
};

function target(url: string): Target {
  return {
    name: "raw",
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKID", secretAccessKey: "secret" },
    accountId: "111122223333",
    capabilities: { clockControl: false, realAws: false },
  };
}

describe("the recording handler", () => {
  const servers: Record<string, string> = {};
  const started: Server[] = [];
  beforeAll(async () => {
    for (const [name, reply] of Object.entries(BEHAVIOURS)) {
      const { url, server } = await rawServer(reply);
      servers[name] = url;
      started.push(server);
    }
  });
  afterAll(() => started.forEach((s) => s.close()));

  const list = { name: "ListVaults" as const, accountId: "-" };

  it.each([
    ["stall", /no complete answer within 300 ms/],
    ["stallAfterHeaders", /no complete answer within 300 ms/],
    ["reset", /ECONNRESET|socket hang up/],
    ["closeAfterHeaders", /ended before its body was complete|aborted/],
    ["badChunks", /chunk|Parse Error|aborted/i],
    ["lengthAndChunked", /Content-Length|Parse Error/i],
    ["huge", /answer body over 1048576 bytes/],
  ])("turns %s into a failed answer with the reason, never a throw or a hang", async (name, reason) => {
    const client = clientFor(target(servers[name]!), undefined, { deadlineMs: 300 });
    const observed = await invoke(client, list);
    expect(observed.transport).toMatch(reason);
    expect(observed.exchange?.method).toBe("GET");
    expect(observed.exchange?.path).toBe("/-/vaults");
    client.destroy();
  });

  it("keeps the SDK's failure to read an answer beside the raw bytes", async () => {
    const client = clientFor(target(servers.garbage!), undefined, { deadlineMs: 1_000 });
    const observed = await invoke(client, list);
    expect(observed.status).toBe(200);
    expect(observed.transport).toBeUndefined();
    expect(observed.sdkError).toBeTruthy();
    expect(observed.exchange?.responseBody).toBe("{{{{{");
    client.destroy();
  });

  it("sends nothing once the run is interrupted", async () => {
    let asked = 0;
    const client = clientFor(target(servers.garbage!), undefined, {
      deadlineMs: 1_000,
      interrupted: () => true,
      observe: () => asked++,
    });
    await expect(invoke(client, list)).rejects.toBeInstanceOf(Interrupted);
    expect(asked).toBe(0);
    client.destroy();
  });
});
