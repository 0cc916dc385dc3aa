/**
 * Generator 1, deterministic paths: for every transition of the model, the shortest path that takes it
 * (from `transitionCoveringPaths`), replayed on a fresh vault; plus the request-gate checks. Every step
 * is judged (status, code, required headers and body fields, values).
 */
import {
  EDGES,
  LOCK_TTL_MS,
  transitionCoveringPaths,
  treeHash,
  type AbstractEvent,
  type Operation,
  type PathStep,
} from "../model/index.js";
import { archiveBody, concretize } from "./concretize.js";
import { newSession, type SuiteContext } from "./context.js";
import { resultOf, type CheckResult } from "./results.js";
import { NotSent } from "./rails.js";
import { StepFailure, type Principal, type Session, type TraceStep } from "./session.js";
import { stringMember } from "./wire/json.js";

type CheckBase = Pick<CheckResult, "id" | "generator" | "target" | "requirements">;

/** How far the clock moves for an EXPIRE step: past the 24 h window, clear of any tolerance. */
export const EXPIRY_STEP_MS = LOCK_TTL_MS + 5 * 60_000;

/** Runs steps until one fails; returns the rails' reason when a step was refused by them. */
export async function runSteps(steps: (() => Promise<unknown>)[]): Promise<string | undefined> {
  try {
    for (const step of steps) await step();
  } catch (error) {
    if (error instanceof NotSent) return error.message;
    if (!(error instanceof StepFailure)) throw error;
  }
  return undefined;
}

/**
 * One result per model transition. Each path ends by observing the state it reached (GetVaultLock, then
 * DescribeVault), so a transition that answers right but lands in the wrong state is caught too.
 */
export async function runTransitionPaths(
  context: SuiteContext,
  mine: (index: number) => boolean = () => true,
): Promise<CheckResult[]> {
  const paths = transitionCoveringPaths();
  const results: CheckResult[] = [];
  for (const [index, edge] of EDGES.entries()) {
    if (!mine(index)) continue;
    const steps = paths.get(edge.id)!;
    const base = {
      id: `path:${edge.id}`,
      generator: "path" as const,
      target: context.target.name,
      requirements: edge.meta.requirements,
    };
    if (steps.some((s) => s.event.type === "EXPIRE") && !context.target.capabilities.clockControl) {
      results.push({ ...base, verdict: "skip", reason: "not exercised: needs clock control to let 24 hours pass" });
      continue;
    }
    const session = newSession(context);
    const vaultName = `${context.prefix}-p${index}`;
    const items = withSetUp(steps, vaultName);
    const requests = items.length;
    let taken = 0;
    let firstDefect: number | undefined;
    const act = (item: AbstractEvent | Operation) => async () => {
      taken++;
      const deleted = session.deletedArchives.get(vaultName);
      const operation =
        "name" in item ? item : concretize(item, vaultName, session.world, context.principal.accountId, deleted);
      const sent = operation ? session.perform(operation) : session.advanceClock(EXPIRY_STEP_MS);
      await sent.finally(() => {
        if (firstDefect === undefined && (session.trace.at(-1)?.verdict !== "pass" || session.trace.at(-1)?.deviation))
          firstDefect = taken;
      });
    };
    let guarded = await runSteps(items.map(act));
    const completed = session.trace.length === requests && session.trace.every((s) => s.verdict === "pass");
    for (const type of ["GET", "DESCRIBE_VAULT"] as const)
      if (completed && !guarded) guarded = await runSteps([act({ type })]);
    if (guarded) {
      results.push({ ...base, verdict: "skip", reason: guarded, trace: session.trace });
      continue;
    }
    const judged = observable(session.trace, requests);
    const result = resultOf(base, judged);
    const ending = session.trace.slice(requests - 1, requests + 1).flatMap((s) => s.edges);
    if (result.verdict === "pass" && !ending.includes(edge.id))
      throw new Error(`suite error: path:${edge.id} took ${ending.join(", ")} instead (model and paths disagree)`);
    results.push({
      ...result,
      ...readAfterWrite(context, edge, session.trace.slice(requests), result),
      ...(firstDefect && judged.length === session.trace.length ? { length: firstDefect } : {}),
    });
    context.progress(`${results.at(-1)!.verdict.padEnd(14)} ${base.id}`);
  }
  return results;
}

/** Lock changes whose effect the closing GetVaultLock reads back at once. */
const LOCK_CHANGES = new Set(["INITIATE", "COMPLETE", "ABORT"]);

/**
 * SVC-READ-AFTER-WRITE: a passing path that changed the lock and whose closing GetVaultLock saw the change at
 * once speaks for immediate consistency too (the census records it).
 */
