/**
 * A target: an endpoint the suite checks, reached only through @aws-sdk/client-glacier (retries off)
 * and, when the target declares clock control, the emulator's documented `/__emulator/clock` route.
 */
import { GlacierClient } from "@aws-sdk/client-glacier";
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

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

/** An SDK client for the target (or its second principal), retries off. */
export function clientFor(target: Target, credentials = target.credentials): GlacierClient {
  return new GlacierClient({
    region: target.region,
    maxAttempts: 1,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
  });
}

/**
 * The target's service clock, moved through the control route when it has one. Control requests reuse one
 * kept-alive connection (a run sends one per expiry it makes happen).
 */
export class TargetClock {
  private offset = 0;
  private agent: HttpAgent | undefined;

  constructor(private readonly target: Target) {}

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
    await this.control("POST", JSON.stringify({ advanceMs: ms }));
  }

  /** Closes the kept-alive control connection. */
  close(): void {
    this.agent?.destroy();
    this.agent = undefined;
  }

  private async control(method: "GET" | "POST", body?: string): Promise<void> {
    const { status, text } = await this.send(method, body);
    if (status < 200 || status > 299) throw new Error(`clock control answered ${status}: ${text}`);
    this.offset = (JSON.parse(text) as { offsetMs: number }).offsetMs;
  }

  private send(method: string, body = ""): Promise<{ status: number; text: string }> {
    const url = new URL("/__emulator/clock", this.target.endpoint);
    const secure = url.protocol === "https:";
    this.agent ??= secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
    const headers = { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) };
    return new Promise((resolve, reject) => {
      const request = (secure ? httpsRequest : httpRequest)(url, { method, headers, agent: this.agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        response.on("error", reject);
      });
      request.on("error", reject);
      request.end(body);
    });
  }
}
