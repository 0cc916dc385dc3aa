/**
 * Generated hostile requests for the emulator: each carries at least one defect that must get it rejected
 * (no or bad auth, a replayed or skewed signature, a wrong API version, an unknown route, a bad vault name or
 * account id, a malformed or oversized body, huge headers, a truncated body). Sent raw over node:http.
 */
import fc from "fast-check";
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { request as httpRequest } from "node:http";
import type { AccountCredentials } from "../emulator/accounts.js";

export type Defect =
  | "unsigned"
  | "wrong-secret"
  | "unknown-key"
  | "skewed"
  | "replayed"
  | "no-version"
  | "bad-version"
  | "unknown-route"
  | "bad-vault"
  | "other-account"
  | "bad-json"
  | "huge-body"
  | "huge-header"
  | "truncated";

export interface Hostile {
  defect: Defect;
  method: string;
  path: string;
  body: string;
  headers: Record<string, string>;
}

const VAULTS = ["fuzz-a", "fuzz-b"];
const weirdSegment = fc.oneof(
  fc.constantFrom(
    "..",
    ".",
    "%2e%2e",
    "%2F",
    "%00",
    "%E0%A4%A",
    "a b",
    "ä",
    "😀",
    "x".repeat(300),
    "vaults",
    "lock-policy",
    "",
  ),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
);
const method = fc.constantFrom("GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS");
const route = fc
  .constantFrom(...VAULTS)
  .chain((v) =>
    fc.constantFrom(
      `/-/vaults/${v}`,
      `/-/vaults/${v}/lock-policy`,
      `/-/vaults/${v}/lock-policy/SOMEID`,
      "/-/vaults",
      `/-/vaults/${v}/archives`,
      `/-/vaults/${v}/archives/SOMEID`,
      `/-/vaults/${v}/tags?operation=add`,
      `/-/vaults/${v}/tags`,
      `/-/vaults/${v}/access-policy`,
    ),
  );
const jsonish = fc.oneof(
  fc.constantFrom(
    "{",
    "[]",
    "null",
    '{"Policy":42}',
    '{"Policy":',
    "\u0000",
    '{"Policy":"' + "[".repeat(3000) + '"}',
    "[".repeat(10_000),
  ),
  fc.string({ maxLength: 200 }),
);

/** Requests that must all be refused, whatever the emulator's state. */
export function hostileRequests(): fc.Arbitrary<Hostile> {
  const base = fc.record({ method, path: route, body: fc.constant("") });
  return fc.oneof(
    base.map((r) => ({ ...r, defect: "unsigned" as const, headers: {} })),
    base.map((r) => ({ ...r, defect: "wrong-secret" as const, headers: {} })),
    base.map((r) => ({ ...r, defect: "unknown-key" as const, headers: {} })),
    base.map((r) => ({ ...r, defect: "skewed" as const, headers: {} })),
    base.map((r) => ({ ...r, defect: "replayed" as const, headers: {} })),
    base.map((r) => ({ ...r, defect: "no-version" as const, headers: {} })),
    base.map((r) => ({ ...r, defect: "bad-version" as const, headers: { "x-amz-glacier-version": "2013-01-01" } })),
    fc
      .record({
        method,
        path: fc.array(weirdSegment, { minLength: 1, maxLength: 5 }).map((s) => `/${s.join("/")}`),
        body: fc.constant(""),
      })
      .map((r) => ({ ...r, defect: "unknown-route" as const, headers: {} })),
    fc
      .record({
        method: fc.constantFrom("GET", "DELETE", "POST"),
        path: weirdSegment.map((s) => `/-/vaults/${s}/lock-policy`),
        body: fc.constant(""),
      })
      .map((r) => ({ ...r, defect: "bad-vault" as const, headers: {} })),
    fc
      .record({
        method: fc.constantFrom("GET", "PUT", "DELETE", "POST"),
        path: fc.constantFrom(...VAULTS).map((v) => `/999988887777/vaults/${v}/lock-policy`),
        body: fc.constant(""),
      })
      .map((r) => ({ ...r, defect: "other-account" as const, headers: {} })),
    fc
      .record({
        method: fc.constantFrom("POST", "PUT"),
        path: fc.constantFrom(...VAULTS),
        body: jsonish,
      })
      .map((r) => ({ ...r, path: `/-/vaults/${r.path}/${r.method === "POST" ? "lock-policy" : "access-policy"}` }))
      .map((r) => ({ ...r, defect: "bad-json" as const, headers: { "content-type": "text/plain" } })),
    fc
      .record({
        method: fc.constant("POST"),
        path: fc.constant(`/-/vaults/${VAULTS[0]}/lock-policy`),
        body: fc.constant("x".repeat(1024 * 1024 + 10)),
      })
      .map((r) => ({ ...r, defect: "huge-body" as const, headers: {} })),
    base.map((r) => ({ ...r, defect: "huge-header" as const, headers: { "x-filler": "h".repeat(20_000) } })),
    fc
      .record({
        method: fc.constant("POST"),
        path: fc.constant(`/-/vaults/${VAULTS[1]}/lock-policy`),
        body: fc.constant('{"Policy":"{}"}'),
      })
      .map((r) => ({ ...r, defect: "truncated" as const, headers: {} })),
  );
}

