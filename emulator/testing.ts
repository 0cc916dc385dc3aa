/** Helpers for tests that talk to an emulator over HTTP: an SDK client and a raw signed request. */
import { GlacierClient } from "@aws-sdk/client-glacier";
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AccountCredentials } from "./accounts.js";

/** An SDK client for `url` signing as `account`, with retries off. */
export function sdkClient(url: string, account: AccountCredentials, region = "us-east-1"): GlacierClient {
  const credentials = { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey };
  return new GlacierClient({ endpoint: url, region, maxAttempts: 1, credentials });
}

export interface RawRequest {
  method: string;
  path: string;
  query?: Record<string, string>;
  /** Extra headers; `null` removes a default one (host, x-amz-glacier-version). */
  headers?: Record<string, string | null>;
  body?: string;
  /** Sign with these credentials; unsigned when absent. */
  account?: AccountCredentials;
  signingDate?: Date;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown> | undefined;
}

/** Sends one request with fetch, SigV4-signed by the SDK's signer unless `account` is absent. */
export async function rawRequest(url: string, request: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  const all = { host: `${hostname}:${port}`, "x-amz-glacier-version": "2012-06-01", ...request.headers };
  const headers = Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== null));
  let http = new HttpRequest({
    method: request.method,
    hostname,
    port: Number(port),
    path: request.path,
    query: request.query ?? {},
    headers,
    body: request.body,
  });
  if (request.account) {
    const credentials = { accessKeyId: request.account.accessKeyId, secretAccessKey: request.account.secretAccessKey };
    const signer = new SignatureV4({
      credentials,
      region: "us-east-1",
      service: "glacier",
      sha256: Hash.bind(null, "sha256"),
    });
    http = (await signer.sign(http, { signingDate: request.signingDate ?? new Date() })) as HttpRequest;
  }
  const search = new URLSearchParams(request.query ?? {}).toString();
  const { host: _, ...sendHeaders } = http.headers;
  const response = await fetch(`${url}${request.path}${search ? `?${search}` : ""}`, {
    method: request.method,
    headers: sendHeaders,
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
