/**
 * Protocol checks (PROTO-*): what an endpoint does with bad credentials and a skewed clock (through the SDK),
 * and with what the SDK cannot send (through the signed raw client): no Authorization, a missing or wrong API
 * version, a body that is not JSON or not a JSON object, a body far over any limit, a route no operation has.
 * These sit before the model, so each compares with the outcomes it accepts directly.
 */
import { err, formatOutcome, treeHash, type OperationName, type OutcomeSpec } from "../model/index.js";
import { noteCensus, type SuiteContext } from "./context.js";
import { formatObserved, invoke, type Observed } from "./invoke.js";
import { ARCHIVES_REFUSED } from "./rails.js";
import { declared, type CheckResult } from "./results.js";
import type { TraceStep } from "./session.js";
import { clientFor, type Credentials } from "./target.js";
import { sendRaw, signerCredentials, type RawProbeRequest } from "./wire/raw.js";

/** An accepted answer: an outcome, any refusal (a 4xx with any body), or the request served (2xx). */
type Accepted = OutcomeSpec | "refused" | "served";

interface ProtocolCheck {
  id: string;
  requirements: string[];
  send: (context: SuiteContext, vaultName: string) => Promise<Observed>;
  accepts: Accepted[];
  /** The operation whose route the request takes (default ListVaults). */
  operation?: OperationName;
  /** Stores an archive if the target wrongly accepts it: not sent where the rails forbid uploads. */
  uploads?: true;
  /** The unspecified requirement whose census records which accepted answer came. */
  census?: string;
}

const credentialsOf = (context: SuiteContext) => signerCredentials(context.target, context.principal.client);

const listVaults = { name: "ListVaults" as const, accountId: "-", limit: "1" };

/** ListVaults through the SDK with changed credentials or clock. */
function viaSdk(change: (c: Credentials) => Credentials, skewMs = 0) {
  return async (context: SuiteContext) => {
    const client = clientFor(context.target, change(await credentialsOf(context)), context.wireOptions);
    client.config.systemClockOffset = skewMs;
    return invoke(client, listVaults);
  };
}

/** A raw request, signed with the run's credentials unless `unsigned`. */
function viaRaw(make: (vaultName: string) => RawProbeRequest, unsigned = false) {
  return async (context: SuiteContext, vaultName: string) => {
    const credentials = unsigned ? {} : { credentials: await credentialsOf(context) };
    return sendRaw(context.target, context.wireOptions, { ...make(vaultName), ...credentials });
  };
}

const rawList = (headers: Record<string, string | null> = {}): RawProbeRequest => ({
  method: "GET",
  path: "/-/vaults",
  query: { limit: "1" },
  headers,
  operation: "ListVaults",
});
const rawInitiate = (vaultName: string, body: string): RawProbeRequest => ({
  method: "POST",
  path: `/-/vaults/${encodeURIComponent(vaultName)}/lock-policy`,
  body,
  operation: "InitiateVaultLock",
});

const body = "glacier-vault-lock probe archive";
const rawUpload = (vaultName: string, headers: Record<string, string>): RawProbeRequest => ({
  method: "POST",
  path: `/-/vaults/${encodeURIComponent(vaultName)}/archives`,
  headers: { "content-type": "application/octet-stream", ...headers },
  body,
  operation: "UploadArchive",
});

