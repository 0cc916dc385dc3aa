/**
 * SigV4 signatures as `@smithy/signature-v4`'s `SignatureV4.sign()` computes them, without its per-request cost: the
 * canonical request is built by the SDK's own code (`SignatureV4Base.createCanonicalRequest`, `getCanonicalHeaders`:
 * path normalization and double escaping, query and header canonicalization), the hashes and HMACs are taken with
 * node:crypto directly, and the signing key is derived once per (credentials, date, region, service) and kept.
 * `sigv4.test.ts` proves the signatures equal to the SDK signer's on random requests.
 */
import { createHmac, hash } from "node:crypto";
import { Hash } from "@smithy/hash-node";
import { createScope, getCanonicalHeaders, SignatureV4Base } from "@smithy/signature-v4";

export interface SignableRequest {
  method: string;
  /** The path as sent (still percent-encoded); the signer normalizes and escapes it again, like the SDK's. */
  path: string;
  query: Record<string, string | string[]>;
  /** The headers the client signed (lower-case names), with their values as received. */
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

const EMPTY_HASH = hash("sha256", "", "hex");
/** Headers the SDK's signer drops from the request before signing (it sets its own x-amz-date). */
const GENERATED = ["authorization", "x-amz-date", "date"];
const KEYS_KEPT = 64;

/**
 * SDK-exact signatures for one service, with signing keys cached. It extends the SDK's signer base only for its
 * canonical-request and date helpers, which read no credentials.
 */
export class SigV4Signer extends SignatureV4Base {
  private readonly keys = new Map<string, Buffer>();
  private lastDate = { ms: Number.NaN, longDate: "", shortDate: "" };

  constructor(service: string) {
    const credentials = { accessKeyId: "", secretAccessKey: "" };
    super({ credentials, region: "", service, sha256: Hash.bind(null, "sha256"), uriEscapePath: true });
  }

  /** The signer's `x-amz-date` form of a time and its scope date (YYYYMMDD), kept for the last time asked. */
  dates(time: Date): { longDate: string; shortDate: string } {
    const ms = time.getTime();
    if (ms !== this.lastDate.ms) this.lastDate = { ms, ...this.formatDate(time) };
    return this.lastDate;
  }

  /** The hex signature `SignatureV4.sign(request, { signingDate, signableHeaders })` would give. */
  signature(request: SignableRequest, credentials: SigningCredentials, region: string, signingDate: Date): string {
    const { longDate, shortDate } = this.dates(signingDate);
    const headers: Record<string, string> = { ...request.headers };
    for (const name of GENERATED) delete headers[name];
    headers["x-amz-date"] = longDate;
    const signable = new Set(Object.keys(request.headers));
    const canonicalHeaders = getCanonicalHeaders({ headers } as never, undefined, signable);
    const canonical = this.createCanonicalRequest(
      { method: request.method, path: request.path, query: request.query } as never,
      canonicalHeaders,
      headers["x-amz-content-sha256"] ?? payloadHash(request.body),
    );
    const scope = createScope(shortDate, region, this.service);
    const hashed = hash("sha256", canonical, "hex");
    const stringToSign = `AWS4-HMAC-SHA256\n${longDate}\n${scope}\n${hashed}`;
    return createHmac("sha256", this.signingKey(credentials, shortDate, region))
      .update(stringToSign)
      .digest("hex");
  }

  private signingKey(credentials: SigningCredentials, shortDate: string, region: string): Buffer {
    const cacheKey = `${credentials.accessKeyId}\n${credentials.secretAccessKey}\n${shortDate}\n${region}`;
    let key = this.keys.get(cacheKey);
    if (!key) {
      key = Buffer.from(`AWS4${credentials.secretAccessKey}`, "utf8");
      for (const part of [shortDate, region, this.service, "aws4_request"])
        key = createHmac("sha256", key).update(part).digest();
      if (this.keys.size >= KEYS_KEPT) this.keys.delete(this.keys.keys().next().value!);
      this.keys.set(cacheKey, key);
    }
    return key;
  }
}

/** The hex SHA-256 of a request body. */
export function payloadHash(body: Uint8Array): string {
  return body.length ? hash("sha256", body, "hex") : EMPTY_HASH;
}
