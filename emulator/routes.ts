/**
 * Glacier's REST routes for the operations the emulator serves (PROTO-REST-JSON). `PUT …/lock-policy`
 * (the Developer Guide's example, INC-PUT-VS-POST) is deliberately not a route.
 */
import type { OperationName } from "../model/index.js";

export interface RouteMatch {
  operation: OperationName;
  accountId: string;
  vaultName?: string;
  lockId?: string;
  archiveId?: string;
}

const VAULT = String.raw`^\/[^/]+\/vaults\/[^/]+`;
const shape = (suffix: string) => new RegExp(`${VAULT}${suffix}$`);

const ROUTES: { method: string; shape: RegExp; operation: OperationName; query?: [string, string] }[] = [
  { method: "GET", shape: /^\/[^/]+\/vaults$/, operation: "ListVaults" },
  { method: "PUT", shape: shape(""), operation: "CreateVault" },
  { method: "DELETE", shape: shape(""), operation: "DeleteVault" },
  { method: "GET", shape: shape(""), operation: "DescribeVault" },
  { method: "POST", shape: shape(String.raw`\/lock-policy`), operation: "InitiateVaultLock" },
  { method: "GET", shape: shape(String.raw`\/lock-policy`), operation: "GetVaultLock" },
  { method: "DELETE", shape: shape(String.raw`\/lock-policy`), operation: "AbortVaultLock" },
  { method: "POST", shape: shape(String.raw`\/lock-policy\/[^/]+`), operation: "CompleteVaultLock" },
  { method: "POST", shape: shape(String.raw`\/archives`), operation: "UploadArchive" },
  { method: "DELETE", shape: shape(String.raw`\/archives\/[^/]+`), operation: "DeleteArchive" },
  { method: "POST", shape: shape(String.raw`\/tags`), operation: "AddTagsToVault", query: ["operation", "add"] },
  {
    method: "POST",
    shape: shape(String.raw`\/tags`),
    operation: "RemoveTagsFromVault",
    query: ["operation", "remove"],
  },
  { method: "GET", shape: shape(String.raw`\/tags`), operation: "ListTagsForVault" },
  { method: "PUT", shape: shape(String.raw`\/access-policy`), operation: "SetVaultAccessPolicy" },
  { method: "GET", shape: shape(String.raw`\/access-policy`), operation: "GetVaultAccessPolicy" },
  { method: "DELETE", shape: shape(String.raw`\/access-policy`), operation: "DeleteVaultAccessPolicy" },
];

/** True for an UploadArchive request, which gets its own body limit before the request is routed. */
export function isArchiveUpload(method: string, rawPath: string): boolean {
  return ROUTES.some((r) => r.operation === "UploadArchive" && r.method === method && r.shape.test(rawPath));
}

/**
 * The operation for a method, raw (still percent-encoded) path and query, or undefined. Throws URIError on
 * bad escapes.
 */
export function matchRoute(method: string, rawPath: string, query = new URLSearchParams()): RouteMatch | undefined {
  const route = ROUTES.find(
    (r) => r.method === method && r.shape.test(rawPath) && (!r.query || query.get(r.query[0]) === r.query[1]),
  );
  if (!route) return undefined;
  const [, accountId, , vaultName, subresource, id] = rawPath.split("/").map(decodeURIComponent);
  return {
    operation: route.operation,
    accountId: accountId!,
    ...(vaultName !== undefined ? { vaultName } : {}),
    ...(id !== undefined && subresource === "lock-policy" ? { lockId: id } : {}),
    ...(id !== undefined && subresource === "archives" ? { archiveId: id } : {}),
  };
}