/** The protocol checks, in the order they run. */
export const PROTOCOL_CHECKS: readonly ProtocolCheck[] = [
  {
    id: "protocol:wrong-secret",
    requirements: ["PROTO-SIGV4", "PROTO-BAD-SIGNATURE"],
    send: viaSdk((k) => ({ ...k, secretAccessKey: `${k.secretAccessKey}-wrong` })),
    accepts: [err("InvalidSignatureException")],
  },
  {
    id: "protocol:unknown-key",
    requirements: ["PROTO-UNKNOWN-KEY"],
    send: viaSdk((k) => ({ ...k, accessKeyId: "AKIDUNKNOWNTOSUITE00" })),
    accepts: [err("UnrecognizedClientException")],
  },
  {
    id: "protocol:clock-skew",
    requirements: ["PROTO-CLOCK-SKEW"],
    send: viaSdk((k) => k, 15 * 60_000),
    accepts: [err("InvalidSignatureException")],
  },
  {
    id: "protocol:no-auth",
    requirements: ["PROTO-NO-AUTH"],
    send: viaRaw(() => rawList(), true),
    accepts: [err("MissingAuthenticationTokenException")],
  },
  {
    id: "protocol:version-missing",
    requirements: ["PROTO-VERSION-HEADER", "PROTO-VERSION-MISSING"],
    send: viaRaw(() => rawList({ "x-amz-glacier-version": null })),
    accepts: [err("MissingParameterValueException")],
  },
  {
    id: "protocol:version-wrong",
    requirements: ["PROTO-VERSION-WRONG"],
    send: viaRaw(() => rawList({ "x-amz-glacier-version": "2011-01-01" })),
    accepts: [err("InvalidParameterValueException"), err("MissingParameterValueException"), "served"],
    census: "PROTO-VERSION-WRONG",
  },
  {
    id: "protocol:malformed-json",
    operation: "InitiateVaultLock",
    requirements: ["PROTO-MALFORMED-BODY"],
    send: viaRaw((v) => rawInitiate(v, '{"Policy": "{\\"Version\\"')),
    accepts: [err("SerializationException")],
  },
  {
    id: "protocol:non-object-json",
    operation: "InitiateVaultLock",
    requirements: ["PROTO-MALFORMED-BODY"],
    send: viaRaw((v) => rawInitiate(v, '["Policy"]')),
    accepts: [err("SerializationException")],
  },
  {
    id: "protocol:oversized-body",
    operation: "InitiateVaultLock",
    requirements: ["INIT-POLICY-SIZE-UNIT"],
    send: viaRaw((v) => rawInitiate(v, JSON.stringify({ Policy: "x".repeat(2 * 1024 * 1024) }))),
    accepts: [err("InvalidParameterValueException"), err("LimitExceededException")],
    census: "INIT-POLICY-SIZE-UNIT",
  },
  {
    id: "protocol:upload-without-tree-hash",
    requirements: ["PROTO-REQUIRED-HEADERS"],
    operation: "UploadArchive",
    uploads: true,
    send: viaRaw((v) => rawUpload(v, {})),
    accepts: [err("MissingParameterValueException")],
  },
  {
    id: "protocol:upload-without-content-hash",
    requirements: ["PROTO-REQUIRED-HEADERS"],
    operation: "UploadArchive",
    uploads: true,
    send: viaRaw((v) => ({
      ...rawUpload(v, { "x-amz-sha256-tree-hash": treeHash(Buffer.from(body)) }),
      applyChecksum: false,
    })),
    accepts: [err("MissingParameterValueException")],
  },
  {
    id: "protocol:unknown-route",
    operation: "InitiateVaultLock",
    requirements: ["PROTO-REST-JSON"],
    send: viaRaw((v) => ({ ...rawInitiate(v, "{}"), method: "PUT" })),
    accepts: ["refused"],
  },
];

/** A non-AWS 404, 405 or 501 for an operation the target never answered AWS-shaped: a route it lacks. */
function noRoute(context: SuiteContext, check: ProtocolCheck, observed: Observed): boolean {
  const operation = check.operation ?? "ListVaults";
  return [404, 405, 501].includes(observed.status) && !observed.code && !context.answered.has(operation);
}

function acceptedOf(accepted: Accepted): string {
  if (accepted === "refused") return "4xx (refused)";
  if (accepted === "served") return "2xx (served)";
  return formatOutcome(accepted);
}

/** The accepted answer `observed` is, or undefined. */
function matching(observed: Observed, accepts: Accepted[]): Accepted | undefined {
  if (observed.transport || observed.sdkError) return undefined;
  const { status } = observed;
  return accepts.find((a) => {
    if (a === "refused") return status >= 400 && status < 500;
    if (a === "served") return status >= 200 && status < 300;
    return status === a.status && observed.code === a.code;
  });
}

/** One result per protocol check. Raw probes use `<prefix>-probe`, an empty vault made for them. */
export async function runProtocolChecks(context: SuiteContext): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const vaultName = `${context.prefix}-probe`;
  let probeVault = false;
  for (const check of PROTOCOL_CHECKS) {
    if (!context.keeps(declared(check.requirements))) continue;
    if (!probeVault) {
      context.stats.requests++;
      await invoke(context.principal.client, { name: "CreateVault", accountId: "-", vaultName });
      probeVault = true;
    }
    results.push(await runCheck(context, check, vaultName));
    context.checked(results.at(-1)!);
  }
  return results;
}

async function runCheck(context: SuiteContext, check: ProtocolCheck, vaultName: string): Promise<CheckResult> {
  const accepted = check.accepts.map(acceptedOf);
  const base = {
    id: check.id,
    generator: "protocol" as const,
    target: context.target.name,
    requirements: check.requirements,
  };
  if (check.uploads && context.rails.blockArchives) return { ...base, verdict: "skip", reason: ARCHIVES_REFUSED };
  const called = Date.now();
  const observed = await check.send(context, vaultName);
  const returned = Date.now();
  context.stats.requests++;
  const archiveId = observed.headers["x-amz-archive-id"];
  if (archiveId) context.uploads.set(vaultName, (context.uploads.get(vaultName) ?? new Set()).add(archiveId));
  const match = matching(observed, check.accepts);
  if (match && check.census) noteCensus(context, check.census, `${check.id}: ${acceptedOf(match)}`);
  const verdict = match ? ("pass" as const) : noRoute(context, check, observed) ? "notImplemented" : "fail";
  const shown = formatObserved(observed);
  const step: TraceStep = {
    request: check.id,
    observed: shown,
    accepted,
    edges: [],
    requirements: check.requirements,
    verdict,
    called,
    returned,
    ...(observed.exchange ? { exchange: observed.exchange } : {}),
  };
  const lead = verdict === "notImplemented" ? "no such route, expected" : "expected";
  const reason = match ? {} : { reason: `${lead} ${accepted.join(" or ")}, answered ${shown}` };
  return { ...base, observed: shown, accepted, verdict, ...reason, trace: [step] };
}
