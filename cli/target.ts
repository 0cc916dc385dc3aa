/** Builds the suite's Target from CLI flags and the environment (explicit flags win). */
import { GlacierClient } from "@aws-sdk/client-glacier";
import type { Credentials, Target } from "../conformance/target.js";
import { parsed, text, toggle, UsageError, type FlagValues } from "./args.js";

/** True for 127.0.0.0/8, localhost and ::1. */
export function isLoopback(endpoint: string): boolean {
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

const httpUrl = (raw: string) => {
  const protocol = URL.canParse(raw) ? new URL(raw).protocol : "";
  return protocol === "http:" || protocol === "https:" ? raw : undefined;
};
const accountId = (description: string) =>
  parsed(description, "a 12-digit account id", (raw) => (/^\d{12}$/.test(raw) ? raw : undefined)).optional();

/** The flags that say where a target is and how to sign for it (`run`, `policy verify`). */
export const TARGET_FLAGS = {
  endpoint: parsed(
    "endpoint URL; none: start the embedded emulator (run) or the SDK's resolution",
    "an http:// or https:// URL",
    httpUrl,
  ).optional(),
  region: text("signing region (else AWS_REGION, else us-east-1)").optional(),
  "account-id": accountId(
    "the signer's 12-digit account id; required on real AWS (default on loopback: 123456789012, moto's)",
  ),
  "access-key-id": text("credentials, with --secret-access-key (else the SDK's default chain)").optional(),
  "secret-access-key": text("credentials, with --access-key-id (else the SDK's default chain)").optional(),
  "clock-control": toggle("the endpoint serves /__emulator/clock"),
  "allow-real-aws": toggle("allow an endpoint that is not loopback (real AWS)"),
};

/** A second principal for the cross-account isolation check (`gate:account-isolation`). */
export const SECOND_PRINCIPAL_FLAGS = {
  "second-access-key-id": text("a second principal's credentials, for the isolation check").optional(),
  "second-secret-access-key": text("its secret access key").optional(),
  "second-account-id": accountId("its 12-digit account id"),
};

/** The target flags a command parsed (absent ones may be left out), and `--target-name` where it has one. */
export type TargetValues = Partial<FlagValues<typeof TARGET_FLAGS & typeof SECOND_PRINCIPAL_FLAGS>> & {
  "clock-control": boolean;
  "target-name"?: string | undefined;
};

/** Flags that only make sense together: all of them or none (a UsageError names the missing ones). */
function together(flags: Record<string, unknown>, names: string[]): boolean {
  const given = names.filter((name) => flags[name] !== undefined);
  if (given.length && given.length < names.length)
    throw new UsageError(
      `${given.map((n) => `--${n}`).join(", ")} needs ${names
        .filter((n) => !given.includes(n))
        .map((n) => `--${n}`)
        .join(" and ")} too`,
    );
  return given.length > 0;
}

function secondPrincipal(flags: TargetValues): Target["second"] {
  if (!together(flags, Object.keys(SECOND_PRINCIPAL_FLAGS))) return undefined;
  const credentials: Credentials = {
    accessKeyId: flags["second-access-key-id"]!,
    secretAccessKey: flags["second-secret-access-key"]!,
  };
  return { credentials, accountId: flags["second-account-id"]! };
}

/** A target for an external endpoint. Without an endpoint flag the SDK's own resolution applies. */
export function targetFromFlags(flags: TargetValues, env: NodeJS.ProcessEnv = process.env): Target {
  const variable = ["AWS_ENDPOINT_URL_GLACIER", "AWS_ENDPOINT_URL"].find((name) => env[name] !== undefined);
  const endpoint = flags.endpoint ?? (variable ? env[variable] : undefined);
  if (flags.endpoint === undefined && variable && !httpUrl(endpoint!))
    throw new UsageError(`${variable} ${endpoint}: takes an http:// or https:// URL`);
  const region = flags.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1";
  const credentials = together(flags, ["access-key-id", "secret-access-key"])
    ? { accessKeyId: flags["access-key-id"]!, secretAccessKey: flags["secret-access-key"]! }
    : undefined;
  const second = secondPrincipal(flags);
  const realAws = endpoint === undefined || !isLoopback(endpoint);
  return {
    name: flags["target-name"] ?? (endpoint ? new URL(endpoint).host : `aws-${region}`),
    ...(endpoint ? { endpoint } : {}),
    region,
    ...(credentials ? { credentials } : {}),
    accountId: flags["account-id"] ?? "123456789012",
    ...(second ? { second } : {}),
    capabilities: { clockControl: flags["clock-control"], realAws },
  };
}

/**
 * Without explicit credentials, resolves the SDK's default chain once before the run, so a machine with none
 * gets one line (exit 2) instead of a run whose every request fails to sign.
 */
export async function checkCredentials(target: Target): Promise<void> {
  if (target.credentials) return;
  const client = new GlacierClient({
    region: target.region,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
  });
  try {
    await client.config.credentials();
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    throw new UsageError(
      `no credentials to sign with for ${target.endpoint ?? "AWS"}: give --access-key-id and --secret-access-key, or set them where the SDK looks (environment, profile) (${reason})`,
    );
  } finally {
    client.destroy();
  }
}
