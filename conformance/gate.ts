/**
 * Checks of the request gate, each a short script on vaults of its own: account ids, vault names, ListVaults
 * limits, empty parameters, order and paging, cross-account isolation with the second principal.
 */
import type { Operation } from "../model/index.js";
import { newSession, noteCensus, type SuiteContext } from "./context.js";
import { declared, resultOf, type CheckResult } from "./results.js";
import { runScript, scriptResult, type ScriptStep } from "./script.js";
import { StepFailure, type Principal, type Session } from "./session.js";
import { stringMember } from "./wire/json.js";
import { sendRaw, signerCredentials } from "./wire/raw.js";

type CheckBase = Pick<CheckResult, "id" | "generator" | "target" | "requirements">;

const send =
  (operation: Operation, principal?: Principal): ScriptStep =>
  (session) =>
    session.perform(operation, principal);

/** ListVaults with an empty `limit` and `marker`, as the service model's example sends it (the SDK cannot). */
const emptyListParameters: ScriptStep = async (session) => {
  const { target, wireOptions, principal } = session.context;
  const credentials = await signerCredentials(target, principal.client);
  const operation: Operation = { name: "ListVaults", accountId: "-", limit: "", marker: "" };
  const request = { method: "GET", path: "/-/vaults", query: { limit: "", marker: "" }, credentials };
  return session.perform(operation, principal, () =>
    sendRaw(target, wireOptions, { ...request, operation: "ListVaults" }),
  );
};

/** ListVaults with a limit over 10, recording how many vaults the page held (LIST-PAGE-SIZE). */
const largeLimit: ScriptStep = async (session) => {
  const { observed } = await session.perform({ name: "ListVaults", accountId: "-", limit: "50" });
  const list = observed.body?.VaultList;
  const held = Array.isArray(list) ? list.length : 0;
  const seen =
    held > 10
      ? "up to `limit` vaults a page"
      : held === 10 && observed.body?.Marker
        ? "at most 10 vaults a page"
        : undefined;
  if (seen) noteCensus(session.context, "LIST-PAGE-SIZE", `gate:list-limit: ${seen} (${held} for limit 50)`);
};

/** One gate check: its id, the requirements it speaks for, and its steps (on the run's `<prefix>-gate` vault). */
interface GateCheck {
  id: string;
  requirements: string[];
  steps: (context: SuiteContext, vaultName: string) => ScriptStep[];
  /** Runs only when the target has a second principal. */
  needsSecond?: true;
}

/** Another account's id: the second principal's, else one that is not the signer's. */
const otherAccount = (c: SuiteContext) =>
  c.second?.accountId ?? (c.principal.accountId === "999999999999" ? "888888888888" : "999999999999");

/** The gate checks, in the order they run. */
export const GATE_CHECKS: readonly GateCheck[] = [
  {
    id: "gate:account-own-id",
    requirements: ["ACCT-DASH-OR-OWN"],
    steps: (c, vaultName) => [
      send({ name: "CreateVault", accountId: "-", vaultName }),
      send({ name: "DescribeVault", accountId: c.principal.accountId, vaultName }),
    ],
  },
  {
    id: "gate:account-other-id",
    requirements: ["ACCT-MISMATCH-DENIED"],
    steps: (c, vaultName) => [
      send({ name: "DescribeVault", accountId: otherAccount(c), vaultName }),
      send({ name: "InitiateVaultLock", accountId: otherAccount(c), vaultName, policy: "{}" }),
    ],
  },
  {
    id: "gate:account-malformed",
    requirements: ["ACCT-MALFORMED"],
    steps: (_, vaultName) => [
      send({ name: "DescribeVault", accountId: "1111-2222-3333", vaultName }),
      send({ name: "ListVaults", accountId: "abcmnoxyz" }),
    ],
  },
  {
    id: "gate:vault-name-create",
    requirements: ["VAULT-NAME-RULES"],
    steps: (c) => [
      send({ name: "CreateVault", accountId: "-", vaultName: `${c.prefix} bad` }),
      send({ name: "CreateVault", accountId: "-", vaultName: "x".repeat(256) }),
    ],
  },
  {
    id: "gate:vault-name-lookup",
    requirements: ["VAULT-NAME-INVALID-LOOKUP"],
    steps: (c) => [send({ name: "GetVaultLock", accountId: "-", vaultName: `${c.prefix}:bad` })],
  },
  {
    id: "gate:list-limit",
    requirements: ["LIST-VAULTS", "LIST-PAGE-SIZE"],
    steps: () => [largeLimit, send({ name: "ListVaults", accountId: "-", limit: "0" })],
  },
  { id: "gate:list-empty-parameters", requirements: ["LIST-EMPTY-PARAMETERS"], steps: () => [emptyListParameters] },
  {
    id: "gate:list-marker",
    requirements: ["LIST-MARKER"],
    steps: () => [send({ name: "ListVaults", accountId: "-", marker: "not-a-vault-arn" })],
  },
  {
    id: "gate:account-isolation",
    requirements: ["ACCT-ISOLATION"],
    needsSecond: true,
    steps: (c, vaultName) => [send({ name: "DescribeVault", accountId: "-", vaultName }, c.second)],
  },
];

