/**
 * A small signed raw client for what the SDK cannot send: no Authorization, a missing or wrong API version,
 * a body that is not JSON, a body far over any limit, a route no operation has. Requests are signed with the
 * SDK's own SigV4 signer (`@smithy/signature-v4`) and go through the same recording handler as the SDK's, so
 * their answers are judged at the wire like every other.
 */
import type { GlacierClient } from "@aws-sdk/client-glacier";
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { Credentials, Target } from "../target.js";
import type { Observed } from "../invoke.js";
import { observedFromCapture } from "../invoke.js";
import { captureExchange, Interrupted, RecordingHandler, type WireOptions } from "./handler.js";

export const API_VERSION = "2012-06-01";

export interface RawProbeRequest {
  method: string;
  /** Path as sent, percent-encoded. */
  path: string;
  query?: Record<string, string>;
  /** Headers added to the defaults; `null` drops a default (x-amz-glacier-version). */
  headers?: Record<string, string | null>;
  body?: string;
  /** Sign with these credentials; unsigned when absent. */
  credentials?: Credentials;
  /** Whether the signer adds x-amz-content-sha256 (default true, as the SDK does). */
  applyChecksum?: boolean;
  /** The operation the request is closest to, for the wire rules' reading of its answer. */
  operation?: string;
}

/** The credentials a client signs with: the target's own, or what the SDK's default chain resolved. */
export async function signerCredentials(target: Target, client: GlacierClient): Promise<Credentials> {
  const base = target.credentials ?? (await client.config.credentials());
  return {
    accessKeyId: base.accessKeyId,
    secretAccessKey: base.secretAccessKey,
    ...(base.sessionToken ? { sessionToken: base.sessionToken } : {}),
  };
}

/** The endpoint a target's requests go to. */
export function endpointOf(target: Target): URL {
  return new URL(target.endpoint ?? `https://glacier.${target.region}.amazonaws.com`);
}

/** Sends one raw request and describes the answer like `invoke` does; throws only `Interrupted`. */
export async function sendRaw(target: Target, wire: WireOptions, probe: RawProbeRequest): Promise<Observed> {
  const url = endpointOf(target);
  const defaults: Record<string, string | null> = {
    host: url.host,
    "x-amz-glacier-version": API_VERSION,
    ...(probe.body !== undefined ? { "content-type": "application/json" } : {}),
  };
  const merged = { ...defaults, ...probe.headers };
  const headers = Object.fromEntries(Object.entries(merged).filter((e): e is [string, string] => e[1] !== null));
  let request = new HttpRequest({
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    method: probe.method,
    path: probe.path,
    query: probe.query ?? {},
    headers,
    ...(probe.body !== undefined ? { body: probe.body } : {}),
  });
  if (probe.credentials) {
    const signer = new SignatureV4({
      applyChecksum: probe.applyChecksum ?? true,
      credentials: probe.credentials,
      region: target.region,
      service: "glacier",
      sha256: Hash.bind(null, "sha256"),
    });
    request = (await signer.sign(request)) as HttpRequest;
  }
  const handler = new RecordingHandler(wire);
  try {
    const { error, captured } = await captureExchange(probe.operation, (options) => handler.handle(request, options));
    if (error instanceof Interrupted) throw error;
    return observedFromCapture(captured!);
  } finally {
    handler.destroy();
  }
}
