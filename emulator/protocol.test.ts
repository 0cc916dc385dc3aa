import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { examplePolicy } from "../model/index.js";
import { startEmulator, type Emulator } from "./server.js";
import { rawRequest, type RawResponse } from "./testing.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ maxBodyBytes: 64 * 1024 });
});
afterAll(() => emulator.close());

const me = () => emulator.accounts[0]!;

function expectAwsError(response: RawResponse, status: number, code: string): void {
  expect({ status: response.status, code: response.json?.code }).toEqual({ status, code });
  expect(response.headers.get("content-type")).toBe("application/json");
  expect(typeof response.json?.message).toBe("string");
  expect(["Client", "Server"]).toContain(response.json?.type);
  expect(response.headers.get("x-amzn-requestid")).toBeTruthy();
  expect(response.headers.get("date")).toMatch(/GMT$/);
}

describe("authentication (PROTO-*)", () => {
  it("no Authorization → 400 MissingAuthenticationTokenException", async () => {
    expectAwsError(
      await rawRequest(emulator.url, { method: "GET", path: "/-/vaults" }),
      400,
      "MissingAuthenticationTokenException",
    );
  });

  it("unknown access key → 400 UnrecognizedClientException", async () => {
    const stranger = { ...me(), accessKeyId: "AKIDNOBODY" };
    expectAwsError(
      await rawRequest(emulator.url, { method: "GET", path: "/-/vaults", account: stranger }),
      400,
      "UnrecognizedClientException",
    );
  });

  it("wrong secret → 403 InvalidSignatureException", async () => {
    const wrong = { ...me(), secretAccessKey: "not-the-secret" };
    expectAwsError(
      await rawRequest(emulator.url, { method: "GET", path: "/-/vaults", account: wrong }),
      403,
      "InvalidSignatureException",
    );
  });

  it("a request changed after signing → 403 InvalidSignatureException and no vault", async () => {
    const signed = await rawRequest(emulator.url, {
      method: "PUT",
      path: "/-/vaults/tampered",
      account: me(),
      headers: { "x-amz-glacier-version": "2012-06-01" },
    });
    expect(signed.status).toBe(201);
    const body = JSON.stringify({ Policy: examplePolicy("valid") });
    const tampered = await rawRequest(emulator.url, {
      method: "POST",
      path: "/-/vaults/tampered/lock-policy",
      account: me(),
      body,
      headers: { "x-amz-content-sha256": "0".repeat(64) },
    });
    expectAwsError(tampered, 403, "InvalidSignatureException");
    const get = await rawRequest(emulator.url, {
      method: "GET",
      path: "/-/vaults/tampered/lock-policy",
      account: me(),
    });
    expect(get.status).toBe(404);
  });

  it.each([
    ["6 minutes late", -6],
    ["6 minutes early", 6],
  ])("a request signed %s → 403 InvalidSignatureException", async (_, minutes) => {
    const signingDate = new Date(Date.now() + minutes * 60_000);
    expectAwsError(
      await rawRequest(emulator.url, { method: "GET", path: "/-/vaults", account: me(), signingDate }),
      403,
      "InvalidSignatureException",
    );
  });

  it("4 minutes of skew is accepted", async () => {
    const signingDate = new Date(Date.now() - 4 * 60_000);
    expect(
      (await rawRequest(emulator.url, { method: "GET", path: "/-/vaults", account: me(), signingDate })).status,
    ).toBe(200);
  });

  it("a malformed Authorization header → 400 IncompleteSignatureException", async () => {
    const response = await rawRequest(emulator.url, {
      method: "GET",
      path: "/-/vaults",
      headers: { authorization: "AWS4-HMAC-SHA256 nonsense" },
    });
    expectAwsError(response, 400, "IncompleteSignatureException");
  });
});