/** The vaults the generated requests aim at. */
export const FUZZ_VAULTS = VAULTS;

const sha256 = Hash.bind(null, "sha256");

async function sign(
  url: URL,
  hostile: Hostile,
  account: AccountCredentials,
  date: Date,
): Promise<Record<string, string>> {
  const [path, query = ""] = hostile.path.split("?");
  const signer = new SignatureV4({ credentials: account, region: "us-east-1", service: "glacier", sha256 });
  const headers: Record<string, string> = { host: url.host, ...hostile.headers };
  if (hostile.defect !== "no-version" && !headers["x-amz-glacier-version"])
    headers["x-amz-glacier-version"] = "2012-06-01";
  const request = new HttpRequest({
    method: hostile.method,
    path: path!,
    query: Object.fromEntries(new URLSearchParams(query)),
    headers,
    body: hostile.body,
  });
  return (await signer.sign(request, { signingDate: date })).headers as Record<string, string>;
}

const REPLAYED: Record<string, Record<string, string>> = {};

/** The headers a hostile request is sent with: signed (or mis-signed) as its defect says. */
export async function headersFor(
  url: URL,
  hostile: Hostile,
  account: AccountCredentials,
): Promise<Record<string, string>> {
  switch (hostile.defect) {
    case "unsigned":
      return { "x-amz-glacier-version": "2012-06-01", ...hostile.headers };
    case "wrong-secret":
      return sign(url, hostile, { ...account, secretAccessKey: "wrong" }, new Date());
    case "unknown-key":
      return sign(url, hostile, { ...account, accessKeyId: "AKIDFUZZUNKNOWN" }, new Date());
    case "skewed":
      return sign(url, hostile, account, new Date(Date.now() - 20 * 60_000));
    case "replayed": {
      const key = `${hostile.method} ${hostile.path}`;
      REPLAYED[key] ??= await sign(url, hostile, account, new Date(Date.now() - 6 * 60_000));
      return REPLAYED[key]!;
    }
    default:
      return sign(url, hostile, account, new Date());
  }
}

export interface Answer {
  status: number;
  body: string;
  contentType: string | undefined;
}

/** Sends one request raw; `truncated` declares a longer body than it sends and closes its side. */
export function send(url: URL, hostile: Hostile, headers: Record<string, string>, timeoutMs = 5000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const { host: _, ...rest } = headers;
    const length = Buffer.byteLength(hostile.body) + (hostile.defect === "truncated" ? 100 : 0);
    const path = hostile.path.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
    const req = httpRequest(
      {
        hostname: url.hostname,
        port: url.port,
        method: hostile.method,
        path,
        headers: { ...rest, "content-length": String(length) },
        timeout: timeoutMs,
      },
      (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, contentType: res.headers["content-type"] }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("no answer in time")));
    req.on("error", reject);
    if (hostile.defect === "truncated") {
      req.write(hostile.body);
      setTimeout(() => req.destroy(), 50);
      resolve({ status: 0, body: "", contentType: undefined });
    } else req.end(hostile.body);
  });
}
