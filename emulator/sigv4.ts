/**
 * SigV4 signatures as `@smithy/signature-v4`'s `SignatureV4.sign()` computes them, without its per-request cost: the
 * query and any path needing normalization or escaping are canonicalized by the SDK's own code
 * (`getCanonicalQuery`, `SignatureV4Base.getCanonicalPath`), the header block is written in one pass with the SDK's
 * value folding (a path of unreserved characters is its own canonical form), the hashes and HMACs are taken with
 * node:crypto directly, and the signing key is derived once per (credentials, date, region, service) and kept.
 * `sigv4.test.ts` proves the signatures equal to the SDK signer's on random requests.
 */
import { createHmac, hash } from "node:crypto";
import { Hash } from "@smithy/hash-node";
import { createScope, getCanonicalQuery, SignatureV4Base } from "@smithy/signature-v4";

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
const GENERATED = new Set(["authorization", "x-amz-date", "date"]);
/** A path the SDK's normalization and double escaping leave as it is: unreserved characters, no empty or dot segment. */
const CANONICAL_PATH = /^(?:\/(?!\.\.?(?:\/|$))[A-Za-z0-9\-._~]+)*\/?$/;
const KEYS_KEPT = 64;
/** The SDK signer's path normalization and double escaping, private in its types. */
interface SdkPaths {
  getCanonicalPath(request: { path: string }): string;
}

/** A derived signing key and what it was derived from. */
interface KeyEntry extends SigningCredentials {
  shortDate: string;
  region: string;
  key: Buffer;
}

/**
 * SDK-exact signatures for one service, with signing keys cached. It extends the SDK's signer base only for its
 * canonical-request and date helpers, which read no credentials.
 */
export class SigV4Signer extends SignatureV4Base {
  private readonly keys = new Map<string, Buffer>();
  private lastDate = { ms: Number.NaN, longDate: "", shortDate: "" };
  private lastKey: KeyEntry = { accessKeyId: "", secretAccessKey: "", shortDate: "", region: "", key: Buffer.alloc(0) };

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
    const canonical = this.canonicalRequest(request, longDate);
    const scope = createScope(shortDate, region, this.service);
    const hashed = hash("sha256", canonical, "hex");
    const stringToSign = `AWS4-HMAC-SHA256\n${longDate}\n${scope}\n${hashed}`;
    return createHmac("sha256", this.signingKey(credentials, shortDate, region))
      .update(stringToSign)
      .digest("hex");
  }

  /**
   * `createCanonicalRequest` over `getCanonicalHeaders` as `sign()` calls them: every header the client signed
   * (lower-case names) but the generated ones, plus this signer's x-amz-date, sorted, values folded as the SDK folds.
   */
  private canonicalRequest(request: SignableRequest, longDate: string): string {
    const names = ["x-amz-date"];
    for (const name of Object.keys(request.headers)) if (!GENERATED.has(name)) names.push(name);
    sortInPlace(names);
    let block = "";
    for (const name of names) block += `${name}:${name === "x-amz-date" ? longDate : folded(request.headers[name]!)}\n`;
    const path = CANONICAL_PATH.test(request.path)
      ? request.path
      : (this as unknown as SdkPaths).getCanonicalPath(request);
    const payload = request.headers["x-amz-content-sha256"] ?? payloadHash(request.body);
    const query = hasOwnKeys(request.query) ? getCanonicalQuery(request as never) : "";
    return `${request.method}\n${path}\n${query}\n${block}\n${names.join(";")}\n${payload}`;
  }

  /** The signing key for (credentials, date, region): the last one used, else the cache's, else derived and kept. */
  private signingKey(credentials: SigningCredentials, shortDate: string, region: string): Buffer {
    const last = this.lastKey;
    if (
      last.accessKeyId === credentials.accessKeyId &&
      last.secretAccessKey === credentials.secretAccessKey &&
      last.shortDate === shortDate &&
      last.region === region
    )
      return last.key;
    const { accessKeyId, secretAccessKey } = credentials;
    const key = this.keyFor(credentials, shortDate, region);
    this.lastKey = { accessKeyId, secretAccessKey, shortDate, region, key };
    return key;
  }

  private keyFor(credentials: SigningCredentials, shortDate: string, region: string): Buffer {
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

/**
 * Sorts a few distinct strings as `Array.prototype.sort()` would (by UTF-16 code units), by insertion: the built-in
 * sort allocates a work array on every call.
 */
function sortInPlace(names: string[]): void {
  for (let i = 1; i < names.length; i++) {
    const name = names[i]!;
    let j = i;
    for (; j > 0 && names[j - 1]! > name; j--) names[j] = names[j - 1]!;
    names[j] = name;
  }
}

/** True when `record` has an own enumerable key: without one `getCanonicalQuery` gives "". */
function hasOwnKeys(record: object): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}

/** A value `folded` changes: with a line break or tab, two spaces in a row, or a space at either end. */
const NEEDS_FOLDING = /[\r\n\t]| {2}|^ | $/;

/** A header value as `getCanonicalHeaders` writes it: line breaks and runs of blanks one space, ends trimmed. */
function folded(value: string): string {
  if (!NEEDS_FOLDING.test(value)) return value;
  return value
    .replace(/[\r\n]/g, " ")
    .replace(/[ \t]+/g, " ")
    .replace(/^ | $/g, "");
}

/** The hex SHA-256 of a request body. */
export function payloadHash(body: Uint8Array): string {
  return body.length ? hash("sha256", body, "hex") : EMPTY_HASH;
}
