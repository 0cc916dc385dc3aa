/**
 * The request gate and ListVaults: the rules that act before (or instead of) a single vault's machine.
 * Each has an edge id and requirement ids like machine transitions, so coverage and reports treat them alike.
 */
import type { EdgeMeta } from "./machine.js";
import type { Operation } from "./operations.js";
import { err, ok } from "./outcome.js";
import { isValidVaultName, resolveAccount, vaultArn } from "./rules.js";

/** The gate's edges, by id. */
export const GATE_EDGES = {
  accountMismatch: {
    id: "gate.accountMismatch",
    requirements: ["ACCT-MISMATCH-DENIED", "ACCT-ISOLATION"],
    expect: err("AccessDeniedException"),
    reason: "Access denied for account ID",
  },
  accountMalformed: {
    id: "gate.accountMalformed",
    requirements: ["ACCT-MALFORMED"],
    expect: err("AccessDeniedException"),
    alternatives: [err("InvalidParameterValueException"), err("UnrecognizedClientException")],
    reason: "Access denied for account ID",
  },
  vaultNameInvalidOnCreate: {
    id: "gate.vaultNameInvalid.create",
    requirements: ["VAULT-NAME-RULES"],
    expect: err("InvalidParameterValueException"),
    reason: "Vault name is not valid",
  },
  vaultNameInvalidOnLookup: {
    id: "gate.vaultNameInvalid.lookup",
    requirements: ["VAULT-NAME-INVALID-LOOKUP"],
    expect: err("ResourceNotFoundException"),
    alternatives: [err("InvalidParameterValueException")],
    reason: "Vault not found for ARN",
  },
  listVaults: {
    id: "gate.ListVaults",
    requirements: ["LIST-VAULTS", "LIST-MARKER", "ACCT-DASH-OR-OWN", "ACCT-ISOLATION"],
    expect: ok(200),
    requires: { body: ["VaultList"] },
  },
  listLargeLimit: {
    id: "gate.ListVaults.largeLimit",
    requirements: ["LIST-VAULTS", "LIST-PAGE-SIZE"],
    expect: ok(200),
    requires: { body: ["VaultList"] },
  },
  listEmptyParameters: {
    id: "gate.ListVaults.emptyParameters",
    requirements: ["LIST-VAULTS", "LIST-EMPTY-PARAMETERS"],
    expect: ok(200),
    alternatives: [err("InvalidParameterValueException")],
    requires: { body: ["VaultList"] },
    reason: "limit and marker may not be empty",
  },
  listLimitInvalid: {
    id: "gate.ListVaults.limitInvalid",
    requirements: ["LIST-VAULTS"],
    expect: err("InvalidParameterValueException"),
    reason: "limit must be a positive whole number",
  },
  listMarkerInvalid: {
    id: "gate.ListVaults.markerInvalid",
    requirements: ["LIST-MARKER"],
    expect: err("InvalidParameterValueException"),
    reason: "marker is not a vault ARN",
  },
} as const satisfies Record<string, EdgeMeta>;

export type GateVerdict = { pass: true; account: string } | { pass: false; meta: EdgeMeta; subject: string };

/** Account-id and vault-name checks (ACCT-*, VAULT-NAME-*); `subject` is what the error message names. */
export function checkGate(operation: Operation, signer: string, region: string): GateVerdict {
  const resolved = resolveAccount(operation.accountId, signer);
  if (!resolved.ok) {
    const meta = resolved.requirement === "ACCT-MALFORMED" ? GATE_EDGES.accountMalformed : GATE_EDGES.accountMismatch;
    return { pass: false, meta, subject: operation.accountId };
  }
  if (operation.name !== "ListVaults" && !isValidVaultName(operation.vaultName)) {
    const meta =
      operation.name === "CreateVault" ? GATE_EDGES.vaultNameInvalidOnCreate : GATE_EDGES.vaultNameInvalidOnLookup;
    return { pass: false, meta, subject: vaultArn(region, resolved.account, operation.vaultName) };
  }
  return { pass: true, account: resolved.account };
}

/** The most vaults one ListVaults page holds, whatever the limit (LIST-PAGE-SIZE: AWS was seen to stop at 10). */
export const LIST_PAGE_MAX = 10;

/**
 * Page size of a ListVaults `limit`: any positive whole number, at most LIST_PAGE_MAX a page; none or empty
 * (LIST-EMPTY-PARAMETERS) is the default, a full page. Undefined when it is not valid.
 */
export function listLimit(limit: string | undefined): number | undefined {
  if (limit === undefined || limit === "") return LIST_PAGE_MAX;
  if (!/^\d+$/.test(limit) || /^0+$/.test(limit)) return undefined;
  return Math.min(Number(limit), LIST_PAGE_MAX);
}

const MARKER = /^arn:aws:glacier:[^:]+:\d{12}:vaults\/([A-Za-z0-9_.-]{1,255})$/;

/** The vault name a ListVaults marker starts from: '' for none, undefined when malformed. */
export function markerStart(marker: string | undefined): string | undefined {
  if (marker === undefined || marker === "") return "";
  return MARKER.exec(marker)?.[1];
}
