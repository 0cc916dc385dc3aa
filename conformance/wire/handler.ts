/**
 * The SDK's request handler, wrapped so that every exchange is recorded beneath the SDK and bounded: one
 * deadline for the whole answer (headers and body), a cap on the answer's size, and a stop before any new
 * request once the run is interrupted. The answer body is read here in full, so a stall after the headers
 * is caught by the same deadline, and handed on to the SDK unchanged.
 */
import type { IncomingMessage } from "node:http";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { HttpHandler, HttpRequest, HttpResponse } from "@smithy/protocol-http";
import type { HttpHandlerOptions } from "@smithy/types";
import { capText, redactHeaders, type Captured, type WireExchange } from "./exchange.js";

export interface WireOptions {
  /** Deadline for one whole answer, ms. */
  deadlineMs: number;
  /** Largest answer body read, bytes; a larger one is a transport failure. */
  maxBodyBytes?: number;
  /** Checked before every request: true stops the run (`Interrupted`) instead of sending. */
  interrupted?: () => boolean;
  /** Told of every exchange, after its answer (or failure), with the operation `captureExchange` named. */
  observe?: (captured: Captured, operation: string | undefined) => void;
}

/** Thrown instead of sending a request once the run was interrupted (Ctrl-C, SIGTERM). */
export class Interrupted extends Error {
  constructor() {
    super("interrupted: no further request sent");
  }
}

/**
 * Largest answer body read: no answer of these operations comes near it (a ListVaults page of 1,000 vaults is
 * about 250 KB, a lock policy at most 20 KB), so a larger one is a fault of the target.
 */
const DEFAULT_MAX_BODY = 1024 * 1024;
/** Bytes of each body a trace keeps. */
export const KEPT_REQUEST_BYTES = 512;
export const KEPT_RESPONSE_BYTES = 2048;

interface Slot {
  operation?: string;
  captured?: Captured;
}
/** Where the handler options of one send carry its slot (the SDK hands a send's options on to the handler). */
const SLOT = Symbol("wire slot");
type SlotOptions = HttpHandlerOptions & { [SLOT]?: Slot };

/**
 * Runs `send` (one request for `operation`, its handler options passed to `client.send` or `handler.handle`) and
 * returns what it resolved to or threw, with the exchange the handler recorded for it.
 */
export async function captureExchange<T>(
  operation: string | undefined,
  send: (options: HttpHandlerOptions) => Promise<T>,
): Promise<{ value?: T; error?: unknown; captured?: Captured }> {
  const slot: Slot = operation ? { operation } : {};
  try {
    const value = await send({ [SLOT]: slot } as SlotOptions);
    return { value, ...(slot.captured ? { captured: slot.captured } : {}) };
  } catch (error) {
    return { error, ...(slot.captured ? { captured: slot.captured } : {}) };
  }
}

/** A `requestHandler` for SDK clients that records and bounds every exchange. */
export class RecordingHandler implements HttpHandler<HttpHandlerOptions> {
  private readonly inner = new NodeHttpHandler({ connectionTimeout: 5_000 });

  constructor(readonly options: WireOptions) {}

  async handle(request: HttpRequest, handlerOptions: SlotOptions = {}): Promise<{ response: HttpResponse }> {
    if (this.options.interrupted?.()) throw new Interrupted();
    const deadline = new Deadline(this.options.deadlineMs, handlerOptions.abortSignal as AbortSignal | undefined);
    try {
      return await this.exchange(request, deadline, handlerOptions[SLOT]);
    } finally {
      deadline.clear();
    }
  }

