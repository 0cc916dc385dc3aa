/**
 * Each operation's REST route as the SDK's Smithy schema states it (its `http` trait: method, URI template with
 * labels and any query literal, success status), for the operations `BINDINGS` serves (PROTO-REST-JSON).
 */
import * as sdk from "@aws-sdk/client-glacier";
import type { OperationName } from "../model/index.js";
import { BINDINGS } from "./operations.js";

export interface Route {
  operation: OperationName;
  method: string;
  /** The URI template, e.g. `/{accountId}/vaults/{vaultName}/lock-policy/{lockId}`. */
  uri: string;
  /** The success status the schema names. */
  status: number;
  /** Matches a raw (still percent-encoded) path; its groups are the labels, in `labels` order. */
  shape: RegExp;
  labels: string[];
  /** A query parameter the route requires, as `?operation=add` does. */
  query?: [string, string];
  /** Where the success answer's output members travel. */
  output: OutputBinding;
}

type OperationSchema = readonly [
  9,
  string,
  string,
  { http?: [string, string, number] },
  unknown,
  (() => StructureSchema) | unknown,
];
/** A Smithy structure schema: members' names, then each member's schema or traits. */
type StructureSchema = readonly [3, string, string, number, string[], unknown[]];

const schemaOf = (operation: OperationName) =>
  (sdk as unknown as Record<string, OperationSchema | undefined>)[`${operation}$`];

/** Where a success answer's output members travel: response headers by member, and the member that is the body. */
export interface OutputBinding {
  /** Output member → response header name, lower case (the `httpHeader` trait). */
  headers: Record<string, string>;
  /** The member bound to the whole body (the `httpPayload` trait), when one is. */
  payload?: string;
}

const HTTP_PAYLOAD = 16;

/** An operation's output binding as the SDK's Smithy schema states it. */
function outputBinding(operation: OperationName): OutputBinding {
  const output = schemaOf(operation)?.[5];
  const structure: unknown = typeof output === "function" ? output() : undefined;
  const binding: OutputBinding = { headers: {} };
  if (!Array.isArray(structure)) return binding; // "unit": the operation has no output members
  const [, , , , members, memberSchemas] = structure as unknown as StructureSchema;
  members.forEach((member, i) => {
    const traits = (memberSchemas[i] as unknown[] | null | undefined)?.[1];
    if (traits === HTTP_PAYLOAD) binding.payload = member;
    const header = (traits as { httpHeader?: string } | undefined)?.httpHeader;
    if (typeof header === "string") binding.headers[member] = header.toLowerCase();
  });
  return binding;
}

function routeOf(operation: OperationName): Route {
  const http = schemaOf(operation)?.[3].http;
  if (!http) throw new Error(`the SDK's schema has no http trait for ${operation}`);
  const [method, template, status] = http;
  const [uri = "", literal] = template.split("?", 2);
  const labels: string[] = [];
  const pattern = uri.replace(/\{(\w+)\}/g, (_, label: string) => (labels.push(label), "([^/]+)"));
  const [key, value] = literal?.split("=", 2) ?? [];
  return {
    operation,
    method,
    uri,
    status,
    shape: new RegExp(`^${pattern}$`),
    labels,
    output: outputBinding(operation),
    ...(key !== undefined ? { query: [key, value ?? ""] as [string, string] } : {}),
  };
}

/** The routes, in the registry's order. */
export const ROUTES: readonly Route[] = (Object.keys(BINDINGS) as OperationName[]).map(routeOf);

/** The route of one operation. */
export function routeFor(operation: OperationName): Route {
  return ROUTES.find((route) => route.operation === operation)!;
}
