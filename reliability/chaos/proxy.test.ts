import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isRequirementId } from "../../model/requirements/index.js";
import { BIG_BODY_BYTES } from "./bodies.js";
import { keptAlive, nodeClientError, rawGet, type Raw } from "./clients-testing.js";
import { DELAY_MS, FAULT_KINDS, FAULTS } from "./faults.js";
import { startChaosProxy, type ChaosProxyOptions } from "./proxy.js";

const BODY = { VaultList: [{ VaultName: "v" }], State: "InProgress", Policy: "{}" };

/** An upstream with every header the faults drop; `?status=N` picks the status, the clock route answers like the emulator's. */
function stubUpstream(): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stub");
    if (url.pathname === "/__emulator/clock") {
      const text = JSON.stringify({ now: "2026-11-23T10:00:00.000Z", offsetMs: 1000 });
      const headers = { "Content-Type": "application/json", "Content-Length": text.length, "x-amzn-RequestId": "c-1" };
      return res.writeHead(200, headers).end(text);
    }
    const status = Number(url.searchParams.get("status") ?? 200);
    const headers = { "x-amzn-RequestId": "req-1", "x-amz-lock-id": "lock-1", Location: "/-/vaults/v" };
    if (status === 204) return res.writeHead(204, headers).end();
    const text = JSON.stringify(BODY);
    res.writeHead(status, { ...headers, "Content-Type": "application/json", "Content-Length": text.length }).end(text);
  });
}

