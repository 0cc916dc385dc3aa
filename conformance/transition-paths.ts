/**
 * Generator 1, deterministic paths: for every transition of the model, the shortest path that takes it
 * (from `transitionCoveringPaths`), replayed on a fresh vault. Every step is judged (status, code, required
 * headers and body fields, values).
 */
import {
  EDGES,
  edgeById,
  LOCK_TTL_MS,
  transitionCoveringPaths,
  treeHash,
  type AbstractEvent,
  type Edge,
  type Operation,
  type PathStep,
} from "../model/index.js";
import { archiveBody, concretize } from "./concretize.js";
import { newSession, noteCensus, type SuiteContext } from "./context.js";
import { resultOf, type CheckResult, type CheckScope } from "./results.js";
import { runScript, type ScriptRun, type ScriptStep } from "./script.js";
import type { Session, TraceStep } from "./session.js";

/** How far the clock moves for an EXPIRE step: past the 24 h window, clear of any tolerance. */
export const EXPIRY_STEP_MS = LOCK_TTL_MS + 5 * 60_000;

/**
 * One result per model transition of this share (`mine`) whose path the run keeps. Each path ends by observing the
 * state it reached (GetVaultLock, then DescribeVault), so a transition that answers right but lands in the wrong
 * state is caught too.
 */
export async function runTransitionPaths(
  context: SuiteContext,
  mine: (index: number) => boolean = () => true,
): Promise<CheckResult[]> {
  const paths = transitionCoveringPaths();
  const results: CheckResult[] = [];
  for (const [index, edge] of EDGES.entries()) {
    const steps = paths.get(edge.id)!;
    if (!mine(index) || !context.keeps(pathScope(edge, steps))) continue;
    const base = {
      id: `path:${edge.id}`,
      generator: "path" as const,
      target: context.target.name,
      requirements: edge.meta.requirements,
    };
    const vaultName = `${context.prefix}-p${index}`;
    const items = withSetUp(steps, vaultName);
    if (items.some((i) => "type" in i && i.type === "EXPIRE") && !context.target.capabilities.clockControl) {
      results.push({ ...base, verdict: "skip", reason: "not exercised: needs clock control to let 24 hours pass" });
      continue;
    }
    const session = newSession(context);
    const requests = items.length;
    const run = await runScript(
      session,
      items.map((item) => pathStep(item, vaultName)),
    );
    const completed =
      !run.notSent && session.trace.length === requests && session.trace.every((s) => s.verdict === "pass");
    const closing = completed ? await observeEnd(session, vaultName) : undefined;
    const notSent = run.notSent ?? closing?.notSent;
    if (notSent) {
      results.push({ ...base, verdict: "skip", reason: notSent, trace: session.trace });
      continue;
    }
    const firstDefect = run.firstDefect ?? (closing?.firstDefect ? requests + closing.firstDefect : undefined);
    const judged = observable(session.trace, requests);
    const result = resultOf(base, judged);
    const ending = session.trace.slice(requests - 1, requests + 1).flatMap((s) => s.edges);
    if (result.verdict === "pass" && !ending.includes(edge.id)) {
      const reason = `not exercised: the target chose another accepted outcome (${ending.join(", ")})`;
      results.push({ ...base, verdict: "skip", reason, trace: session.trace });
      continue;
    }
    results.push({
      ...result,
      ...readAfterWrite(context, edge, session.trace.slice(requests), result),
      ...(firstDefect && judged.length === session.trace.length ? { length: firstDefect } : {}),
    });
    context.checked(results.at(-1)!);
  }
  return results;
}

/** How a path ends: observing the state it reached. */
const CLOSING: readonly AbstractEvent[] = [{ type: "GET" }, { type: "DESCRIBE_VAULT" }];

/**
 * A path's scope: aimed at its transition's requirements, covering those of every transition it takes and of
 * the closing observations the state it reaches allows.
 */
function pathScope(edge: Edge, steps: readonly PathStep[]): CheckScope {
  const reached = edgeById(steps.at(-1)!.edge).target;
  const closing = EDGES.filter((e) => e.source === reached && CLOSING.some((c) => c.type === e.event));
  const taken = [...steps.map((s) => edgeById(s.edge)), ...closing];
  return { aimed: edge.meta.requirements, covers: [...new Set(taken.flatMap((e) => e.meta.requirements))] };
}

/**
 * Runs each closing observation on its own, so one the target answers wrong or lacks a route for does not hide
 * the other; the first defect is counted from the first closing request.
 */
async function observeEnd(session: Session, vaultName: string): Promise<ScriptRun> {
  const ending: ScriptRun = { ran: 0 };
  for (const event of CLOSING) {
    const run = await runScript(session, [pathStep(event, vaultName)]);
    if (run.notSent) return { ...ending, notSent: run.notSent };
    ending.ran++;
    if (run.firstDefect !== undefined) ending.firstDefect ??= ending.ran;
  }
  return ending;
}

/** One step of a path on `vaultName`: an operation, an abstract event made concrete in the session's world, or a clock move. */
function pathStep(item: AbstractEvent | Operation, vaultName: string): ScriptStep {
  return (session) => {
    const { world, deletedArchives, principal } = session;
    const deleted = deletedArchives.get(vaultName);
    const operation = "name" in item ? item : concretize(item, vaultName, world, principal.accountId, deleted);
    return operation ? session.perform(operation) : session.advanceClock(EXPIRY_STEP_MS);
  };
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
  noteCensus(context, "SVC-READ-AFTER-WRITE", `path:${edge.id}: immediately consistent`);
  return { requirements: [...result.requirements, "SVC-READ-AFTER-WRITE"] };
}

/**
 * A path's events, each DeleteVault after the next inventory preceded by a day's clock move (EXPIRE's), each
 * deletion of an `elsewhere` archive preceded by the requests that give another vault
 * (`<vault>-holder`) an archive for it to name.
 */
function withSetUp(steps: PathStep[], vaultName: string): (AbstractEvent | Operation)[] {
  return steps.flatMap(({ event }): (AbstractEvent | Operation)[] => {
    if (event.type === "DELETE_VAULT" && "after" in event) return [{ type: "EXPIRE" }, { type: "DELETE_VAULT" }];
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
