/**
 * SigV4 verification (PROTO-SIGV4, PROTO-NO-AUTH, PROTO-UNKNOWN-KEY, PROTO-BAD-SIGNATURE, PROTO-CLOCK-SKEW).
 * The signature is recomputed as the AWS SDK's own `@smithy/signature-v4` computes it (`sigv4.ts`, which builds the
 * canonical request with the SDK's code and caches signing keys) over exactly the headers the client signed, and
 * compared in constant time. Timestamps are checked against the wall clock.
 */
import { timingSafeEqual } from "node:crypto";
import type { AccountCredentials } from "./accounts.js";
import { ServiceError } from "../protocol/errors.js";
import { payloadHash, SigV4Signer } from "./sigv4.js";

export interface SignedRequest {
  method: string;
  rawPath: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface Principal {
  account: AccountCredentials;
  region: string;
}

/** What the pipeline asks of authentication: who signed a request and for which region, or a ServiceError. */
export interface Verifier {
  verify(request: SignedRequest): Principal;
}

/** An AWS4-HMAC-SHA256 Authorization header: key id, scope date, region, service, signed headers, signature. */
export const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]{64})$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
/** Largest allowed distance between the request time and the wall clock. */
export const MAX_SKEW_MS = 5 * 60 * 1000;

function header(request: SignedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/** The last `x-amz-date` value read and its time: a client's requests within a second repeat it. */
let lastAmzDate: { text: string; time: Date | undefined } = { text: "", time: undefined };

/** The time an `x-amz-date` value names, or undefined when it is not one. */
function amzDateTime(text: string): Date | undefined {
  if (text === lastAmzDate.text) return lastAmzDate.time;
  const match = AMZ_DATE.exec(text);
  const time = match
    ? new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!))
    : undefined;
  lastAmzDate = { text, time };
  return time;
}

function signingTime(request: SignedRequest): Date {
  const amzDate = header(request, "x-amz-date");
  const time = amzDate ? amzDateTime(amzDate) : undefined;
  if (time) return time;
  const date = header(request, "date");
  const parsed = date ? new Date(date) : undefined;
  if (parsed && !Number.isNaN(parsed.getTime())) return parsed;
  throw new ServiceError("IncompleteSignatureException", "Authorization requires an X-Amz-Date or Date header");
}

function checkSkew(time: Date, wallNow: number): void {
  if (time.getTime() < wallNow - MAX_SKEW_MS)
    throw new ServiceError(
      "InvalidSignatureException",
      `Signature expired: ${time.toISOString()} is more than 5 min before the server time`,
    );
  if (time.getTime() > wallNow + MAX_SKEW_MS)
    throw new ServiceError(
      "InvalidSignatureException",
      `Signature not yet current: ${time.toISOString()} is more than 5 min after the server time`,
    );
}

function checkContentHash(request: SignedRequest): void {
  const claimed = header(request, "x-amz-content-sha256");
  if (claimed === undefined || claimed === "UNSIGNED-PAYLOAD") return;
  if (claimed !== payloadHash(request.body))
    throw new ServiceError("InvalidSignatureException", "x-amz-content-sha256 does not match the request body");
}

/** Verifies a request's SigV4 signature; returns who signed it and for which region. */
export class Authenticator implements Verifier {
  private readonly byKey: Map<string, AccountCredentials>;
  private readonly signer = new SigV4Signer("glacier");

  constructor(
    accounts: readonly AccountCredentials[],
    private readonly wallClock: () => number = Date.now,
  ) {
    this.byKey = new Map(accounts.map((a) => [a.accessKeyId, a]));
  }

  verify(request: SignedRequest): Principal {
    const authorization = header(request, "authorization");
    if (!authorization) throw new ServiceError("MissingAuthenticationTokenException", "Missing Authentication Token");
    const match = AUTHORIZATION.exec(authorization);
    if (!match)
      throw new ServiceError(
        "IncompleteSignatureException",
        "Authorization header is not a valid AWS4-HMAC-SHA256 header",
      );
    const [, accessKeyId, scopeDate, region, service, signedHeaders, signature] = match as unknown as string[];
    const account = this.byKey.get(accessKeyId!);
    if (!account)
      throw new ServiceError("UnrecognizedClientException", "The security token included in the request is invalid");
    if (service !== "glacier")
      throw new ServiceError("InvalidSignatureException", "Credential should be scoped to service 'glacier'");
    const time = signingTime(request);
    checkSkew(time, this.wallClock());
    if (this.signer.dates(time).shortDate !== scopeDate)
      throw new ServiceError("InvalidSignatureException", "Credential scope date does not match the request date");
    const names = signedHeaders!.split(";");
    if (!names.includes("host")) throw new ServiceError("InvalidSignatureException", "The host header must be signed");
    checkContentHash(request);
    const expected = this.expectedSignature(request, account, region!, names, time);
    if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature!)))
      throw new ServiceError(
        "InvalidSignatureException",
        "The request signature we calculated does not match the signature you provided",
      );
    return { account, region: region! };
  }

  private expectedSignature(
    request: SignedRequest,
    account: AccountCredentials,
    region: string,
    names: string[],
    time: Date,
  ): string {
    const headers: Record<string, string> = {};
    for (const name of names) headers[name] = header(request, name) ?? "";
    const signable = {
      method: request.method,
      path: request.rawPath,
      query: request.query,
      headers,
      body: request.body,
    };
    return this.signer.signature(signable, account, region, time);
  }
}
