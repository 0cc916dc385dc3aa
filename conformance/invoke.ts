/**
 * Runs a model Operation against a target through the SDK and describes what came back in the model's
 * terms: status, error code, the headers and body fields the model speaks of.
 */
import {
  AbortVaultLockCommand,
  AddTagsToVaultCommand,
  DeleteArchiveCommand,
  DeleteVaultAccessPolicyCommand,
  GetVaultAccessPolicyCommand,
  ListTagsForVaultCommand,
  RemoveTagsFromVaultCommand,
  SetVaultAccessPolicyCommand,
  UploadArchiveCommand,
  CompleteVaultLockCommand,
  CreateVaultCommand,
  DeleteVaultCommand,
  DescribeVaultCommand,
  GetVaultLockCommand,
  InitiateVaultLockCommand,
  ListVaultsCommand,
  type GlacierClient,
} from "@aws-sdk/client-glacier";
import { isErrorCode, type ErrorCode, type Operation } from "../model/index.js";

export interface Observed {
  status: number;
  /** The AWS error code, when the error is one the error table knows. */
  code?: ErrorCode;
  /** Error name as the SDK reported it, when it is not an AWS error code (e.g. an HTML 404). */
  unrecognized?: string;
  message?: string;
  /** `x-amzn-RequestId` as the SDK read it. */
  requestId?: string;
  headers: Record<string, string>;
  body?: Record<string, unknown>;
}

type Output = Record<string, unknown> & { $metadata: { httpStatusCode?: number; requestId?: string } };

async function send(client: GlacierClient, operation: Operation): Promise<Output> {
  return (await sendCommand(client, operation)) as unknown as Output;
}

function sendCommand(client: GlacierClient, operation: Operation): Promise<object> {
  const { accountId } = operation;
  switch (operation.name) {
    case "CreateVault":
      return client.send(new CreateVaultCommand({ accountId, vaultName: operation.vaultName }));
    case "DeleteVault":
      return client.send(new DeleteVaultCommand({ accountId, vaultName: operation.vaultName }));
    case "DescribeVault":
      return client.send(new DescribeVaultCommand({ accountId, vaultName: operation.vaultName }));
    case "ListVaults":
      return client.send(
        new ListVaultsCommand({
          accountId,
          ...(operation.limit ? { limit: Number(operation.limit) } : {}),
          ...(operation.marker ? { marker: operation.marker } : {}),
        }),
      );
    case "InitiateVaultLock": {
      const policy = operation.policy === undefined ? {} : { policy: { Policy: operation.policy } };
      return client.send(new InitiateVaultLockCommand({ accountId, vaultName: operation.vaultName, ...policy }));
    }
    case "CompleteVaultLock":
      return client.send(
        new CompleteVaultLockCommand({ accountId, vaultName: operation.vaultName, lockId: operation.lockId }),
      );
    case "AbortVaultLock":
      return client.send(new AbortVaultLockCommand({ accountId, vaultName: operation.vaultName }));
    case "GetVaultLock":
      return client.send(new GetVaultLockCommand({ accountId, vaultName: operation.vaultName }));
    default:
      return sendDataCommand(client, operation);
  }
}

function sendDataCommand(client: GlacierClient, operation: Operation): Promise<object> {
  if (operation.name === "ListVaults") throw new Error("ListVaults is not a vault data operation");
  const vault = { accountId: operation.accountId, vaultName: operation.vaultName };
  switch (operation.name) {
    case "UploadArchive":
      return client.send(new UploadArchiveCommand({ ...vault, body: operation.body, checksum: operation.treeHash }));
    case "DeleteArchive":
      return client.send(new DeleteArchiveCommand({ ...vault, archiveId: operation.archiveId }));
    case "AddTagsToVault":
      return client.send(new AddTagsToVaultCommand({ ...vault, Tags: operation.tags }));
    case "RemoveTagsFromVault":
      return client.send(new RemoveTagsFromVaultCommand({ ...vault, TagKeys: operation.keys }));
    case "ListTagsForVault":
      return client.send(new ListTagsForVaultCommand(vault));
    case "SetVaultAccessPolicy":
      return client.send(
        new SetVaultAccessPolicyCommand({
          ...vault,
          ...(operation.policy !== undefined ? { policy: { Policy: operation.policy } } : {}),
        }),
      );
    case "GetVaultAccessPolicy":
      return client.send(new GetVaultAccessPolicyCommand(vault));
    case "DeleteVaultAccessPolicy":
      return client.send(new DeleteVaultAccessPolicyCommand(vault));
    default:
      throw new Error(`${operation.name} is not a vault data operation`);
  }
}

function describeOutput(output: Output): Observed {
  const { $metadata, lockId, location, archiveId, checksum, policy, ...rest } = output;
  const headers: Record<string, string> = {};
  if (typeof lockId === "string") headers["x-amz-lock-id"] = lockId;
  if (typeof location === "string") headers.location = location;
  if (typeof archiveId === "string") headers["x-amz-archive-id"] = archiveId;
  if (typeof checksum === "string") headers["x-amz-sha256-tree-hash"] = checksum;
  const fields = typeof policy === "object" && policy !== null ? { ...rest, ...policy } : rest;
  const body = Object.keys(fields).length ? fields : undefined;
  const requestId = $metadata.requestId ? { requestId: $metadata.requestId } : {};
  return { status: $metadata.httpStatusCode ?? 0, headers, ...requestId, ...(body ? { body } : {}) };
}

function describeError(error: unknown): Observed {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
  const status = e.$metadata?.httpStatusCode;
  if (status === undefined) throw error;
  const name = e.name ?? "Error";
  const known = isErrorCode(name) ? { code: name } : { unrecognized: name };
  const requestId = e.$metadata?.requestId ? { requestId: e.$metadata.requestId } : {};
  return { status, ...known, ...requestId, ...(e.message ? { message: e.message } : {}), headers: {} };
}

/** Sends `operation` and describes the answer; network failures (no HTTP status) throw. */
export async function invoke(client: GlacierClient, operation: Operation): Promise<Observed> {
  try {
    return describeOutput(await send(client, operation));
  } catch (error) {
    return describeError(error);
  }
}

/** `201`, `403 AccessDeniedException`, or `404 (not AWS-shaped: UnknownError)`. */
export function formatObserved(observed: Observed): string {
  if (observed.code) return `${observed.status} ${observed.code}`;
  if (observed.unrecognized) return `${observed.status} (not AWS-shaped: ${observed.unrecognized})`;
  return String(observed.status);
}
