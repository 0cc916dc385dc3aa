/**
 * Before any check: is the target there, does it take the credentials, does it serve Glacier at all, and
 * which account signs? One ListVaults and one CreateVault (whose `Location`, or DescribeVault's VaultARN,
 * names the account) settle it, so a wrong endpoint or key costs one line instead of a hundred failures.
 */
import type { SuiteContext } from "./context.js";
import { formatObserved, invoke, type Observed } from "./invoke.js";
import { NO_LONGER_SUPPORTED } from "./rails.js";
import type { CheckResult } from "./results.js";
import { stringMember } from "./wire/json.js";

export type Preflight =
  /** Go on; `accountId` is the account the target says signs, when it said. */
  | { verdict: "go"; accountId?: string }
  /** The run cannot check this target: exit 2 with `message`. */
  | { verdict: "refused"; message: string }
  /** The target does not serve Glacier: one result says so, nothing else runs. */
  | { verdict: "absent"; result: CheckResult };

/** Codes with which an endpoint refuses the signer itself. */
const CREDENTIAL_CODES = new Set([
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "IncompleteSignatureException",
  "MissingAuthenticationTokenException",
  "ExpiredTokenException",
  "AccessDeniedException",
]);

/** No Glacier here: 501 whatever the body, or 404/405 without an AWS error. */
function serviceAbsent(observed: Observed): boolean {
  return observed.status === 501 || ([404, 405].includes(observed.status) && observed.code === undefined);
}

function refusal(context: SuiteContext, observed: Observed): string | undefined {
  const where = context.target.endpoint ?? `AWS in ${context.target.region}`;
  if (observed.transport) return `cannot reach ${where}: ${observed.transport}`;
  if (observed.code === "NoLongerSupportedException") return NO_LONGER_SUPPORTED;
  if (observed.code && CREDENTIAL_CODES.has(observed.code))
    return `${where} refused the credentials: ListVaults answered ${formatObserved(observed)}${observed.message ? ` (${observed.message})` : ""}. Check --access-key-id and --secret-access-key (or the profile and environment the SDK reads), --region, and that the signer may call glacier:ListVaults.`;
  return undefined;
}

/** The account id in `/ACCOUNT/vaults/NAME` or `arn:aws:glacier:REGION:ACCOUNT:vaults/NAME`. */
export function accountIn(location: string | undefined, arn: string | undefined): string | undefined {
  return (
    /^\/(\d{12})\/vaults\//.exec(location ?? "")?.[1] ??
    /^arn:[^:]+:glacier:[^:]*:(\d{12}):vaults\//.exec(arn ?? "")?.[1]
  );
}

/** Runs the preflight; its requests are counted and judged at the wire like every other. */
export async function preflight(context: SuiteContext): Promise<Preflight> {
  const { client } = context.principal;
  const send = (operation: Parameters<typeof invoke>[1]) => {
    context.stats.requests++;
    return invoke(client, operation);
  };
  const list = await send({ name: "ListVaults", accountId: "-", limit: "1" });
  const refused = refusal(context, list);
  if (refused) return { verdict: "refused", message: refused };
  const vault = { accountId: "-", vaultName: `${context.prefix}-preflight` };
  const created = await send({ name: "CreateVault", ...vault });
  if (serviceAbsent(list) && serviceAbsent(created)) {
    const answers = `ListVaults answered ${formatObserved(list)}${list.message ? ` (${list.message})` : ""}, CreateVault ${formatObserved(created)}`;
    const result: CheckResult = {
      id: "preflight:service",
      generator: "preflight",
      target: context.target.name,
      requirements: ["PROTO-REST-JSON"],
      verdict: "notImplemented",
      reason: `the target does not serve Glacier: ${answers}`,
      observed: answers,
    };
    return { verdict: "absent", result };
  }
  const described = await send({ name: "DescribeVault", ...vault });
  await send({ name: "DeleteVault", ...vault });
  const accountId = accountIn(created.headers.location, stringMember(described.body, "VaultARN"));
  return accountId ? { verdict: "go", accountId } : { verdict: "go" };
}
