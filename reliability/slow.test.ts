import { connect } from "node:net";
import { ListVaultsCommand } from "@aws-sdk/client-glacier";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/server.js";
import { sdkClient } from "../emulator/testing.js";

describe("slow clients", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ requestTimeoutMs: 1000 });
  });
  afterAll(() => emulator.close());

  it(
    "get a JSON 408 RequestTimeoutException, while everyone else is served meanwhile",
    { timeout: 20_000 },
    async () => {
      const { hostname, port } = new URL(emulator.url);
      const socket = connect(Number(port), hostname);
      let answer = "";
      socket.on("data", (c: Buffer) => (answer += c.toString()));
      const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
      const dribble = setInterval(() => socket.writable && socket.write("x"), 100);
      socket.write("GET /-/vaults HTTP/1.1\r\nHost: x\r\nX-Slow: ");
      const others = await sdkClient(emulator.url, emulator.accounts[0]!).send(
        new ListVaultsCommand({ accountId: "-" }),
      );
      expect(others.$metadata.httpStatusCode).toBe(200);
      await closed;
      clearInterval(dribble);
      expect(answer).toMatch(/^HTTP\/1.1 408/);
      expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4))).toMatchObject({
        code: "RequestTimeoutException",
        type: "Client",
      });
    },
  );
});
