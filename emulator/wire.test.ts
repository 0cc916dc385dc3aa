import {
  CompleteVaultLockCommand,
  CreateVaultCommand,
  GetVaultLockCommand,
  InitiateVaultLockCommand,
} from "@aws-sdk/client-glacier";
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { examplePolicy } from "../model/index.js";
import { startEmulator, type Emulator } from "./server.js";
import { sdkClient } from "./testing.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

/** The whole answer, as text, to a GET of `path` SigV4-signed by the SDK's signer and written on a raw socket. */
async function rawAnswer(path: string): Promise<string> {
  const { hostname, port } = new URL(emulator.url);
  const { accessKeyId, secretAccessKey } = emulator.accounts[0]!;
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey },
    region: "us-east-1",
    service: "glacier",
    sha256: Hash.bind(null, "sha256"),
  });
  const headers = { host: `${hostname}:${port}`, "x-amz-glacier-version": "2012-06-01" };
  const signed = await signer.sign(new HttpRequest({ method: "GET", hostname, port: Number(port), path, headers }));
  const lines = Object.entries(signed.headers).map(([name, value]) => `${name}: ${value}`);
  const socket = connect(Number(port), hostname);
  socket.end(`GET ${path} HTTP/1.1\r\n${lines.join("\r\n")}\r\nconnection: close\r\n\r\n`);
  let text = "";
  for await (const chunk of socket) text += (chunk as Buffer).toString("latin1");
  return text;
}

const head = (length: number) =>
  new RegExp(
    "^HTTP/1\\.1 200 OK\\r\\nx-amzn-RequestId: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\r\\n" +
      `Date: \\w{3}, \\d\\d \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT\\r\\nContent-Type: application/json\\r\\nContent-Length: ${length}\\r\\n` +
      "Connection: close\\r\\n\\r\\n",
  );

describe("the bytes of an answer (PROTO-REST-JSON, PROTO-DATE-FORMAT)", () => {
  it("GetVaultLock of a Locked vault: the headers in order, then exactly the lock's JSON body, on every request", async () => {
    const glacier = sdkClient(emulator.url, emulator.accounts[0]!);
    const vault = { accountId: "-", vaultName: "wire" };
    const Policy = examplePolicy("valid")!;
    await glacier.send(new CreateVaultCommand(vault));
    const { lockId } = await glacier.send(new InitiateVaultLockCommand({ ...vault, policy: { Policy } }));
    const { CreationDate } = await glacier.send(new GetVaultLockCommand(vault));
    await glacier.send(new CompleteVaultLockCommand({ ...vault, lockId }));
    const body = JSON.stringify({ Policy, State: "Locked", CreationDate });
    for (const answer of [
      await rawAnswer("/-/vaults/wire/lock-policy"),
      await rawAnswer("/-/vaults/wire/lock-policy"),
    ]) {
      expect(answer).toMatch(head(Buffer.byteLength(body)));
      expect(answer.slice(answer.indexOf("\r\n\r\n") + 4)).toBe(body);
    }
  });
});
