/**
 * A fast HTTP/1.1 client for measuring servers near their limit: the same pre-signed request bytes (signed once by
 * the SDK's own signer, valid for the server's 5 minutes of allowed skew) written over N kept-alive sockets, each
 * with one request in flight, the answer read just far enough to know it is complete.
 */
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { connect, type Socket } from "node:net";
import type { AccountCredentials } from "../emulator/accounts.js";

/** The whole request, as bytes: GET `path` on `url`, SigV4-signed as `account` by the SDK's signer. */
export async function presigned(url: string, account: AccountCredentials, path: string): Promise<Buffer> {
  const { hostname, port } = new URL(url);
  const host = `${hostname}:${port}`;
  const request = new HttpRequest({
    method: "GET",
    hostname,
    port: Number(port),
    path,
    headers: { host, "x-amz-glacier-version": "2012-06-01" },
  });
  const signer = new SignatureV4({
    credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey },
    region: "us-east-1",
    service: "glacier",
    sha256: Hash.bind(null, "sha256"),
  });
  const signed = await signer.sign(request);
  const lines = Object.entries(signed.headers).map(([name, value]) => `${name}: ${value}`);
  return Buffer.from(`GET ${path} HTTP/1.1\r\n${lines.join("\r\n")}\r\n\r\n`, "latin1");
}

/** The status and body of one answer, read with the same client. */
export async function answerTo(
  url: string,
  request: Buffer,
): Promise<{ status: number; body: string; headers: string }> {
  const { port } = new URL(url);
  const socket = connect(Number(port), "127.0.0.1");
  try {
    const text = await new Promise<string>((resolve, reject) => {
      let seen: Buffer = Buffer.alloc(0);
      socket.on("error", reject);
      socket.on("data", (chunk: Buffer) => {
        seen = Buffer.concat([seen, chunk]);
        if (complete(seen) > 0) resolve(seen.toString("latin1"));
      });
      socket.write(request);
    });
    const [head = "", body = ""] = text.split("\r\n\r\n");
    return { status: Number(head.split(" ")[1]), body, headers: head };
  } finally {
    socket.destroy();
  }
}

const CONTENT_LENGTH = /\r\ncontent-length: *(\d+)/i;

/** Length of the first complete answer in `data`, or 0 while it is incomplete. */
function complete(data: Buffer): number {
  const end = data.indexOf("\r\n\r\n");
  if (end < 0) return 0;
  const length = Number(CONTENT_LENGTH.exec(data.toString("latin1", 0, end))?.[1] ?? 0);
  return data.length >= end + 4 + length ? end + 4 + length : 0;
}

/** One socket sending `request` again as soon as each answer is complete, until `until`; resolves its count. */
function lane(port: number, request: Buffer, until: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, "127.0.0.1");
    socket.setNoDelay(true);
    let pending: Buffer = Buffer.alloc(0);
    let answers = 0;
    socket.on("error", reject);
    socket.on("data", (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (let size = complete(pending); size > 0; size = complete(pending)) {
        pending = pending.subarray(size);
        answers++;
        if (performance.now() < until) socket.write(request);
        else {
          socket.destroy();
          resolve(answers);
        }
      }
    });
    socket.once("connect", () => socket.write(request));
  });
}

/**
 * Answers per second with `inFlight` sockets each keeping one request in flight, over `ms` after a short warm-up;
 * `started` is called as the timed window opens.
 */
export async function rawThroughput(
  url: string,
  request: Buffer,
  inFlight: number,
  ms: number,
  started: () => void = () => {},
): Promise<number> {
  const port = Number(new URL(url).port);
  await Promise.all(
    Array.from({ length: inFlight }, () => lane(port, request, performance.now() + Math.min(200, ms / 5))),
  );
  started();
  const start = performance.now();
  const counts = await Promise.all(Array.from({ length: inFlight }, () => lane(port, request, start + ms)));
  return counts.reduce((a, b) => a + b, 0) / ((performance.now() - start) / 1000);
}
