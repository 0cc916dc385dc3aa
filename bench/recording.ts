/** Reading a recorded exchange back as the model operation it was. */
import { ServiceError } from "../protocol/errors.js";
import { BINDINGS } from "../protocol/operations.js";
import { matchRoute } from "../emulator/routes.js";
import { treeHash, type Operation } from "../model/index.js";
import type { Exchange } from "../conformance/harness.js";

/**
 * The model operation a recorded AWS request was (read as the emulator reads it); undefined for control
 * requests and for the suite's raw probes that no operation reads (a body that is not JSON, say), which the SDK
 * could not send.
 */
export function operationOf(exchange: Exchange): Operation | undefined {
  const [path = "/", rawQuery = ""] = exchange.url.split("?", 2);
  const query = new URLSearchParams(rawQuery);
  const route = matchRoute(exchange.method, path, query);
  if (!route) return undefined;
  const body = Buffer.from(exchange.requestBody);
  const headers = { "x-amz-sha256-tree-hash": treeHash(body), "x-amz-content-sha256": "recorded" };
  try {
    return BINDINGS[route.operation].read({ labels: route.labels, body, query, headers });
  } catch (error) {
    if (error instanceof ServiceError) return undefined;
    throw error;
  }
}

/** One request of a recorded run, as a replay sends it again. */
export type ReplayStep =
  | { kind: "operation"; operation: Operation; accessKeyId: string; status: number; headers: Record<string, string> }
  | { kind: "control"; method: string; url: string; body: string };

const SIGNER = /Credential=([^/]+)\//;

/**
 * The recorded run's requests in order, as a replay sends them: each AWS request with the access key that signed
 * it and the answer it got (whose lock and archive ids the replay maps to its own), and the clock-control
 * requests, so the replayed emulator moves through the same states. Raw probes no operation reads are left out.
 */
export function replaySteps(exchanges: readonly Exchange[]): ReplayStep[] {
  const steps: ReplayStep[] = [];
  for (const exchange of exchanges) {
    if (exchange.url.startsWith("/__emulator/")) {
      steps.push({ kind: "control", method: exchange.method, url: exchange.url, body: exchange.requestBody });
      continue;
    }
    const operation = operationOf(exchange);
    const accessKeyId = SIGNER.exec(String(exchange.requestHeaders.authorization ?? ""))?.[1];
    if (operation && accessKeyId)
      steps.push({ kind: "operation", operation, accessKeyId, status: exchange.status, headers: exchange.headers });
  }
  return steps;
}
