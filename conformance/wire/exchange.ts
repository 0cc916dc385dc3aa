/**
 * One HTTP exchange as it crossed the wire, below the SDK: what was sent and what came back (or why nothing
 * usable came back). Bodies are kept in full only while the answer is judged; the record a trace keeps is capped.
 */

/** The raw exchange a trace step shows. Header names are lower case; bodies are UTF-8 text, capped. */
export interface WireExchange {
  method: string;
  /** Path and query string, as sent (still percent-encoded). */
  path: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  requestBytes: number;
  /** Absent when no complete answer came. */
  status?: number;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
  responseBytes?: number;
  /** Why there is no usable answer: a reset, a deadline, malformed HTTP, a body over the limit. */
  transport?: string;
  /** Wall-clock ms of sending, and how long until the answer was complete (or failed). */
  sentAt: number;
  ms: number;
}

/** The exchange with the whole answer body, for the judges; only `record` is kept afterwards. */
export interface Captured {
  record: WireExchange;
  body?: Buffer;
}

/** Body text kept in a trace: at most `limit` bytes, with the total when cut. */
export function capText(bytes: Uint8Array, limit: number): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, limit)).toString("utf8");
  return bytes.byteLength > limit ? `${text}… (${bytes.byteLength} bytes in all)` : text;
}

/** Headers the SDK adds to every request that say nothing about it (its version and retry bookkeeping). */
const TELEMETRY = new Set(["user-agent", "x-amz-user-agent", "amz-sdk-invocation-id", "amz-sdk-request"]);

/**
 * Request headers as a trace keeps them: Authorization with its signature hidden and session tokens dropped
 * (traces go into CI artifacts), and the SDK's telemetry headers left out.
 */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (TELEMETRY.has(lower)) continue;
    if (lower === "x-amz-security-token") out[lower] = "(redacted)";
    else if (lower === "authorization") out[lower] = value.replace(/Signature=[0-9a-f]+/, "Signature=(redacted)");
    else out[lower] = value;
  }
  return out;
}

/** `GET /-/vaults?limit=1 → 200 (312 B)`: an exchange in one line. */
export function formatExchange(exchange: WireExchange): string {
  const answer =
    exchange.status === undefined
      ? `no answer: ${exchange.transport ?? "unknown"}`
      : `${exchange.status} (${exchange.responseBytes ?? 0} B)${exchange.transport ? `, then ${exchange.transport}` : ""}`;
  return `${exchange.method} ${exchange.path} → ${answer}`;
}