  private async exchange(request: HttpRequest, deadline: Deadline, slot: Slot | undefined) {
    const record = requestRecord(request);
    const { signal: abortSignal } = deadline;
    const finish = (captured: Captured) => {
      captured.record.ms = Date.now() - record.sentAt;
      if (slot) slot.captured = captured;
      this.options.observe?.(captured, slot?.operation);
    };
    let response: HttpResponse;
    try {
      ({ response } = await this.inner.handle(request, { abortSignal }));
    } catch (error) {
      finish({ record: { ...record, transport: transportReason(error, deadline, this.options.deadlineMs) } });
      throw error;
    }
    const answered = { ...record, status: response.statusCode, responseHeaders: lowerCase(response.headers) };
    try {
      const body = await readAll(
        response.body as IncomingMessage,
        this.options.maxBodyBytes ?? DEFAULT_MAX_BODY,
        deadline,
      );
      finish({
        record: { ...answered, responseBody: capText(body, KEPT_RESPONSE_BYTES), responseBytes: body.length },
        body,
      });
      response.body = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
      return { response };
    } catch (error) {
      finish({ record: { ...answered, transport: transportReason(error, deadline, this.options.deadlineMs) } });
      throw error;
    }
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {
    this.inner.destroy();
  }
}

/**
 * One answer's deadline as an abort signal for the SDK's handler, which also follows the caller's signal: one
 * timer (unref'd, as `AbortSignal.timeout`'s), cleared once the exchange is over. The body reader is told
 * directly (`onAbort`), not through a second listener on the signal.
 */
class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly follow = () => this.abort(this.outer?.reason);
  passed = false;
  /** Called once when the deadline passes or the caller aborts, while the body is being read. */
  onAbort: (() => void) | undefined;

  constructor(
    ms: number,
    private readonly outer: AbortSignal | undefined,
  ) {
    this.timer = setTimeout(() => {
      this.passed = true;
      this.abort();
    }, ms).unref();
    if (outer?.aborted) this.follow();
    else outer?.addEventListener("abort", this.follow, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get aborted(): boolean {
    return this.controller.signal.aborted;
  }

  clear(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener("abort", this.follow);
  }

  private abort(reason?: unknown): void {
    this.controller.abort(reason);
    this.onAbort?.();
  }
}

function requestRecord(request: HttpRequest): WireExchange {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query ?? {}))
    for (const v of Array.isArray(value) ? value : [value]) if (v !== null && v !== undefined) query.append(key, v);
  const body = request.body as unknown;
  const bytes = typeof body === "string" ? Buffer.from(body) : body instanceof Uint8Array ? body : undefined;
  return {
    method: request.method,
    path: `${request.path}${query.size ? `?${query}` : ""}`,
    requestHeaders: redactHeaders(request.headers),
    ...(bytes?.byteLength ? { requestBody: capText(bytes, KEPT_REQUEST_BYTES) } : {}),
    requestBytes: bytes?.byteLength ?? 0,
    sentAt: Date.now(),
    ms: 0,
  };
}

/** The headers with lower-case names: node's own already are, and are then copied as they are. */
function lowerCase(headers: Record<string, string>): Record<string, string> {
  for (const name in headers)
    if (name !== name.toLowerCase())
      return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { ...headers };
}

/** One line saying why no usable answer came. */
function transportReason(error: unknown, deadline: Deadline, deadlineMs: number): string {
  if (deadline.passed) return `no complete answer within ${deadlineMs} ms`;
  const e = error as { code?: string; message?: string; name?: string };
  const text = e.message ?? String(error);
  return e.code && !text.includes(e.code) ? `${e.code}: ${text}` : text;
}

/** The whole body, or a rejection when it is larger than `max`, ends early, or the deadline passes. */
function readAll(stream: IncomingMessage | undefined, max: number, deadline: Deadline): Promise<Buffer> {
  if (!stream || typeof stream.on !== "function") return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    let lastError: Error | undefined;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      deadline.onAbort = undefined;
      outcome();
    };
    const fail = (reason: Error) =>
      settle(() => {
        stream.destroy();
        reject(reason);
      });
    const onAbort = () => fail(new Error("the answer did not complete in time"));
    if (deadline.aborted) return onAbort();
    deadline.onAbort = onAbort;
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) fail(new Error(`answer body over ${max} bytes`));
      else chunks.push(chunk);
    });
    stream.on("end", () => settle(() => resolve(Buffer.concat(chunks))));
    stream.on("error", (error) => (lastError = error));
    stream.on("close", () =>
      setImmediate(() => fail(lastError ?? new Error("the answer ended before its body was complete"))),
    );
  });
}
