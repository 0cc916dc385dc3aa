/**
 * The edge half of the operation registry: per operation, the SDK command the suite sends and how the emulator
 * reads the HTTP request back into the model's Operation (PROTO-REST-JSON). The route itself (method, URI
 * template, query literal, success status) is not restated: `routes.ts` reads it from the Smithy schema the SDK
 * ships. The model half (events, policies, answers) is `model/operations.ts`, keyed by the same names.
 */
import type { IncomingHttpHeaders } from "node:http";
import * as sdk from "@aws-sdk/client-glacier";
import type { Operation, OperationName } from "../model/index.js";
import { ServiceError } from "./errors.js";

/** A routed request: the URI labels by the schema's member names, the query, headers and body. */
export interface HttpRequest {
  labels: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

type Of<N extends OperationName> = Operation & { name: N };

/** Reads a routed request as the operation it is; throws ServiceError for one it cannot read. */
export type Reader = (request: HttpRequest) => Operation;

interface Binding<N extends OperationName> {
  /** The SDK command that sends the operation. */
  command: (operation: Of<N>) => object;
  /** The operation a request is; throws ServiceError for a request it cannot read. */
  read: (request: HttpRequest) => Of<N>;
}

const vault = ({ labels }: HttpRequest) => ({ accountId: labels.accountId!, vaultName: labels.vaultName ?? "" });
type VaultInput = { accountId: string; vaultName: string };
const vaultInput = (operation: VaultInput): VaultInput => ({
  accountId: operation.accountId,
  vaultName: operation.vaultName,
});
const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** An operation named by the vault alone. */
function plain<N extends OperationName>(name: N, Command: new (input: VaultInput) => object): Binding<N> {
  return {
    command: (operation) => new Command(vaultInput(operation as VaultInput)),
    read: (request) => ({ name, ...vault(request) }) as Of<N>,
  };
}

/** An operation whose body is `{"Policy": "<string>"}` (PROTO-MALFORMED-BODY). */
function withPolicy<N extends "InitiateVaultLock" | "SetVaultAccessPolicy">(
  name: N,
  Command: new (input: VaultInput & { policy?: { Policy?: string } }) => object,
): Binding<N> {
  return {
    command: (operation) => {
      const { policy } = operation as Of<"InitiateVaultLock">;
      return new Command({ ...vaultInput(operation as VaultInput), ...optional("policy", optional("Policy", policy)) });
    },
    read: (request) => ({ name, ...vault(request), ...optional("policy", policyField(request.body)) }) as Of<N>,
  };
}

export const BINDINGS: { [N in OperationName]: Binding<N> } = {
  CreateVault: plain("CreateVault", sdk.CreateVaultCommand),
  DeleteVault: plain("DeleteVault", sdk.DeleteVaultCommand),
  DescribeVault: plain("DescribeVault", sdk.DescribeVaultCommand),
  ListVaults: {
    command: (operation) =>
      new sdk.ListVaultsCommand({
        accountId: operation.accountId,
        ...(operation.limit ? { limit: Number(operation.limit) } : {}),
        ...(operation.marker ? { marker: operation.marker } : {}),
      }),
    read: ({ labels, query }) => ({
      name: "ListVaults",
      accountId: labels.accountId!,
      ...optional("limit", query.get("limit") ?? undefined),
      ...optional("marker", query.get("marker") ?? undefined),
    }),
  },
  InitiateVaultLock: withPolicy("InitiateVaultLock", sdk.InitiateVaultLockCommand),
  CompleteVaultLock: {
    command: (operation) => new sdk.CompleteVaultLockCommand({ ...vaultInput(operation), lockId: operation.lockId }),
    read: (request) => ({ name: "CompleteVaultLock", ...vault(request), lockId: request.labels.lockId ?? "" }),
  },
  AbortVaultLock: plain("AbortVaultLock", sdk.AbortVaultLockCommand),
  GetVaultLock: plain("GetVaultLock", sdk.GetVaultLockCommand),
  UploadArchive: {
    command: (operation) =>
      new sdk.UploadArchiveCommand({
        ...vaultInput(operation),
        body: operation.body,
        checksum: operation.treeHash,
        ...optional("archiveDescription", operation.description),
      }),
    read: readUpload,
  },
  DeleteArchive: {
    command: (operation) => new sdk.DeleteArchiveCommand({ ...vaultInput(operation), archiveId: operation.archiveId }),
    read: (request) => ({ name: "DeleteArchive", ...vault(request), archiveId: request.labels.archiveId ?? "" }),
  },
  AddTagsToVault: {
    command: (operation) => new sdk.AddTagsToVaultCommand({ ...vaultInput(operation), Tags: operation.tags }),
    read: (request) => ({ name: "AddTagsToVault", ...vault(request), tags: stringMap(request.body, "Tags") ?? {} }),
  },
  RemoveTagsFromVault: {
    command: (operation) => new sdk.RemoveTagsFromVaultCommand({ ...vaultInput(operation), TagKeys: operation.keys }),
    read: (request) => ({
      name: "RemoveTagsFromVault",
      ...vault(request),
      keys: stringList(jsonField(request.body, "TagKeys"), "TagKeys") ?? [],
    }),
  },
  ListTagsForVault: plain("ListTagsForVault", sdk.ListTagsForVaultCommand),
  SetVaultAccessPolicy: withPolicy("SetVaultAccessPolicy", sdk.SetVaultAccessPolicyCommand),
  GetVaultAccessPolicy: plain("GetVaultAccessPolicy", sdk.GetVaultAccessPolicyCommand),
  DeleteVaultAccessPolicy: plain("DeleteVaultAccessPolicy", sdk.DeleteVaultAccessPolicyCommand),
  SetVaultNotifications: {
    command: (operation) =>
      new sdk.SetVaultNotificationsCommand({
        ...vaultInput(operation),
        ...optional("vaultNotificationConfig", operation.config),
      }),
    read: (request) => ({
      name: "SetVaultNotifications",
      ...vault(request),
      ...optional("config", notificationConfig(request.body)),
    }),
  },
  GetVaultNotifications: plain("GetVaultNotifications", sdk.GetVaultNotificationsCommand),
  DeleteVaultNotifications: plain("DeleteVaultNotifications", sdk.DeleteVaultNotificationsCommand),
};

/** The body `{"SNSTopic": "<arn>", "Events": ["<event>"]}`; an empty body has none. */
function notificationConfig(body: Buffer): { SNSTopic: string; Events: string[] } | undefined {
  const topic = jsonField(body, "SNSTopic");
  const events = stringList(jsonField(body, "Events"), "Events");
  if (topic === undefined && events === undefined) return undefined;
  if (topic !== undefined && typeof topic !== "string")
    throw new ServiceError("SerializationException", "SNSTopic must be a JSON string");
  return { SNSTopic: topic ?? "", Events: events ?? [] };
}

/** The archive body, its declared tree hash and description; both checksum headers are required (PROTO-REQUIRED-HEADERS). */
function readUpload(request: HttpRequest): Of<"UploadArchive"> {
  const treeHash = requiredHeader(request.headers, "x-amz-sha256-tree-hash");
  requiredHeader(request.headers, "x-amz-content-sha256");
  const description = request.headers["x-amz-archive-description"];
  return {
    name: "UploadArchive",
    ...vault(request),
    body: request.body,
    treeHash: treeHash.toLowerCase(),
    ...optional("description", typeof description === "string" ? description : undefined),
  };
}

function requiredHeader(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  if (typeof value !== "string" || value === "")
    throw new ServiceError("MissingParameterValueException", `Required header missing: ${name}`);
  return value;
}

function policyField(body: Buffer): string | undefined {
  const policy = jsonField(body, "Policy");
  if (policy !== undefined && typeof policy !== "string")
    throw new ServiceError("SerializationException", "Policy must be a JSON string");
  return policy;
}

function stringMap(body: Buffer, name: string): Record<string, string> | undefined {
  const map = jsonField(body, name);
  if (map === undefined) return undefined;
  if (
    typeof map !== "object" ||
    map === null ||
    Array.isArray(map) ||
    Object.values(map).some((v) => typeof v !== "string")
  )
    throw new ServiceError("SerializationException", `${name} must map keys to strings`);
  return map as Record<string, string>;
}

function stringList(value: unknown, name: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((k) => typeof k !== "string"))
    throw new ServiceError("SerializationException", `${name} must be a list of strings`);
  return value as string[];
}

/** One member of a JSON-object body; an empty body has none (PROTO-MALFORMED-BODY). */
function jsonField(body: Buffer, name: string): unknown {
  const text = body.toString("utf8").trim();
  if (text === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ServiceError("SerializationException", "The request body is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new ServiceError("SerializationException", "The request body must be a JSON object");
  return (parsed as Record<string, unknown>)[name] ?? undefined;
}
