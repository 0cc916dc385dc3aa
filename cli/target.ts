/** Builds the suite's Target from CLI flags and the environment (explicit flags win). */
import type { Target } from "../conformance/target.js";

/** True for 127.0.0.0/8, localhost and ::1. */
export function isLoopback(endpoint: string): boolean {
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export interface TargetFlags {
  endpoint?: string;
  region?: string;
  name?: string;
  accountId?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  clockControl: boolean;
}

/** A target for an external endpoint. Without an endpoint flag the SDK's own resolution applies. */
export function targetFromFlags(flags: TargetFlags, env: NodeJS.ProcessEnv = process.env): Target {
  const endpoint = flags.endpoint ?? env.AWS_ENDPOINT_URL_GLACIER ?? env.AWS_ENDPOINT_URL;
  const region = flags.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1";
  const credentials =
    flags.accessKeyId && flags.secretAccessKey
      ? { accessKeyId: flags.accessKeyId, secretAccessKey: flags.secretAccessKey }
      : undefined;
  const realAws = endpoint === undefined || !isLoopback(endpoint);
  return {
    name: flags.name ?? (endpoint ? new URL(endpoint).host : `aws-${region}`),
    ...(flags.endpoint ? { endpoint: flags.endpoint } : endpoint ? { endpoint } : {}),
    region,
    ...(credentials ? { credentials } : {}),
    accountId: flags.accountId ?? "123456789012",
    capabilities: { clockControl: flags.clockControl, realAws },
  };
}