function readAfterWrite(
  context: SuiteContext,
  edge: (typeof EDGES)[number],
  closing: TraceStep[],
  result: CheckResult,
): Pick<CheckResult, "requirements"> | undefined {
  const read = closing.find((s) => s.request.startsWith("GetVaultLock("));
  if (result.verdict !== "pass" || !LOCK_CHANGES.has(edge.event) || edge.meta.expect.code || read?.verdict !== "pass")
    return undefined;
  const id = "SVC-READ-AFTER-WRITE";
  context.census.set(id, (context.census.get(id) ?? new Set()).add(`path:${edge.id}: immediately consistent`));
  return { requirements: [...result.requirements, id] };
}

/**
 * A path's events, each deletion of an `elsewhere` archive preceded by the requests that give another vault
 * (`<vault>-holder`) an archive for it to name.
 */
function withSetUp(steps: PathStep[], vaultName: string): (AbstractEvent | Operation)[] {
  return steps.flatMap(({ event }): (AbstractEvent | Operation)[] => {
    if (event.type !== "DELETE_ARCHIVE" || event.archive !== "elsewhere") return [event];
    const holder = { accountId: "-", vaultName: `${vaultName}-holder` };
    const body = archiveBody();
    return [
      { name: "CreateVault", ...holder },
      { name: "UploadArchive", ...holder, body, treeHash: treeHash(body) },
      event,
    ];
  });
}

/**
 * The trace a path is judged on: a closing observation the target cannot answer (a route it lacks) does not
 * turn the transition's own pass into "not implemented"; it is left out, and the other observation still counts.
 */
function observable(trace: TraceStep[], pathRequests: number): TraceStep[] {
  return trace.filter((s, i) => i < pathRequests || s.verdict !== "notImplemented");
}

/** Checks of the request gate: account ids, vault names, ListVaults paging, cross-account isolation. */
export async function runGateChecks(context: SuiteContext): Promise<CheckResult[]> {
  const own = context.principal.accountId;
  const vaultName = `${context.prefix}-gate`;
  const other = context.second?.accountId ?? (own === "999999999999" ? "888888888888" : "999999999999");
  const checks: [string, string[], (Operation | [Operation, Principal])[]][] = [
    [
      "gate:account-own-id",
      ["ACCT-DASH-OR-OWN"],
      [
        { name: "CreateVault", accountId: "-", vaultName },
        { name: "DescribeVault", accountId: own, vaultName },
      ],
    ],
    [
      "gate:account-other-id",
      ["ACCT-MISMATCH-DENIED"],
      [
        { name: "DescribeVault", accountId: other, vaultName },
        { name: "InitiateVaultLock", accountId: other, vaultName, policy: "{}" },
      ],
    ],
    ["gate:account-malformed", ["ACCT-MALFORMED"], [{ name: "DescribeVault", accountId: "1111-2222-3333", vaultName }]],
    [
      "gate:vault-name-create",
      ["VAULT-NAME-RULES"],
      [
        { name: "CreateVault", accountId: "-", vaultName: `${context.prefix} bad` },
        { name: "CreateVault", accountId: "-", vaultName: "x".repeat(256) },
      ],
    ],
    [
      "gate:vault-name-lookup",
      ["VAULT-NAME-INVALID-LOOKUP"],
      [{ name: "GetVaultLock", accountId: "-", vaultName: `${context.prefix}:bad` }],
    ],
    ["gate:list-limit", ["LIST-VAULTS"], [{ name: "ListVaults", accountId: "-", limit: "11" }]],
    ["gate:list-marker", ["LIST-MARKER"], [{ name: "ListVaults", accountId: "-", marker: "not-a-vault-arn" }]],
  ];
  if (context.second)
    checks.push([
      "gate:account-isolation",
      ["ACCT-ISOLATION"],
      [[{ name: "DescribeVault", accountId: "-", vaultName }, context.second]],
    ]);
  const results: CheckResult[] = [];
  const session = newSession(context);
  for (const [id, requirements, operations] of checks) {
    const from = session.trace.length;
    await runSteps(operations.map((o) => () => (Array.isArray(o) ? session.perform(o[0], o[1]) : session.perform(o))));
    results.push(
      resultOf({ id, generator: "gate", target: context.target.name, requirements }, session.trace.slice(from)),
    );
    context.progress(`${results.at(-1)!.verdict.padEnd(14)} ${id}`);
  }
  results.push(await listOrder(context));
  return results;
}

/** LIST-VAULTS: paging with limit and marker returns the account's vaults in order, ours among them. */
async function listOrder(context: SuiteContext): Promise<CheckResult> {
  const session = newSession(context);
  const names = ["c", "a", "b"].map((s) => `${context.prefix}-list-${s}`);
  const base = {
    id: "gate:list-order",
    generator: "gate" as const,
    target: context.target.name,
    requirements: ["LIST-VAULTS", "LIST-MARKER"],
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