let upstream: Server;
let upstreamUrl: string;
beforeAll(async () => {
  upstream = stubUpstream();
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

async function through<T>(options: Partial<ChaosProxyOptions>, use: (url: string) => Promise<T>) {
  const proxy = await startChaosProxy({ upstream: upstreamUrl, seed: 1, rate: 1, scope: "both", ...options });
  try {
    const result = await use(proxy.url);
    return { result, injected: proxy.injected };
  } finally {
    await proxy.close();
  }
}

const AWS = "/-/vaults/v";
const CLOCK = "/__emulator/clock";
const bodyJson = (raw: Raw) => JSON.parse(raw.body.toString("utf8")) as Record<string, unknown>;
const dropped = (name: string) => async (url: string) => {
  const raw = await rawGet(url, AWS);
  expect(raw.headers[name]).toBeUndefined();
  expect(raw.headers["x-amzn-requestid"] ?? raw.headers.date).toBeDefined();
  expect(bodyJson(raw)).toEqual(BODY);
};
const status = (path: string, expected: number) => async (url: string) =>
  expect((await rawGet(url, path)).status).toBe(expected);
const headBeforeNothing = (closed: boolean) => async (url: string) => {
  const raw = await rawGet(url, AWS);
  expect(raw.head).toMatch(/^HTTP\/1\.1 200 /);
  expect(Number(raw.headers["content-length"]![0])).toBeGreaterThan(0);
  expect(raw.body.length).toBe(0);
  expect(raw.closed).toBe(closed);
};

/** What a raw client sees for each kind, with that kind injected into every answer it applies to. */
const WIRE: Record<string, (url: string) => Promise<unknown>> = {
  "drop-x-amzn-requestid": dropped("x-amzn-requestid"),
  "drop-date": dropped("date"),
  "drop-content-type": dropped("content-type"),
  "drop-x-amz-lock-id": dropped("x-amz-lock-id"),
  "drop-location": dropped("location"),
  "status-403-400": async (url) => {
    await status(`${AWS}?status=403`, 400)(url);
    await status(`${AWS}?status=400`, 403)(url);
  },
  "status-2xx-500": status(AWS, 500),
  "status-201-200": status(`${AWS}?status=201`, 200),
  "garbage-body": async (url) => {
    const raw = await rawGet(url, AWS);
    expect(raw.body[0]).toBe(0xff);
    expect(raw.body.length).toBe(Number(raw.headers["content-length"]![0]));
    expect(() => bodyJson(raw)).toThrow();
  },
  "html-body": async (url) => {
    const raw = await rawGet(url, AWS);
    expect(raw.headers["content-type"]).toEqual(["text/html; charset=utf-8"]);
    expect(raw.body.toString()).toMatch(/^<!DOCTYPE html>/);
  },
  "empty-body": async (url) => {
    const raw = await rawGet(url, AWS);
    expect([raw.status, raw.headers["content-length"], raw.body.length]).toEqual([200, ["0"], 0]);
  },
  "truncated-body": async (url) => {
    const raw = await rawGet(url, AWS);
    expect(raw.closed).toBe(true);
    expect(raw.body.length).toBeGreaterThan(0);
    expect(raw.body.length).toBeLessThan(Number(raw.headers["content-length"]![0]));
  },
  "wrong-types": async (url) => {
    const body = bodyJson(await rawGet(url, AWS));
    expect(Array.isArray(body.VaultList)).toBe(false);
    expect([typeof body.State, typeof body.Policy]).not.toContain("string");
  },
  "duplicate-members": async (url) => {
    const raw = await rawGet(url, AWS);
    expect(raw.body.toString().match(/"State":/g)).toHaveLength(2);
    expect(bodyJson(raw).State).toBe("InProgress-duplicate");
  },
  "big-body": async (url) => {
    const raw = await rawGet(url, AWS, 5_000);
    expect(raw.body.length).toBeGreaterThan(BIG_BODY_BYTES);
    expect(bodyJson(raw).State).toBe("InProgress");
  },
  delay: async (url) => {
    const raw = await rawGet(url, AWS, 2_000);
    expect(raw.ms).toBeGreaterThanOrEqual(DELAY_MS - 5);
    expect(bodyJson(raw)).toEqual(BODY);
  },
  stall: async (url) => {
    const raw = await rawGet(url, AWS);
    expect([raw.bytes.length, raw.closed]).toEqual([0, false]);
  },
  "stall-after-headers": headBeforeNothing(false),
  reset: async (url) => {
    const raw = await rawGet(url, AWS);
    expect([raw.error, raw.bytes.length]).toEqual(["ECONNRESET", 0]);
  },
  "close-after-headers": headBeforeNothing(true),
  "bad-chunking": async (url) => {
    expect((await rawGet(url, AWS)).headers["transfer-encoding"]).toEqual(["chunked"]);
    expect(await nodeClientError(url, AWS)).toMatch(/Invalid character in chunk size/);
  },
  "length-and-chunked": async (url) => {
    const raw = await rawGet(url, AWS);
    expect([raw.headers["transfer-encoding"], raw.headers["content-length"]?.length]).toEqual([["chunked"], 1]);
    expect(await nodeClientError(url, AWS)).toMatch(/Content-Length can't be present with Transfer-Encoding/);
  },
  "answer-twice": async (url) => {
    const { answers, connections } = await keptAlive(url, [`${AWS}?i=1`, `${AWS}?i=2`, `${AWS}?i=3`]);
    expect(answers).toEqual([
      { status: 200, body: BODY },
      { status: 500, body: { code: "InternalFailure", message: expect.any(String), type: "Server" } },
      { status: 200, body: BODY },
    ]);
    expect(connections).toBe(2);
  },
  "clock-garbage": async (url) => expect((await rawGet(url, CLOCK)).body[0]).toBe(0xff),
  "clock-null": async (url) => expect((await rawGet(url, CLOCK)).body.toString()).toBe("null"),
  "clock-non-iso": async (url) =>
    expect(bodyJson(await rawGet(url, CLOCK))).toEqual({ now: "Mon, 23 Nov 2026 10:00:00 GMT", offsetMs: "PT1S" }),
  "clock-500": async (url) => {
    const raw = await rawGet(url, CLOCK);
    expect([raw.status, bodyJson(raw).code]).toEqual([500, "InternalFailure"]);
  },
};

describe("the chaos proxy", () => {
  it("has a wire check for every fault kind, and names only catalogued requirements", () => {
    expect(Object.keys(WIRE).sort()).toEqual([...FAULT_KINDS].sort());
    const named = FAULTS.flatMap((f) => (typeof f.breaks === "object" ? f.breaks : []));
    expect(named.filter((id) => !isRequirementId(id))).toEqual([]);
  });

  it.each(FAULT_KINDS)("%s: gives its wire behaviour to a raw client", async (kind) => {
    const { injected } = await through({ kinds: [kind] }, WIRE[kind]!);
    expect(injected.length).toBeGreaterThan(0);
    expect(injected.every((i) => i.kind === kind)).toBe(true);
  });

  it("answer-twice: answers a kept-alive connection's next request with the stray 500, a connection's first never", async () => {
    const { injected } = await through({ kinds: ["answer-twice"] }, WIRE["answer-twice"]!);
    expect(injected.map((i) => i.path)).toEqual([`${AWS}?i=2`]);
  });

  it("forwards an answer it does not alter unchanged, body byte for byte", async () => {
    const direct = await rawGet(upstreamUrl, `${AWS}?status=201`);
    const { result, injected } = await through({ rate: 0 }, (url) => rawGet(url, `${AWS}?status=201`));
    const { date: _, connection: __, "keep-alive": ___, ...headers } = result.headers;
    const { date: _d, connection: _c, "keep-alive": _k, ...directHeaders } = direct.headers;
    expect([result.status, headers, result.body.equals(direct.body)]).toEqual([201, directHeaders, true]);
    expect(injected).toEqual([]);
  });

  it("alters only answers in its scope and on the routes of the kind", async () => {
    const clockOnly = await through({ kinds: ["status-2xx-500"], scope: "clock" }, async (url) => [
      (await rawGet(url, AWS)).status,
      (await rawGet(url, CLOCK)).status,
    ]);
    expect(clockOnly.result).toEqual([200, 500]);
    const awsScope = await through({ kinds: ["clock-null"], scope: "aws" }, (url) => rawGet(url, CLOCK));
    expect([bodyJson(awsScope.result).offsetMs, awsScope.injected]).toEqual([1000, []]);
  });

  it("injects a kind at most its limit of times", async () => {
    const { result } = await through({ kinds: ["stall"] }, async (url) => [
      (await rawGet(url, AWS)).bytes.length,
      (await rawGet(url, AWS)).status,
    ]);
    expect(result).toEqual([0, 200]);
  });

  it("injects the same faults in the same order for the same seed, others for another", async () => {
    const kinds = ["drop-date", "drop-location", "status-201-200", "empty-body", "wrong-types"];
    const paths = Array.from({ length: 40 }, (_, i) => `${AWS}?status=${[200, 201, 204, 400][i % 4]}&i=${i}`);
    const sequence = async (seed: number) =>
      (
        await through({ kinds, seed, rate: 0.5 }, async (url) => {
          for (const path of paths) await rawGet(url, path);
        })
      ).injected;
    const [first, again, other] = [await sequence(7), await sequence(7), await sequence(8)];
    expect(first.length).toBeGreaterThan(5);
    expect(first.length).toBeLessThan(paths.length);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });
});
