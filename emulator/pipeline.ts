/**
 * The request pipeline, in order: request id and Date → body (size-limited; archive uploads get a larger
 * limit) → test-only control routes → SigV4 → API version header → route → handler → model → response.
 * Every failure becomes an AWS-shaped JSON error; nothing reaches the model unless all earlier steps passed.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ERRORS, type ErrorCode, type Operation, type OperationName, type Response } from "../model/index.js";
import type { Verifier } from "./auth.js";
import { serveControl, type ControlOptions } from "./control.js";
import { errorBody, ServiceError } from "../protocol/errors.js";
import { BINDINGS, type Reader } from "../protocol/operations.js";
import { isArchiveUpload, matchRoute } from "./routes.js";

export const API_VERSION = "2012-06-01";

/** What the pipeline asks of the vault service (`VaultService`): the answer to one authenticated operation. */
export interface Executor {
  execute(operation: Operation, signer: string, region: string): Response | Promise<Response>;
}

export interface PipelineDeps {
  service: Executor;
  auth: Verifier;
  maxBodyBytes: number;
  maxArchiveBytes: number;
  control: ControlOptions | undefined;
  /** Request readers that replace the registry's (`BINDINGS`), by operation. */
  readers?: Partial<Record<OperationName, Reader>>;
}

/** A Node request listener running the pipeline. It never throws and always answers. */
export function createPipeline(deps: PipelineDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const requestId = randomUUID();
    try {
      handle(req, res, deps, requestId)?.catch((error: unknown) => fail(res, requestId, error));
    } catch (error) {
      fail(res, requestId, error);
    }
  };
}

/** Answers a failed request: a ServiceError as itself, anything else as ServiceUnavailableException. */
function fail(res: ServerResponse, requestId: string, error: unknown): void {
  const known = error instanceof ServiceError;
  const code: ErrorCode = known ? error.code : "ServiceUnavailableException";
  const message = known ? error.message : "The service could not complete the request";
  writeError(res, requestId, code, message);
}

interface Arrived {
  method: string;
  rawPath: string;
  query: URLSearchParams;
  body: Buffer;
}

/** Runs the pipeline; it waits (a promise) only for a body still to come or for a service that yields. */
function handle(req: IncomingMessage, res: ServerResponse, deps: PipelineDeps, requestId: string) {
  const method = req.method ?? "GET";
  const [rawPath = "/", rawQuery = ""] = (req.url ?? "/").split("?", 2);
  const query = rawQuery ? new URLSearchParams(rawQuery) : NO_QUERY;
  const body = readBody(req, isArchiveUpload(method, rawPath) ? deps.maxArchiveBytes : deps.maxBodyBytes);
  if (!(body instanceof Promise)) return answer(req, res, deps, requestId, { method, rawPath, query, body });
  return body.then((read) => answer(req, res, deps, requestId, { method, rawPath, query, body: read }));
}

function answer(
  req: IncomingMessage,
  res: ServerResponse,
  deps: PipelineDeps,
  requestId: string,
  { method, rawPath, query, body }: Arrived,
): Promise<void> | undefined {
  if (deps.control && serveControl(deps.control, method, rawPath, body, res, requestId)) return undefined;
  const principal = deps.auth.verify({ method, rawPath, query: queryRecord(query), headers: req.headers, body });
  checkApiVersion(req.headers["x-amz-glacier-version"]);
  const route = routeOf(method, rawPath, query);
  const read = deps.readers?.[route.operation] ?? BINDINGS[route.operation].read;
  const operation = read({ labels: route.labels, body, query, headers: req.headers });
  const response = deps.service.execute(operation, principal.account.accountId, principal.region);
  if (response instanceof Promise) return response.then((served) => writeResponse(res, requestId, served));
  writeResponse(res, requestId, response);
  return undefined;
}

function routeOf(method: string, rawPath: string, query: URLSearchParams) {
  let route;
  try {
    route = matchRoute(method, rawPath, query);
  } catch {
    throw new ServiceError("InvalidParameterValueException", "The request path is not correctly percent-encoded");
  }
  if (!route) throw new ServiceError("UnknownOperationException", `No operation for ${method} ${rawPath}`);
  return route;
}

/** PROTO-VERSION-HEADER, PROTO-VERSION-MISSING, PROTO-VERSION-WRONG. */
function checkApiVersion(version: string | string[] | undefined): void {
  if (version === undefined)
    throw new ServiceError("MissingParameterValueException", "Required parameter missing: API version");
  if (version !== API_VERSION)
    throw new ServiceError("InvalidParameterValueException", `Unsupported API version: ${String(version)}`);
}

const NO_QUERY = new URLSearchParams();
const EMPTY = Buffer.alloc(0);

function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  if (query === NO_QUERY) return record;
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    record[key] = values.length === 1 ? values[0]! : values;
  }
  return record;
}

/** Reads the whole body, refusing more than `limit` bytes (declared or streamed). */
function readBody(req: IncomingMessage, limit: number): Buffer | Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.reject(tooLarge(limit));
  }
  if (declared === 0 && req.headers["transfer-encoding"] === undefined) {
    req.resume();
    return EMPTY;
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        reject(tooLarge(limit));
      } else chunks.push(chunk);
    });
    let ended = false;
    req.on("end", () => {
      ended = true;
      resolve(Buffer.concat(chunks));
    });
    req.on("error", reject);
    req.on("close", () => ended || reject(new ServiceError("BadRequest", "The request body ended early")));
  });
}

function tooLarge(limit: number): ServiceError {
  return new ServiceError("InvalidParameterValueException", `The request body is larger than ${limit} bytes`);
}

let shownDate = { second: 0, text: "" };

/** The `Date` header: the wall clock to the second, formatted once a second. */
function dateHeader(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== shownDate.second) shownDate = { second, text: new Date(second * 1000).toUTCString() };
  return shownDate.text;
}

function commonHeaders(requestId: string): Record<string, string | number> {
  return { "x-amzn-RequestId": requestId, Date: dateHeader() };
}

/** Writes the answer: status, headers and body go out together (one socket write, as node:http gives). */
function writeResponse(res: ServerResponse, requestId: string, response: Response): void {
  if (response.code) return writeError(res, requestId, response.code, response.message ?? response.code);
  const headers: Record<string, string | number> = Object.assign(commonHeaders(requestId), response.headers);
  const text = response.body === undefined ? "" : JSON.stringify(response.body);
  if (text) headers["Content-Type"] = "application/json";
  headers["Content-Length"] = Buffer.byteLength(text);
  res.writeHead(response.status, headers).end(text);
}

/** Writes the AWS JSON error (ERR-JSON-BODY); also used by the control routes and client-error handler. */
export function writeError(res: ServerResponse, requestId: string, code: ErrorCode, message: string): void {
  if (res.headersSent) return void res.end();
  const text = errorBody(code, message);
  const headers = commonHeaders(requestId);
  headers["Content-Type"] = "application/json";
  headers["Content-Length"] = Buffer.byteLength(text);
  res.writeHead(ERRORS[code].status, headers).end(text);
}
