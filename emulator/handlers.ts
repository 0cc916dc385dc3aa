/**
 * One handler per API operation, named after it: each turns the routed HTTP request into the model's
 * Operation. They hold no rules; the oracle decides everything.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Operation, OperationName } from "../model/index.js";
import { ServiceError } from "./errors.js";
import type { RouteMatch } from "./routes.js";

export interface HandlerInput {
  route: RouteMatch;
  body: Buffer;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export type Handler = (input: HandlerInput) => Operation;

const vault = ({ route }: HandlerInput) => ({ accountId: route.accountId, vaultName: route.vaultName ?? "" });

function CreateVault(input: HandlerInput): Operation {
  return { name: "CreateVault", ...vault(input) };
}

function DeleteVault(input: HandlerInput): Operation {
  return { name: "DeleteVault", ...vault(input) };
}

function DescribeVault(input: HandlerInput): Operation {
  return { name: "DescribeVault", ...vault(input) };
}

function ListVaults({ route, query }: HandlerInput): Operation {
  const limit = query.get("limit") ?? undefined;
  const marker = query.get("marker") ?? undefined;
  return {
    name: "ListVaults",
    accountId: route.accountId,
    ...(limit !== undefined ? { limit } : {}),
    ...(marker !== undefined ? { marker } : {}),
  };
}

/** The archive body, its declared tree hash and description; both checksum headers are required (PROTO-REQUIRED-HEADERS). */
function UploadArchive(input: HandlerInput): Operation {
  const treeHash = requiredHeader(input.headers, "x-amz-sha256-tree-hash");
  requiredHeader(input.headers, "x-amz-content-sha256");
  const description = input.headers["x-amz-archive-description"];
  return {
    name: "UploadArchive",
    ...vault(input),
    body: input.body,
    treeHash: treeHash.toLowerCase(),
    ...(typeof description === "string" ? { description } : {}),
  };
}

function DeleteArchive(input: HandlerInput): Operation {
  return { name: "DeleteArchive", ...vault(input), archiveId: input.route.archiveId ?? "" };
}

/** Reads `{"Tags": {"key": "value"}}`. */
function AddTagsToVault(input: HandlerInput): Operation {
  const tags = jsonField(input.body, "Tags") ?? {};
  if (typeof tags !== "object" || Array.isArray(tags) || Object.values(tags).some((v) => typeof v !== "string"))
    throw new ServiceError("SerializationException", "Tags must map keys to strings");
  return { name: "AddTagsToVault", ...vault(input), tags: tags as Record<string, string> };
}

/** Reads `{"TagKeys": ["key"]}`. */
function RemoveTagsFromVault(input: HandlerInput): Operation {
  const keys = jsonField(input.body, "TagKeys") ?? [];
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== "string"))
    throw new ServiceError("SerializationException", "TagKeys must be a list of strings");
  return { name: "RemoveTagsFromVault", ...vault(input), keys: keys as string[] };
}

function ListTagsForVault(input: HandlerInput): Operation {
  return { name: "ListTagsForVault", ...vault(input) };
}

function SetVaultAccessPolicy(input: HandlerInput): Operation {
  const policy = policyField(input.body);
  return { name: "SetVaultAccessPolicy", ...vault(input), ...(policy !== undefined ? { policy } : {}) };
}

function GetVaultAccessPolicy(input: HandlerInput): Operation {
  return { name: "GetVaultAccessPolicy", ...vault(input) };
}

function DeleteVaultAccessPolicy(input: HandlerInput): Operation {
  return { name: "DeleteVaultAccessPolicy", ...vault(input) };
}

function requiredHeader(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  if (typeof value !== "string" || value === "")
    throw new ServiceError("MissingParameterValueException", `Required header missing: ${name}`);
  return value;
}

/** Reads `{"Policy": "<string>"}`; an empty body means no policy (the SDK sends `{}` or nothing). PROTO-MALFORMED-BODY. */
function InitiateVaultLock(input: HandlerInput): Operation {
  const policy = policyField(input.body);
  return { name: "InitiateVaultLock", ...vault(input), ...(policy !== undefined ? { policy } : {}) };
}

function CompleteVaultLock(input: HandlerInput): Operation {
  return { name: "CompleteVaultLock", ...vault(input), lockId: input.route.lockId ?? "" };
}

function AbortVaultLock(input: HandlerInput): Operation {
  return { name: "AbortVaultLock", ...vault(input) };
}

function GetVaultLock(input: HandlerInput): Operation {
  return { name: "GetVaultLock", ...vault(input) };
}

function policyField(body: Buffer): string | undefined {
  const policy = jsonField(body, "Policy");
  if (policy !== undefined && typeof policy !== "string")
    throw new ServiceError("SerializationException", "Policy must be a JSON string");
  return policy;
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

export const HANDLERS: Record<OperationName, Handler> = {
  CreateVault,
  DeleteVault,
  DescribeVault,
  ListVaults,
  InitiateVaultLock,
  CompleteVaultLock,
  AbortVaultLock,
  GetVaultLock,
  UploadArchive,
  DeleteArchive,
  AddTagsToVault,
  RemoveTagsFromVault,
  ListTagsForVault,
  SetVaultAccessPolicy,
  GetVaultAccessPolicy,
  DeleteVaultAccessPolicy,
};
