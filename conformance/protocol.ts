/**
 * Protocol checks through the SDK: what an endpoint does with bad credentials, a skewed clock, and whether
 * it sends a request id (PROTO-*). These sit before the model, so they compare with the error table directly.
 */
import { GlacierClient } from "@aws-sdk/client-glacier";
import { err, formatOutcome, ok, type OutcomeSpec } from "../model/index.js";
import type { SuiteContext } from "./context.js";
import { formatObserved, invoke, type Observed } from "./invoke.js";
import type { CheckResult } from "./results.js";
import { clientFor } from "./target.js";

interface ProtocolCheck {
  id: string;
  requirements: string[];
  client: (context: SuiteContext) => Promise<GlacierClient>;
  expect: OutcomeSpec;
  also?: (observed: Observed) => string | undefined;
}

async function withCredentials(
  context: SuiteContext,
  change: (c: { accessKeyId: string; secretAccessKey: string }) => { accessKeyId: string; secretAccessKey: string },
) {
  const base = context.target.credentials ?? (await context.principal.client.config.credentials());
  return clientFor(context.target, change({ accessKeyId: base.accessKeyId, secretAccessKey: base.secretAccessKey }));
}

const CHECKS: ProtocolCheck[] = [
  {
    id: "protocol:wrong-secret",
    requirements: ["PROTO-SIGV4", "PROTO-BAD-SIGNATURE"],
    client: (c) => withCredentials(c, (k) => ({ ...k, secretAccessKey: `${k.secretAccessKey}-wrong` })),
    expect: err("InvalidSignatureException"),
  },
  {
    id: "protocol:unknown-key",
    requirements: ["PROTO-UNKNOWN-KEY"],
    client: (c) => withCredentials(c, (k) => ({ ...k, accessKeyId: "AKIDUNKNOWNTOSUITE00" })),
    expect: err("UnrecognizedClientException"),
  },
  {
    id: "protocol:clock-skew",
    requirements: ["PROTO-CLOCK-SKEW"],
    client: async (c) => {
      const client = clientFor(c.target);
      client.config.systemClockOffset = 15 * 60_000;
      return client;
    },
    expect: err("InvalidSignatureException"),
  },
  {
    id: "protocol:response-headers",
    requirements: ["PROTO-REST-JSON", "PROTO-RESPONSE-HEADERS"],
    client: async (c) => c.principal.client,
    expect: ok(200),
    also: (observed) => (observed.requestId ? undefined : "no x-amzn-RequestId header"),
  },
];

/** One result per protocol check; each sends one ListVaults. */
export async function runProtocolChecks(context: SuiteContext): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of CHECKS) {
    const observed = await invoke(await check.client(context), { name: "ListVaults", accountId: "-", limit: "1" });
    context.stats.requests++;
    const base = {
      id: check.id,
      generator: "protocol" as const,
      target: context.target.name,
      requirements: check.requirements,
      observed: formatObserved(observed),
      accepted: [formatOutcome(check.expect)],
    };
    const sameOutcome =
      observed.status === check.expect.status && observed.code === check.expect.code && !observed.unrecognized;
    const problem = sameOutcome
      ? check.also?.(observed)
      : `expected ${formatOutcome(check.expect)}, answered ${formatObserved(observed)}`;
    results.push(problem ? { ...base, verdict: "fail", reason: problem } : { ...base, verdict: "pass" });
    context.progress(`${results.at(-1)!.verdict.padEnd(14)} ${check.id}`);
  }
  return results;
}
