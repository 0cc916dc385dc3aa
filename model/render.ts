/** Builds the concrete response of a step from the edge taken and the vault's record after it. */
import type { ErrorCode } from "./errors.js";
import { inventoryAsOf } from "./inventory.js";
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
  /** The service time of the answer, epoch ms: DescribeVault's counts are the last inventory's as of then. */
  now: number;
}

/** The response for one outcome of an edge (PROTO-DATE-FORMAT, GET-*, CV-CREATES, DESC-VAULT). */
export function render({ meta, outcome, operation, region, account, record, archiveId, now }: RenderInput): Response {
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
      response.body = describeBody(region, account, operation.vaultName, record, now);
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
 * The DescribeVault / ListVaults entry of one vault at `now`. Counts and LastInventoryDate come from the last
 * inventory (DESC-VAULT); before the first, the counts are 0 and LastInventoryDate is left out
 * (DESC-BEFORE-INVENTORY).
 */
export function describeBody(
  region: string,
  account: string,
  vaultName: string,
  record: VaultRecord | undefined,
  now: number,
): Record<string, unknown> {
  const inventory = record ? inventoryAsOf(record.context, now) : undefined;
  return {
    VaultARN: vaultArn(region, account, vaultName),
    VaultName: vaultName,
    CreationDate: isoDate(record?.context.createdAt ?? 0),
    ...(inventory ? { LastInventoryDate: isoDate(inventory.at) } : {}),
    NumberOfArchives: inventory?.archives ?? 0,
    SizeInBytes: inventory?.size ?? 0,
  };
}
