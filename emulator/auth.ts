/**
 * SigV4 verification (PROTO-SIGV4, PROTO-NO-AUTH, PROTO-UNKNOWN-KEY, PROTO-BAD-SIGNATURE, PROTO-CLOCK-SKEW).
 * The signature is recomputed with the AWS SDK's own `@smithy/signature-v4` over exactly the headers the
 * client signed, and compared in constant time. Timestamps are checked against the wall clock.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AccountCredentials } from "./accounts.js";
import { ServiceError } from "./errors.js";

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

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]{64})$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
/** Largest allowed distance between the request time and the wall clock. */
export const MAX_SKEW_MS = 5 * 60 * 1000;

const sha256 = Hash.bind(null, "sha256");

function header(request: SignedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

function signingTime(request: SignedRequest): Date {
  const amzDate = header(request, "x-amz-date");
  const match = amzDate ? AMZ_DATE.exec(amzDate) : undefined;
  if (match) return new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!));
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
  if (claimed !== createHash("sha256").update(request.body).digest("hex"))
    throw new ServiceError("InvalidSignatureException", "x-amz-content-sha256 does not match the request body");
}

/** Verifies a request's SigV4 signature; returns who signed it and for which region. */
export class Authenticator {
  private readonly byKey: Map<string, AccountCredentials>;
  private readonly signers = new Map<string, SignatureV4>();

  constructor(
    accounts: readonly AccountCredentials[],
    private readonly wallClock: () => number = Date.now,
    /** Only for the `signatures-not-checked` mutant: any key maps to the first account, nothing is verified. */
    private readonly skipVerification = false,
  ) {
    this.byKey = new Map(accounts.map((a) => [a.accessKeyId, a]));
    this.first = accounts[0]!;
  }

  private readonly first: AccountCredentials;

  async verify(request: SignedRequest): Promise<Principal> {
    if (this.skipVerification) return this.unverified(request);
    const authorization = header(request, "authorization");
    if (!authorization) throw new ServiceError("MissingAuthenticationTokenException", "Missing Authentication Token");
    const match = AUTH.exec(authorization);
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
    if (time.toISOString().slice(0, 10).replaceAll("-", "") !== scopeDate)
      throw new ServiceError("InvalidSignatureException", "Credential scope date does not match the request date");
    const names = signedHeaders!.split(";");
    if (!names.includes("host")) throw new ServiceError("InvalidSignatureException", "The host header must be signed");
    checkContentHash(request);
    const expected = await this.expectedSignature(request, account, region!, names, time);
    if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature!)))
      throw new ServiceError(
        "InvalidSignatureException",
        "The request signature we calculated does not match the signature you provided",
      );
    return { account, region: region! };
  }

  private unverified(request: SignedRequest): Principal {
    const match = AUTH.exec(header(request, "authorization") ?? "");
    return { account: this.byKey.get(match?.[1] ?? "") ?? this.first, region: match?.[3] ?? "us-east-1" };
  }

  private async expectedSignature(
    request: SignedRequest,
    account: AccountCredentials,
    region: string,
    names: string[],
    time: Date,
  ): Promise<string> {
    const headers: Record<string, string> = {};
    for (const name of names) headers[name] = header(request, name) ?? "";
    const toSign = new HttpRequest({
      method: request.method,
      path: request.rawPath,
      query: request.query,
      headers,
      body: request.body,
    });
    const signed = await this.signer(account, region).sign(toSign, {
      signingDate: time,
      signableHeaders: new Set(names),
    });
    return /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1] ?? "";
  }

  private signer(account: AccountCredentials, region: string): SignatureV4 {
    const key = `${account.accessKeyId}/${region}`;
    let signer = this.signers.get(key);
    if (!signer) {
      const credentials = { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey };
      signer = new SignatureV4({
        credentials,
        region,
        service: "glacier",
        sha256,
        uriEscapePath: true,
        applyChecksum: false,
      });
      this.signers.set(key, signer);
    }
    return signer;
  }
}
