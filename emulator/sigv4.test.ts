import fc from "fast-check";
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, it } from "vitest";
import { SigV4Signer } from "./sigv4.js";

const text = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom("a b", "é/ü", "%41", "%2F", "*'()!", "~._-", "  x\t y \n"),
);
const segment = fc.oneof(text, fc.constantFrom("", ".", "..", ".a", "..b", "c.", "vaults", "lock-policy", "-"));
const path = fc
  .array(segment, { maxLength: 6 })
  .chain((parts) => fc.constantFrom(`/${parts.join("/")}`, `/${parts.join("/")}/`));
const headerName = fc.oneof(
  fc.stringMatching(/^[a-z0-9-]{1,12}$/),
  fc.constantFrom(
    "host",
    "date",
    "authorization",
    "user-agent",
    "x-amz-date",
    "x-amz-content-sha256",
    "proxy-x",
    "sec-y",
  ),
);
const request = fc.record({
  method: fc.constantFrom("GET", "PUT", "POST", "DELETE"),
  path,
  query: fc.dictionary(text, fc.oneof(text, fc.array(text, { maxLength: 3 })), { maxKeys: 4 }),
  headers: fc.dictionary(headerName, text, { minKeys: 1, maxKeys: 6 }),
  body: fc.uint8Array({ maxLength: 64 }),
});
const credentials = fc.record({
  accessKeyId: fc.constantFrom("AKIDVAULTLOCKEMU0001", "AKID2"),
  secretAccessKey: fc.constantFrom("vault-lock-emulator-secret-0001", "sécret"),
});

async function sdkSignature(
  r: {
    method: string;
    path: string;
    query: Record<string, string | string[]>;
    headers: Record<string, string>;
    body: Uint8Array;
  },
  creds: { accessKeyId: string; secretAccessKey: string },
  region: string,
  signingDate: Date,
): Promise<string> {
  const signer = new SignatureV4({
    credentials: creds,
    region,
    service: "glacier",
    sha256: Hash.bind(null, "sha256"),
    uriEscapePath: true,
    applyChecksum: false,
  });
  const signed = await signer.sign(new HttpRequest({ ...r, headers: { ...r.headers } }), {
    signingDate,
    signableHeaders: new Set(Object.keys(r.headers)),
  });
  return /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))![1]!;
}

describe("the emulator's SigV4 signer", () => {
  it("gives the SDK signer's signature for any request, credentials, region and date", async () => {
    const ours = new SigV4Signer("glacier");
    await fc.assert(
      fc.asyncProperty(
        request,
        credentials,
        fc.constantFrom("us-east-1", "eu-west-1"),
        fc.date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }),
        async (r, creds, region, date) => {
          expect(ours.signature(r, creds, region, date)).toBe(await sdkSignature(r, creds, region, date));
        },
      ),
      { numRuns: 500, seed: 20261122 },
    );
  });
});
