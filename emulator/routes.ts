/**
 * The emulator's router over the routes the SDK's schema gives (`protocol/routes.ts`, PROTO-REST-JSON).
 * `PUT …/lock-policy` (the Developer Guide's example, INC-PUT-VS-POST) is therefore not a route.
 */
import type { OperationName } from "../model/index.js";
import { ROUTES, routeFor } from "../protocol/routes.js";

export interface RouteMatch {
  operation: OperationName;
  /** The URI labels by the schema's member names (accountId, vaultName, lockId, archiveId), decoded. */
  labels: Record<string, string>;
}

const UPLOAD = routeFor("UploadArchive");

/** True for an UploadArchive request, which gets its own body limit before the request is routed. */
export function isArchiveUpload(method: string, rawPath: string): boolean {
  return UPLOAD.method === method && UPLOAD.shape.test(rawPath);
}

/**
 * The operation for a method, raw (still percent-encoded) path and query, or undefined. Throws URIError on
 * bad escapes.
 */
export function matchRoute(method: string, rawPath: string, query = new URLSearchParams()): RouteMatch | undefined {
  for (const route of ROUTES) {
    if (route.method !== method || (route.query && query.get(route.query[0]) !== route.query[1])) continue;
    const match = route.shape.exec(rawPath);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (let i = 0; i < route.labels.length; i++) {
      const raw = match[i + 1]!;
      labels[route.labels[i]!] = raw.includes("%") ? decodeURIComponent(raw) : raw;
    }
    return { operation: route.operation, labels };
  }
  return undefined;
}
