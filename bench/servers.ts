/**
 * Servers for benchmarks, run in a worker thread so client and server do not share an event loop:
 * `emulator` is the reference emulator; `bare` is plain node:http answering every request with the
 * canned body of GetVaultLock on a Locked vault (no auth, no model).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parentPort, workerData } from "node:worker_threads";
import { startEmulator } from "../emulator/server.js";

const CANNED = JSON.stringify({ Policy: "{}", State: "Locked", CreationDate: "2026-01-01T00:00:00.000Z" });

async function main(kind: "emulator" | "bare"): Promise<void> {
  if (kind === "emulator") {
    const emulator = await startEmulator();
    parentPort!.postMessage(emulator.url);
    return;
  }
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const headers = {
        "Content-Type": "application/json",
        "Content-Length": Buffer.byteLength(CANNED),
        "x-amzn-RequestId": "bare",
      };
      res.writeHead(200, headers).end(CANNED);
    });
  });
  server.keepAliveTimeout = 5_000;
  server.listen(0, "127.0.0.1", () =>
    parentPort!.postMessage(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
  );
}

await main(workerData as "emulator" | "bare");
