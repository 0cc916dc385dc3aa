/**
 * Runs a model Operation against a target through the SDK and describes what came back in the model's
 * terms: status, error code, headers and body fields. With a recording client (`clientFor`) the description
 * is read from the raw answer beneath the SDK, with the SDK's own reading beside it: where the SDK could not
 * parse an answer, that is said too. Nothing a target sends makes this throw.
 */
import type { GlacierClient } from "@aws-sdk/client-glacier";
import type { HttpHandlerOptions } from "@smithy/types";
import { isErrorCode, type ErrorCode, type Operation, type OperationName } from "../model/index.js";
import { BINDINGS } from "../protocol/operations.js";
import { routeFor } from "../protocol/routes.js";
import type { Captured, WireExchange } from "./wire/exchange.js";
import { captureExchange, Interrupted } from "./wire/handler.js";
import { jsonObject } from "./wire/json.js";

export interface Observed {
  /** The HTTP status; 0 when no answer came. */
  status: number;
  /** The AWS error code as the SDK read it, when the error table knows it. */
  code?: ErrorCode;
  /** Error name as the SDK reported it, when it is not an AWS error code (e.g. an HTML 404). */
  unrecognized?: string;
  message?: string;
  /** `x-amzn-RequestId`. */
  requestId?: string;
  /** Response headers, names in lower case. */
  headers: Record<string, string>;
  /** The answer's JSON object, when it has one. */
  body?: Record<string, unknown>;
  /** Why there is no usable answer: reset, deadline, malformed HTTP, a body cut short or over the limit. */
  transport?: string;
  /** The SDK could not read an answer that came (its message). */
  sdkError?: string;
  /** The raw exchange, with a recording client. */
  exchange?: WireExchange;
}

/** Thrown when the SDK refuses to send an operation (a suite defect, never the target's doing). */
export class Unsendable extends Error {}

type Output = Record<string, unknown> & { $metadata?: { httpStatusCode?: number; requestId?: string } };

/** Sends the operation's SDK command (`protocol/operations.ts`) with these handler options. */
function sendCommand(client: GlacierClient, operation: Operation, options: HttpHandlerOptions): Promise<object> {
  const command = (BINDINGS[operation.name].command as (o: Operation) => object)(operation);
  return client.send(command as Parameters<GlacierClient["send"]>[0], options);
}

/** The SDK's error: its name (an AWS code when the table knows it) and message. */
function sdkErrorParts(error: unknown): Pick<Observed, "code" | "unrecognized" | "message"> {
  const e = error as { name?: unknown; message?: unknown };
  const name = typeof e.name === "string" && e.name ? e.name : "Error";
  const known = isErrorCode(name) ? { code: name } : { unrecognized: name };
  return { ...known, ...(typeof e.message === "string" && e.message ? { message: e.message.split("\n")[0]! } : {}) };
}

/** The SDK's output members put back where the schema's binding says they travel: headers, or body fields. */
function placeOutput(name: OperationName, members: Record<string, unknown>) {
  const binding = routeFor(name).output;
  const headers: Record<string, string> = {};
  let fields: Record<string, unknown> = {};
  for (const [member, value] of Object.entries(members)) {
    const header = binding.headers[member];
    if (header !== undefined) {
      if (typeof value === "string") headers[header] = value;
    } else if (member === binding.payload) {
      if (typeof value === "object" && value !== null) fields = { ...fields, ...value };
    } else fields[member] = value;
  }
  return { headers, fields };
}

/** Without a recorded exchange (a plain SDK client): what the SDK's output or error says. */
function fromSdk(name: OperationName, value: Output | undefined, error: unknown): Observed {
  if (value) {
    const { $metadata, ...members } = value;
    const { headers, fields } = placeOutput(name, members);
    const requestId = $metadata?.requestId ? { requestId: $metadata.requestId } : {};
    const body = Object.keys(fields).length ? { body: fields } : {};
    return { status: $metadata?.httpStatusCode ?? 0, headers, ...requestId, ...body };
  }
  const meta = (error as { $metadata?: { httpStatusCode?: number; requestId?: string } }).$metadata;
  if (meta?.httpStatusCode === undefined) throw new Unsendable(`the SDK did not send the request: ${String(error)}`);
  const requestId = meta.requestId ? { requestId: meta.requestId } : {};
  return { status: meta.httpStatusCode, ...sdkErrorParts(error), ...requestId, headers: {} };
}

/** From the raw exchange; the SDK's reading decides the error code and whether it could parse the answer. */
function fromWire(exchange: WireExchange, body: Buffer | undefined, value: unknown, error: unknown): Observed {
  const headers = exchange.responseHeaders ?? {};
  const base = { status: exchange.status ?? 0, headers, exchange };
  const requestId = headers["x-amzn-requestid"] ? { requestId: headers["x-amzn-requestid"] } : {};
  if (exchange.transport) return { ...base, ...requestId, transport: exchange.transport };
  const json = body?.length ? jsonObject(body) : undefined;
  const parsed = json ? { body: json } : {};
  if (value !== undefined) return { ...base, ...requestId, ...parsed };
  const status = base.status;
  if (status >= 200 && status < 300)
    return { ...base, ...requestId, ...parsed, sdkError: sdkErrorParts(error).message ?? String(error) };
  return { ...base, ...requestId, ...parsed, ...sdkErrorParts(error) };
}

/** The error code a raw answer names, read as the SDK reads REST-JSON errors: header, then `code`, then `__type`. */
function rawErrorName(headers: Record<string, string>, body: Record<string, unknown> | undefined): string {
  const named = headers["x-amzn-errortype"] ?? body?.code ?? body?.__type;
  return typeof named === "string" ? named.split(":")[0]!.split("#").at(-1)! : "UnknownError";
}

/** Describes an answer the raw client got, without the SDK: the error code is read from the answer itself. */
export function observedFromCapture(captured: Captured): Observed {
  const { record, body } = captured;
  const status = record.status ?? 0;
  if (record.transport || status < 300) return fromWire(record, body, record.transport ? undefined : {}, undefined);
  const json = body?.length ? jsonObject(body) : undefined;
  const message = typeof json?.message === "string" && json.message ? { message: json.message } : {};
  return {
    ...fromWire(record, body, undefined, { name: rawErrorName(record.responseHeaders ?? {}, json) }),
    ...message,
  };
}

/** Sends `operation` and describes the answer. Throws only `Interrupted`, and `Unsendable` for a suite defect. */
export async function invoke(client: GlacierClient, operation: Operation): Promise<Observed> {
  const { value, error, captured } = await captureExchange(operation.name, (options) =>
    sendCommand(client, operation, options),
  );
  if (error instanceof Interrupted) throw error;
  if (captured) return fromWire(captured.record, captured.body, value, error);
  return fromSdk(operation.name, value as Output | undefined, error);
}

/** `201`, `403 AccessDeniedException`, `404 (not AWS-shaped: UnknownError)` or `no answer: ECONNRESET`. */
export function formatObserved(observed: Observed): string {
  if (observed.transport)
    return observed.status ? `${observed.status}, then ${observed.transport}` : `no answer: ${observed.transport}`;
  if (observed.sdkError) return `${observed.status} (the SDK could not read it: ${observed.sdkError})`;
  if (observed.code) return `${observed.status} ${observed.code}`;
  if (observed.unrecognized) return `${observed.status} (not AWS-shaped: ${observed.unrecognized})`;
  return String(observed.status);
}
