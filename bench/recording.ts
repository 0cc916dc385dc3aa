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
