/**
 * Test-only control routes, outside the AWS route space and absent unless the emulator was started with
 * clock control: `GET /__emulator/clock` reads the service clock, `POST /__emulator/clock` with
 * `{"advanceMs": n}` or `{"now": epochMs | ISO string}` moves it. Answers `{"now": ISO, "offsetMs": n}`.
 */
import type { ServerResponse } from "node:http";
import type { ServiceClock } from "./clock.js";
import { ServiceError } from "../protocol/errors.js";

export const CONTROL_PREFIX = "/__emulator/";

export interface ControlOptions {
  clock: ServiceClock;
}

/** Serves a control route; false when the path is not one, so the AWS pipeline goes on. */
export function serveControl(
  control: ControlOptions,
  method: string,
  rawPath: string,
  body: Buffer,
  res: ServerResponse,
  requestId: string,
): boolean {
  if (!rawPath.startsWith(CONTROL_PREFIX)) return false;
  if (rawPath !== `${CONTROL_PREFIX}clock` || (method !== "GET" && method !== "POST"))
    throw new ServiceError("UnknownOperationException", `No control operation for ${method} ${rawPath}`);
  if (method === "POST") moveClock(control.clock, body);
  const text = JSON.stringify({ now: new Date(control.clock.now()).toISOString(), offsetMs: control.clock.offset() });
  const headers = {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    "x-amzn-RequestId": requestId,
  };
  res.writeHead(200, headers).end(text);
  return true;
}

function moveClock(clock: ServiceClock, body: Buffer): void {
  let request: { advanceMs?: unknown; now?: unknown };
  try {
    request = JSON.parse(body.toString("utf8") || "{}") as typeof request;
  } catch {
    throw new ServiceError("SerializationException", "The request body is not valid JSON");
  }
  if (typeof request.advanceMs === "number" && Number.isFinite(request.advanceMs))
    return clock.advance(request.advanceMs);
  const now = typeof request.now === "string" ? Date.parse(request.now) : request.now;
  if (typeof now === "number" && Number.isFinite(now)) return clock.set(now);
  throw new ServiceError(
    "InvalidParameterValueException",
    'Send {"advanceMs": number} or {"now": epoch ms or ISO date}',
  );
}
