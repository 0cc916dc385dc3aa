/**
 * One handler per API operation, named after it: each turns the routed HTTP request into the model's
 * Operation. They hold no rules; the oracle decides everything.
 */
import type { Operation, OperationName } from "../model/index.js";
import { ServiceError } from "./errors.js";
import type { RouteMatch } from "./routes.js";

export interface HandlerInput {
  route: RouteMatch;
  body: Buffer;
  query: URLSearchParams;
}

type Handler = (input: HandlerInput) => Operation;

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
  const policy = (parsed as Record<string, unknown>).Policy;
  if (policy !== undefined && typeof policy !== "string")
    throw new ServiceError("SerializationException", "Policy must be a JSON string");
  return policy;
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
};
