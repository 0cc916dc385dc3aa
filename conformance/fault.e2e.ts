import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/server.js";
import { emulatorTarget } from "./target.js";
import { runSuite } from "./run.js";
import { parseReplay } from "./sequences.js";

/**
 * A proxy in front of the emulator that injects one realistic fault: Abort on a Locked vault answers
 * 400 InvalidParameterValueException instead of 403 AccessDeniedException.
 */
function faultyProxy(upstream: string): Promise<Server> {
  const target = new URL(upstream);
  const server = createServer((req, res) => {
    const forward = request(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (c: Buffer) => chunks.push(c));
        answer.on("end", () => {
          let body = Buffer.concat(chunks).toString();
          let status = answer.statusCode ?? 500;
          const ownAccount = req.url?.startsWith("/-/");
          if (
            ownAccount &&
            req.method === "DELETE" &&
            req.url?.endsWith("/lock-policy") &&
            body.includes("AccessDeniedException")
          ) {
            status = 400;
            body = body.replace("AccessDeniedException", "InvalidParameterValueException");
          }
          const { "transfer-encoding": _, ...headers } = answer.headers;
          res.writeHead(status, { ...headers, "content-length": Buffer.byteLength(body) }).end(body);
        });
      },
    );
    req.pipe(forward);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe("a fault injected into an endpoint", () => {
  let emulator: Emulator;
  let proxy: Server;
  beforeAll(async () => {
    emulator = await startEmulator({ clockControl: true });
    proxy = await faultyProxy(emulator.url);
  });
  afterAll(async () => {
    proxy.close();
    await emulator.close();
  });

  it("fails the deterministic path with the broken requirement", async () => {
    const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const report = await runSuite({
      target: emulatorTarget(url, emulator.accounts),
      seed: 1,
      runs: 1,
      generators: ["path"],
    });
    const failed = report.results.filter((r) => r.verdict === "fail");
    expect(failed.map((r) => r.id)).toEqual(["path:locked.ABORT"]);
    expect(failed[0]!.requirements).toContain("ABORT-LOCKED-DENIED");
    expect(report.unexpected).toBe(1);
  });

  it("shrinks a generated failure to the minimal sequence, and replays it from seed and path", async () => {
    const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const target = emulatorTarget(url, emulator.accounts);
    const report = await runSuite({ target, seed: 42, runs: 200, generators: ["sequence"] });
    const [result] = report.results;
    expect(result!.verdict).toBe("fail");
    expect(result!.requirements).toContain("ABORT-LOCKED-DENIED");
    expect(result!.counterexample!.map((step) => step.replace(/\bv\d\b/, "v"))).toEqual([
      "CreateVault(v)",
      "InitiateVaultLock(v, valid policy)",
      "CompleteVaultLock(v, current id)",
      "AbortVaultLock(v)",
    ]);
    const replay = await runSuite({ target, seed: 0, runs: 1, replay: parseReplay(`${result!.seed}:${result!.path}`) });
    expect(replay.results[0]!.verdict).toBe("fail");
    expect(replay.results[0]!.counterexample).toEqual(result!.counterexample);
  });
});
