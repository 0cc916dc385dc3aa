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
}

type Segments = string[];

const ROUTES: { method: string; shape: RegExp; operation: OperationName }[] = [
  { method: "GET", shape: /^\/[^/]+\/vaults$/, operation: "ListVaults" },
  { method: "PUT", shape: /^\/[^/]+\/vaults\/[^/]+$/, operation: "CreateVault" },
  { method: "DELETE", shape: /^\/[^/]+\/vaults\/[^/]+$/, operation: "DeleteVault" },
  { method: "GET", shape: /^\/[^/]+\/vaults\/[^/]+$/, operation: "DescribeVault" },
  { method: "POST", shape: /^\/[^/]+\/vaults\/[^/]+\/lock-policy$/, operation: "InitiateVaultLock" },
  { method: "GET", shape: /^\/[^/]+\/vaults\/[^/]+\/lock-policy$/, operation: "GetVaultLock" },
  { method: "DELETE", shape: /^\/[^/]+\/vaults\/[^/]+\/lock-policy$/, operation: "AbortVaultLock" },
  { method: "POST", shape: /^\/[^/]+\/vaults\/[^/]+\/lock-policy\/[^/]+$/, operation: "CompleteVaultLock" },
];

/** The operation for a method and raw (still percent-encoded) path, or undefined. Throws URIError on bad escapes. */
export function matchRoute(method: string, rawPath: string): RouteMatch | undefined {
  const route = ROUTES.find((r) => r.method === method && r.shape.test(rawPath));
  if (!route) return undefined;
  const [, accountId, , vaultName, , lockId]: Segments = rawPath.split("/").map(decodeURIComponent);
  return {
    operation: route.operation,
    accountId: accountId!,
    ...(vaultName !== undefined ? { vaultName } : {}),
    ...(lockId !== undefined ? { lockId } : {}),
  };
}