const NO_SECOND_PRINCIPAL =
  "not exercised: the target has no second principal (run: --second-access-key-id, --second-secret-access-key, --second-account-id; in code: Target.second)";

/** Checks of the request gate: account ids, vault names, ListVaults parameters, cross-account isolation. */
export async function runGateChecks(context: SuiteContext): Promise<CheckResult[]> {
  const vaultName = `${context.prefix}-gate`;
  const results: CheckResult[] = [];
  const session = newSession(context);
  for (const check of GATE_CHECKS) {
    if (!context.keeps(declared(check.requirements))) continue;
    const base = {
      id: check.id,
      generator: "gate" as const,
      target: context.target.name,
      requirements: check.requirements,
    };
    if (check.needsSecond && !context.second) results.push({ ...base, verdict: "skip", reason: NO_SECOND_PRINCIPAL });
    else {
      const from = session.trace.length;
      results.push(scriptResult(base, session, from, await runScript(session, check.steps(context, vaultName))));
    }
    context.checked(results.at(-1)!);
  }
  if (context.keeps(declared(LIST_ORDER_REQUIREMENTS))) {
    results.push(await listOrder(context));
    context.checked(results.at(-1)!);
  }
  return results;
}

const LIST_ORDER_REQUIREMENTS = ["LIST-VAULTS", "LIST-MARKER"];

/** LIST-VAULTS: paging with limit and marker returns the account's vaults in order, ours among them. */
async function listOrder(context: SuiteContext): Promise<CheckResult> {
  const session = newSession(context);
  const names = ["c", "a", "b"].map((s) => `${context.prefix}-list-${s}`);
  const base = {
    id: "gate:list-order",
    generator: "gate" as const,
    target: context.target.name,
    requirements: LIST_ORDER_REQUIREMENTS,
  };
  const seen: string[] = [];
  try {
    for (const vaultName of names) await session.perform({ name: "CreateVault", accountId: "-", vaultName });
    let marker: string | undefined;
    for (let page = 0; page < 200; page++) {
      const { observed } = await session.perform({
        name: "ListVaults",
        accountId: "-",
        limit: "2",
        ...(marker ? { marker } : {}),
      });
      const list = observed.body?.VaultList;
      if (!Array.isArray(list)) return listFailure(base, session, "a page's VaultList is not a list");
      seen.push(...list.map((v: { VaultName?: unknown } | null) => String(v?.VaultName)));
      marker = stringMember(observed.body, "Marker");
      if (!marker) break;
    }
  } catch (error) {
    if (!(error instanceof StepFailure)) throw error;
    return resultOf(base, session.trace);
  }
  return listVerdict(base, session, names, seen);
}

function listFailure(base: CheckBase, session: Session, reason: string): CheckResult {
  return { ...base, verdict: "fail", reason, trace: session.trace };
}

function listVerdict(base: CheckBase, session: Session, names: string[], seen: string[]): CheckResult {
  const sorted = [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ours = seen.filter((n) => names.includes(n));
  const ok =
    JSON.stringify(seen) === JSON.stringify(sorted) && JSON.stringify(ours) === JSON.stringify([...names].sort());
  if (ok) return { ...base, verdict: "pass", trace: session.trace };
  return listFailure(
    base,
    session,
    `paged names ${JSON.stringify(seen.slice(0, 20))} are not the sorted vaults of the account`,
  );
}
