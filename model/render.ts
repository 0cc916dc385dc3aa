/** Builds the concrete response of a step from the edge taken and the vault's record after it. */
import type { ErrorCode } from "./errors.js";
import type { EdgeMeta } from "./machine.js";
import type { VaultOperation } from "./operations.js";
import { errorResponse, type OutcomeSpec, type Response } from "./outcome.js";
import { isoDate, vaultArn } from "./rules.js";
import type { VaultRecord } from "./world.js";

export interface RenderInput {
  meta: EdgeMeta;
  outcome: OutcomeSpec;
  operation: VaultOperation;
  region: string;
  account: string;
  /** The vault after the step; for a refusal, the vault as it was. */
  record: VaultRecord | undefined;
  /** The id an UploadArchive gave its archive. */
  archiveId?: string;
}

/** The response for one outcome of an edge (PROTO-DATE-FORMAT, GET-*, CV-CREATES, DESC-VAULT). */
export function render({ meta, outcome, operation, region, account, record, archiveId }: RenderInput): Response {
  const arn = vaultArn(region, account, operation.vaultName);
  if (outcome.code) return errorResponse(outcome.code, refusalMessage(meta, outcome.code, arn));
  const response: Response = { status: outcome.status, headers: {} };
  switch (operation.name) {
    case "CreateVault":
      response.headers.location = `/${account}/vaults/${operation.vaultName}`;
      break;
    case "InitiateVaultLock":
      response.headers["x-amz-lock-id"] = record?.context.lock?.lockId ?? "";
      break;
    case "GetVaultLock":
      response.body = lockBody(record);
      break;
    case "DescribeVault":
      response.body = describeBody(region, account, operation.vaultName, record);
      break;
    case "UploadArchive": {
      const id = archiveId ?? "";
      response.headers.location = `/${account}/vaults/${operation.vaultName}/archives/${id}`;
      response.headers["x-amz-archive-id"] = id;
      response.headers["x-amz-sha256-tree-hash"] = record?.context.archives[id]?.treeHash ?? "";
      break;
    }
    case "ListTagsForVault":
      response.body = { Tags: { ...record?.context.tags } };
      break;
    case "GetVaultAccessPolicy":
      response.body = { Policy: record?.context.accessPolicy ?? "" };
      break;
  }
  return response;
}

function refusalMessage(meta: EdgeMeta, code: ErrorCode, arn: string): string {
  const reason = meta.expect.code === code && meta.reason ? meta.reason : `Request refused (${code})`;
  return `${reason}: ${arn}`;
}

function lockBody(record: VaultRecord | undefined): Record<string, unknown> {
  const lock = record?.context.lock;
  if (!lock) return {};
  const body: Record<string, unknown> = {
    Policy: lock.policy,
    State: record.state === "locked" ? "Locked" : "InProgress",
    CreationDate: isoDate(lock.createdAt),
  };
  if (record.state === "inProgress") body.ExpirationDate = isoDate(lock.expiresAt);
  return body;
}

/**
 * The DescribeVault / ListVaults entry of one vault. Counts come from the last inventory (DESC-VAULT), which
 * the model never runs, so they stay 0 whatever the vault holds.
 */
export function describeBody(
  region: string,
  account: string,
  vaultName: string,
  record: VaultRecord | undefined,
): Record<string, unknown> {
  return {
    VaultARN: vaultArn(region, account, vaultName),
    VaultName: vaultName,
    CreationDate: isoDate(record?.context.createdAt ?? 0),
    NumberOfArchives: 0,
    SizeInBytes: 0,
  };
}
