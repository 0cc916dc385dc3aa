/**
 * Generator 3, races: concurrent operations on one vault, recorded with call and return times and
 * checked for linearizability against the model (RACE-ONE-INITIATE-WINS): exactly one of N Initiates
 * wins, and only its lock id completes.
 */
import { examplePolicy, type Operation } from "../model/index.js";
import { checkTargetAnswers, newSession, type SuiteContext } from "./context.js";
import { formatObserved, invoke } from "./invoke.js";
import { checkLinearizable, type HistoryEntry, type LinearizabilityCheck } from "./linearizability.js";
import { resultOfError, type CheckResult, type RaceHistory } from "./results.js";
import { PERMANENT_LOCK_REFUSED } from "./rails.js";
import { describeOperation } from "./requests.js";
import type { Session } from "./session.js";

const REQUIREMENTS = ["RACE-ONE-INITIATE-WINS"];

async function race(context: SuiteContext, operations: Operation[]): Promise<HistoryEntry[]> {
  const history = await Promise.all(
    operations.map(async (operation) => {
      const called = Date.now();
      const observed = await invoke(context.principal.client, operation);
      context.stats.requests++;
      return { operation, observed, called, returned: Date.now() };
    }),
  );
  checkTargetAnswers(context);
  return history;
}

/** A failed result when some racing request got no usable answer (a reset, a deadline, an unreadable answer). */
function unanswered(
  base: ReturnType<typeof raceBase>,
  history: HistoryEntry[],
  answers: string,
): CheckResult | undefined {
  const lost = history.filter((h) => h.observed.transport || h.observed.sdkError);
  if (!lost.length) return undefined;
  return {
    ...base,
    verdict: "fail",
    reason: `${lost.length} of ${history.length} got no usable answer: ${answers}`,
    observed: answers,
  };
}

function linearized(context: SuiteContext, session: Session, history: HistoryEntry[]): LinearizabilityCheck {
  const { principal, target, clock, toleranceMs } = context;
  return checkLinearizable(session.world, history, {
    signer: principal.accountId,
    region: target.region,
    now: clock.now(),
    toleranceMs,
  });
}

/** The history as the report carries it: one lane per client, and how the check placed the operations. */
function reported(history: HistoryEntry[], check: LinearizabilityCheck): RaceHistory {
  return {
    operations: history.map((h, client) => ({
      client,
      ...("vaultName" in h.operation ? { vault: h.operation.vaultName } : {}),
      request: describeOperation(h.operation),
      observed: formatObserved(h.observed),
      called: h.called,
      returned: h.returned,
    })),
    linearization: check.ok
      ? { ok: true, order: check.order }
      : { ok: false, longestPrefix: check.longestPrefix, unplaceable: check.unplaceable },
  };
}

function raceBase(context: SuiteContext, id: string) {
  return { id, generator: "race" as const, target: context.target.name, requirements: REQUIREMENTS };
}

/** N Initiates at once on a new vault; then a wrong id must not complete and the winner's must. */
async function initiateRace(context: SuiteContext, n: number): Promise<CheckResult> {
  const base = raceBase(context, `race:initiate-x${n}`);
  const vaultName = `${context.prefix}-race-init`;
  const setup = newSession(context);
  await setup.perform({ name: "CreateVault", accountId: "-", vaultName });
  const policy = examplePolicy("valid")!;
  const initiate: Operation = { name: "InitiateVaultLock", accountId: "-", vaultName, policy };
  const history = await race(
    context,
    Array.from({ length: n }, () => initiate),
  );
  const answers = history.map((h) => formatObserved(h.observed)).join(", ");
  if (history.every((h) => h.observed.unrecognized) && !context.answered.has("InitiateVaultLock"))
    return { ...base, verdict: "notImplemented", reason: `no such route: ${answers}`, observed: answers };
  const lost = unanswered(base, history, answers);
  if (lost) return lost;
  const winners = history.filter((h) => h.observed.status === 201);
  const found = linearized(context, setup, history);
  const raced = { ...base, history: reported(history, found) };
  if (!found.ok) return { ...raced, verdict: "fail", reason: `not linearizable: ${answers}`, observed: answers };
  if (winners.length !== 1)
    return {
      ...raced,
      verdict: "fail",
      reason: `${winners.length} of ${n} Initiates succeeded: ${answers}`,
      observed: answers,
    };
  const after = newSession(context, found.world);
  await after.perform({ name: "CompleteVaultLock", accountId: "-", vaultName, lockId: "NOT-THE-WINNER" });
  const lockId = winners[0]!.observed.headers["x-amz-lock-id"];
  if (!lockId)
    return {
      ...base,
      requirements: ["INIT-INSTALLS-POLICY", ...REQUIREMENTS],
      verdict: "fail",
      reason: `the winning Initiate answered no x-amz-lock-id: ${answers}`,
      observed: answers,
    };
  const completeWinner: Operation = { name: "CompleteVaultLock", accountId: "-", vaultName, lockId };
  if (after.wouldLock(completeWinner))
    return {
      ...raced,
      verdict: "pass",
      observed: answers,
      reason: `winner not completed: ${PERMANENT_LOCK_REFUSED}`,
      trace: after.trace,
    };
  await after.perform(completeWinner);
  return { ...raced, verdict: "pass", observed: answers, trace: after.trace };
}

/** Complete (twice), Abort (twice) and Get racing on an InProgress lock. */
async function completeAbortRace(context: SuiteContext): Promise<CheckResult> {
  const base = raceBase(context, "race:complete-vs-abort");
  const vaultName = `${context.prefix}-race-ca`;
  const session = newSession(context);
  const lockId = await session.openLock(vaultName);
  const complete: Operation = {
    name: "CompleteVaultLock",
    accountId: "-",
    vaultName,
    lockId,
  };
  if (session.wouldLock(complete)) return { ...base, verdict: "skip", reason: PERMANENT_LOCK_REFUSED };
  const abort: Operation = { name: "AbortVaultLock", accountId: "-", vaultName };
  const history = await race(context, [
    complete,
    abort,
    complete,
    abort,
    { name: "GetVaultLock", accountId: "-", vaultName },
  ]);
  const answers = history.map((h) => formatObserved(h.observed)).join(", ");
  const lost = unanswered(base, history, answers);
  if (lost) return lost;
  const found = linearized(context, session, history);
  const raced = { ...base, history: reported(history, found) };
  if (!found.ok) return { ...raced, verdict: "fail", reason: `not linearizable: ${answers}`, observed: answers };
  return { ...raced, verdict: "pass", observed: answers };
}

/** All race checks. */
export async function runRaces(context: SuiteContext, initiates = 8): Promise<CheckResult[]> {
  const checks: [string, () => Promise<CheckResult>][] = [
    [`race:initiate-x${initiates}`, () => initiateRace(context, initiates)],
    ["race:complete-vs-abort", () => completeAbortRace(context)],
  ];
  const results: CheckResult[] = [];
  for (const [id, check] of checks) {
    const result = await check().catch((error: unknown) =>
      resultOfError({ id, generator: "race", target: context.target.name, requirements: REQUIREMENTS }, error),
    );
    results.push(result);
    context.progress(`${result.verdict.padEnd(14)} ${result.id}`);
  }
  return results;
}