describe("API version header", () => {
  it("missing → 400 MissingParameterValueException", async () => {
    const response = await rawRequest(emulator.url, {
      method: "GET",
      path: "/-/vaults",
      account: me(),
      headers: { "x-amz-glacier-version": null },
    });
    expectAwsError(response, 400, "MissingParameterValueException");
  });

  it("another value → 400 InvalidParameterValueException", async () => {
    const response = await rawRequest(emulator.url, {
      method: "GET",
      path: "/-/vaults",
      account: me(),
      headers: { "x-amz-glacier-version": "2013-01-01" },
    });
    expectAwsError(response, 400, "InvalidParameterValueException");
  });
});

describe("bad input never crashes and never changes state", () => {
  it.each([
    ["PUT on lock-policy (the documentation's example)", "PUT", "/-/vaults/v/lock-policy"],
    ["an unknown path", "GET", "/-/buckets"],
    ["a path traversal", "GET", "/-/vaults/../../etc/passwd"],
    ["PATCH on a vault", "PATCH", "/-/vaults/v"],
    ["an empty lock id", "POST", "/-/vaults/v/lock-policy/"],
  ])("%s → JSON 404 UnknownOperationException", async (_, method, path) => {
    expectAwsError(await rawRequest(emulator.url, { method, path, account: me() }), 404, "UnknownOperationException");
  });

  it.each([
    ["not JSON", "{", "SerializationException"],
    ["a JSON array", "[]", "SerializationException"],
    ["a number Policy", '{"Policy":42}', "SerializationException"],
    ["a deeply nested policy", JSON.stringify({ Policy: "[".repeat(5000) }), "InvalidParameterValueException"],
  ])("Initiate with %s → 400 %s and no lock", async (_, body, code) => {
    await rawRequest(emulator.url, { method: "PUT", path: "/-/vaults/bodies", account: me() });
    expectAwsError(
      await rawRequest(emulator.url, { method: "POST", path: "/-/vaults/bodies/lock-policy", account: me(), body }),
      400,
      code,
    );
    expect(
      (await rawRequest(emulator.url, { method: "GET", path: "/-/vaults/bodies/lock-policy", account: me() })).status,
    ).toBe(404);
  });

  it("a body over the limit → 400 InvalidParameterValueException and no lock", async () => {
    await rawRequest(emulator.url, { method: "PUT", path: "/-/vaults/big", account: me() });
    const body = JSON.stringify({ Policy: "x".repeat(70 * 1024) });
    expectAwsError(
      await rawRequest(emulator.url, { method: "POST", path: "/-/vaults/big/lock-policy", account: me(), body }),
      400,
      "InvalidParameterValueException",
    );
    expect(
      (await rawRequest(emulator.url, { method: "GET", path: "/-/vaults/big/lock-policy", account: me() })).status,
    ).toBe(404);
  });

  it("odd vault names are refused by the model's rules", async () => {
    expectAwsError(
      await rawRequest(emulator.url, { method: "PUT", path: `/-/vaults/${"x".repeat(256)}`, account: me() }),
      400,
      "InvalidParameterValueException",
    );
    expectAwsError(
      await rawRequest(emulator.url, { method: "PUT", path: "/-/vaults/%C3%A9t%C3%A9", account: me() }),
      400,
      "InvalidParameterValueException",
    );
    expectAwsError(
      await rawRequest(emulator.url, { method: "GET", path: "/-/vaults/%E0%A4%A", account: me() }),
      400,
      "InvalidParameterValueException",
    );
  });

  it("headers over 16 KB → a JSON 400 from the HTTP layer, and the server keeps serving", async () => {
    const { hostname, port } = new URL(emulator.url);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        { hostname, port, path: "/-/vaults", headers: { "x-huge": "h".repeat(20_000) } },
        (res) => {
          let body = "";
          res.on("data", (c: Buffer) => (body += c.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ code: "BadRequest", type: "Client" });
    expect((await rawRequest(emulator.url, { method: "GET", path: "/-/vaults", account: me() })).status).toBe(200);
  });
});
