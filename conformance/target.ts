/**
 * A target: an endpoint the suite checks, reached only through @aws-sdk/client-glacier (retries off)
 * and, when the target declares clock control, the emulator's documented `/__emulator/clock` route.
 */
import { GlacierClient } from "@aws-sdk/client-glacier";
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { Interrupted, RecordingHandler, type WireOptions } from "./wire/handler.js";
import { jsonObject } from "./wire/json.js";

export interface Capabilities {
  /** The target serves `POST /__emulator/clock`, so the suite can make 24 hours pass. */
  clockControl: boolean;
  /** The endpoint is real AWS (safety rails apply; see issue 8). */
  realAws: boolean;
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface Target {
  name: string;
  /** Undefined: the SDK's own resolution (`AWS_ENDPOINT_URL_GLACIER`, profile, region default). */
  endpoint?: string;
  region: string;
  /** Undefined: the SDK's default credential chain (environment, profile, SSO, instance role). */
  credentials?: Credentials;
  /** The signer's 12-digit account id, used to test `ACCT-DASH-OR-OWN` with the explicit id. */
  accountId: string;
  /** A second principal, for cross-account isolation checks. */
  second?: { credentials: Credentials; accountId: string };
  capabilities: Capabilities;
}

/**
 * The target for an emulator on loopback with clock control, signing as the first of `accounts` and
 * using the second (when given) as the other principal.
 */
export function emulatorTarget(endpoint: string, accounts: readonly (Credentials & { accountId: string })[]): Target {
  const [main, second] = accounts;
  const credentials = (a: Credentials) => ({ accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey });
  return {
    name: "emulator",
    endpoint,
    region: "us-east-1",
    credentials: credentials(main!),
    accountId: main!.accountId,
    ...(second ? { second: { credentials: credentials(second), accountId: second.accountId } } : {}),
    capabilities: { clockControl: true, realAws: false },
  };
}

/**
 * An SDK client for the target (or its second principal), retries off, every exchange recorded and bounded by
 * `wire` (conformance/wire/handler.ts).
 */
export function clientFor(
  target: Target,
  credentials = target.credentials,
  wire: WireOptions = { deadlineMs: 10_000 },
): GlacierClient {
  return new GlacierClient({
    region: target.region,
    maxAttempts: 1,
    requestHandler: new RecordingHandler(wire),
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
  });
}

const ISO_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** The clock-control route answered something other than its documented `{"now", "offsetMs"}`. */
export class ClockControlFailure extends Error {}

/**
 * The target's service clock, moved through the control route when it has one. Control requests reuse one
 * kept-alive connection, have the run's deadline, and any answer but the documented one is a
 * `ClockControlFailure`.
 */
export class TargetClock {
  private offset = 0;
  private agent: HttpAgent | undefined;

  constructor(
    private readonly target: Target,
    private readonly wire: WireOptions = { deadlineMs: 10_000 },
  ) {}

  /** The suite's estimate of the endpoint's service time, epoch ms. */
  now(): number {
    return Date.now() + this.offset;
  }

  /** Reads the endpoint's clock offset, when it can be controlled. */
  async sync(): Promise<void> {
    if (this.target.capabilities.clockControl) await this.control("GET");
  }

  /** Moves the endpoint's clock forward by `ms`; throws when the target has no clock control. */
  async advance(ms: number): Promise<void> {
    if (!this.target.capabilities.clockControl) throw new Error(`target ${this.target.name} has no clock control`);
    await this.control("POST", JSON.stringify({ advanceMs: ms }), this.offset + ms);
  }

  /** Closes the kept-alive control connection. */
  close(): void {
    this.agent?.destroy();
    this.agent = undefined;
  }

  private async control(method: "GET" | "POST", body?: string, expectedOffset?: number): Promise<void> {
    if (this.wire.interrupted?.()) throw new Interrupted();
    const { status, text } = await this.send(method, body).catch((error: unknown) => {
      throw new ClockControlFailure(`clock control ${method}: no answer: ${(error as Error).message}`);
    });
    const answer = jsonObject(text);
    const offset = answer?.offsetMs;
    if (status !== 200 || typeof offset !== "number" || !Number.isFinite(offset) || typeof answer?.now !== "string")
      throw new ClockControlFailure(
        `clock control ${method} answered ${status} ${JSON.stringify(text.slice(0, 200))}, not {"now": ISO date, "offsetMs": number}`,
      );
    if (!ISO_DATE.test(answer.now) || !Number.isFinite(Date.parse(answer.now)))
      throw new ClockControlFailure(
        `clock control ${method} answered now ${JSON.stringify(answer.now)}, not an ISO date`,
      );
    if (expectedOffset !== undefined && Math.abs(offset - expectedOffset) > 1000)
      throw new ClockControlFailure(
        `clock control moved the clock to offset ${offset} ms instead of ${expectedOffset}`,
      );
    this.offset = offset;
  }

  private send(method: string, body = ""): Promise<{ status: number; text: string }> {
    const url = new URL("/__emulator/clock", this.target.endpoint);
    const secure = url.protocol === "https:";
    this.agent ??= secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
    const headers = { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) };
    const signal = AbortSignal.timeout(this.wire.deadlineMs);
    return new Promise((resolve, reject) => {
      const options = { method, headers, agent: this.agent, signal };
      const request = (secure ? httpsRequest : httpRequest)(url, options, (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > 64 * 1024) response.destroy(new Error("answer over 64 KiB"));
          else chunks.push(chunk);
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        response.on("error", reject);
        response.on("aborted", () => reject(new Error("the answer ended early")));
      });
      request.on("error", (error) =>
        reject(signal.aborted ? new Error(`no answer within ${this.wire.deadlineMs} ms`) : error),
      );
      request.end(body);
    });
  }
}
