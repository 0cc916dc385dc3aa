/** The upstream answer as the chaos proxy holds it, and the helpers its faults build altered answers with. */
import { STATUS_CODES } from "node:http";

/** An upstream answer: status, headers as sent (name case kept, hop-by-hop ones dropped) and the body bytes. */
export interface Answer {
  status: number;
  headers: [name: string, value: string][];
  body: Buffer;
}

/** What the proxy does instead of forwarding: a well-formed answer, raw bytes on the socket, or a reset. */
export type Action =
  /** A well-formed HTTP answer; the proxy sets Content-Length from the body. */
  | { type: "answer"; answer: Answer; delayMs?: number }
  /** Bytes written to the socket as they are; then the connection is closed, or held open until the proxy closes. */
  | { type: "raw"; bytes: Buffer[]; after: "close" | "hold" }
  /** A TCP reset (RST) before any byte of the answer. */
  | { type: "reset" };

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length"]);

/** Pairs from Node's flat `rawHeaders`, without hop-by-hop headers and Content-Length (the proxy sets it). */
export function headerPairs(rawHeaders: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2)
    if (!HOP_BY_HOP.has(rawHeaders[i]!.toLowerCase())) pairs.push([rawHeaders[i]!, rawHeaders[i + 1]!]);
  return pairs;
}

export function header(answer: Answer, name: string): string | undefined {
  return answer.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}

/** The answer without header `name` (any case). */
export function withoutHeader(answer: Answer, name: string): Answer {
  return { ...answer, headers: answer.headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase()) };
}

/** The answer with header `name` set to `value`, replacing any of that name. */
export function withHeader(answer: Answer, name: string, value: string): Answer {
  return { ...withoutHeader(answer, name), headers: [...withoutHeader(answer, name).headers, [name, value]] };
}

/** The body as a JSON object, or undefined when it is not one (or has no members). */
export function jsonMembers(answer: Answer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(answer.body.toString("utf8"));
    const members = value && typeof value === "object" && !Array.isArray(value) ? value : undefined;
    return members && Object.keys(members).length > 0 ? (members as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Status line and header block of an HTTP/1.1 answer, `extra` headers appended (Content-Length among them). */
export function head(answer: Answer, extra: [string, string][]): Buffer {
  const lines = [`HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? "Unknown"}`];
  for (const [name, value] of [...answer.headers, ...extra]) lines.push(`${name}: ${value}`);
  return Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1");
}

/** The whole answer as bytes, with its own Content-Length. */
export function serialize(answer: Answer, extra: [string, string][] = []): Buffer {
  return Buffer.concat([head(answer, [["Content-Length", String(answer.body.length)], ...extra]), answer.body]);
}

/** One chunk of a chunked body: size in hex, CRLF, the bytes, CRLF. */
export function chunk(bytes: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from("\r\n")]);
}
