/**
 * What a run on a target without clock control (real AWS) leaves to a later run, kept in a state file:
 * - expiry: a 24-hour wait cannot fit in one run. A run starts a lock on a vault of its own; a later run, once the
 *   lock is due to have expired, checks that Get answers 404 and the old id no longer completes, then deletes the
 *   vault (INIT-EXPIRES-AFTER-24H);
 * - deferred deletions: AWS deletes a vault that held archives only after its next inventory (about a day), so
 *   such vaults are recorded and a later run deletes them.
 */
import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { readJsonFile } from "../input/read.js";
import { EMPTY_VAULT, examplePolicy, MemoryWorld, type VaultRecord } from "../model/index.js";
import { attemptCounted } from "./cleanup.js";
import { newSession, type SuiteContext } from "./context.js";
import { resultOfError, resultOf, type CheckResult } from "./results.js";

export interface PendingObservation {
  target: string;
  region: string;
  vaultName: string;
  lockId: string;
  /** The ExpirationDate the target reported. */
  expiresAt: string;
}

/** A vault whose deletion waits for the target's next inventory. */
export interface DeferredVault {
  target: string;
  region: string;
  vaultName: string;
  /** When the run that made it gave up deleting it. */
  since: string;
}

export interface PendingState {
  observations: PendingObservation[];
  deferred: DeferredVault[];
}

interface PendingFile extends PendingState {
  version: 1;
}

/** Vaults of pending observations carry this prefix, so a run's cleanup never touches them. */
export const PENDING_PREFIX = "vlc-pending-";

const PENDING_FILE = z.object({
  version: z.literal(1, { error: "this suite reads version 1" }),
  observations: z.array(
    z.object({
      target: z.string(),
      region: z.string(),
      vaultName: z.string(),
      lockId: z.string(),
      expiresAt: z.string(),
    }),
  ),
  deferred: z
    .array(z.object({ target: z.string(), region: z.string(), vaultName: z.string(), since: z.string() }))
    .default([]),
}) satisfies z.ZodType<PendingFile>;

/** The state file's pending work (none when it does not exist yet); any other content is an InvalidInput. */
export function loadPending(file: string): PendingState {
  if (!existsSync(file)) return { observations: [], deferred: [] };
  const { observations, deferred } = readJsonFile(file, PENDING_FILE, "a pending-observation state file");
  return { observations, deferred };
}

export function savePending(file: string, state: PendingState): void {
  writeFileSync(file, `${JSON.stringify({ version: 1, ...state } satisfies PendingFile, null, 2)}\n`);
}

/** Tries to delete this target's deferred vaults; returns the entries still waiting (others' untouched). */
export async function retryDeferred(context: SuiteContext, deferred: DeferredVault[]): Promise<DeferredVault[]> {
  const waiting: DeferredVault[] = [];
  for (const entry of deferred) {
    const mine = entry.target === context.target.name && entry.region === context.target.region;
    const operation = { name: "DeleteVault" as const, accountId: "-", vaultName: entry.vaultName };
    const deleted = mine && (await attemptCounted(context.stats, context.principal.client, operation)).status === 204;
    if (deleted) context.progress(`deleted deferred vault ${entry.vaultName} (waiting since ${entry.since})`);
    else waiting.push(entry);
  }
  return waiting;
}

const REQUIREMENTS = ["INIT-EXPIRES-AFTER-24H", "GET-NO-LOCK-NOT-FOUND", "COMP-STALE-ID-REJECTED"];

/** Starts a lock to observe later; the result is a skip saying when the next run can check it. */
export async function schedule(
  context: SuiteContext,
): Promise<{ result: CheckResult; observation?: PendingObservation }> {
  const vaultName = `${PENDING_PREFIX}${randomBytes(4).toString("hex")}`;
  const base = {
    id: "pending:schedule",
    generator: "path" as const,
    target: context.target.name,
    requirements: REQUIREMENTS,
  };
  const session = newSession(context);
  try {
    const lockId = await session.openLock(vaultName);
    const lock = await session.perform({ name: "GetVaultLock", accountId: "-", vaultName });
    const expiresAt = String(lock.observed.body?.ExpirationDate);
    const observation = {
      target: context.target.name,
      region: context.target.region,
      vaultName,
      lockId,
      expiresAt,
    };
    return {
      result: {
        ...base,
        verdict: "skip",
        reason: `not exercised yet: ${vaultName} expires at ${expiresAt}; a run after that checks it`,
      },
      observation,
    };
  } catch (error) {
    return { result: resultOfError(base, error) };
  }
}

/** The model's view of a pending vault: its InProgress lock as recorded. */
function recordOf(observation: PendingObservation): VaultRecord {
  const expiresAt = Date.parse(observation.expiresAt);
  const createdAt = expiresAt - 24 * 3_600_000;
  const lock = { policy: examplePolicy("valid")!, lockId: observation.lockId, createdAt, expiresAt };
  return { state: "inProgress", context: { ...EMPTY_VAULT, createdAt, lock } };
}

/** Checks the observations that are due; returns their results and the ones still pending. */
export async function verifyDue(
  context: SuiteContext,
  observations: PendingObservation[],
): Promise<{ results: CheckResult[]; remaining: PendingObservation[] }> {
  const results: CheckResult[] = [];
  const remaining: PendingObservation[] = [];
  for (const observation of observations) {
    const mine = observation.target === context.target.name && observation.region === context.target.region;
    if (!mine || Date.parse(observation.expiresAt) + context.toleranceMs > context.clock.now()) {
      remaining.push(observation);
      continue;
    }
    const world = new MemoryWorld();
    world.apply([
      { account: context.principal.accountId, vaultName: observation.vaultName, record: recordOf(observation) },
    ]);
    const session = newSession(context, world);
    const base = {
      id: `pending:expiry:${observation.vaultName}`,
      generator: "path" as const,
      target: context.target.name,
      requirements: REQUIREMENTS,
    };
    const vault = { accountId: "-", vaultName: observation.vaultName };
    try {
      await session.perform({ name: "GetVaultLock", ...vault });
      await session.perform({ name: "CompleteVaultLock", ...vault, lockId: observation.lockId });
      await session.perform({ name: "DeleteVault", ...vault });
      results.push(resultOf(base, session.trace));
    } catch (error) {
      results.push(resultOfError(base, error));
      await session.perform({ name: "DeleteVault", ...vault }).catch(() => undefined);
    }
  }
  return { results, remaining };
}

/**
 * Deletes deferred vaults that are now deletable, checks due observations and schedules a new one; the state
 * file keeps what is still pending.
 */
export async function pendingObservations(context: SuiteContext, file: string): Promise<CheckResult[]> {
  const state = loadPending(file);
  const deferred = await retryDeferred(context, state.deferred);
  const { results, remaining } = await verifyDue(context, state.observations);
  const scheduled = await schedule(context);
  const observations = scheduled.observation ? [...remaining, scheduled.observation] : remaining;
  savePending(file, { observations, deferred });
  return [...results, scheduled.result];
}

/**
 * With a state file, leftovers that held archives are not lost: AWS deletes them only after its next inventory,
 * so they are recorded for a later run to delete. Returns the names deferred.
 */
export function deferDeletions(context: SuiteContext, file: string | undefined, leftovers: string[]): string[] {
  const deferred = file ? leftovers.filter((name) => context.uploads.has(name)) : [];
  if (!deferred.length) return [];
  const state = loadPending(file!);
  const since = new Date().toISOString();
  const { name: target, region } = context.target;
  const entries = deferred.map((vaultName) => ({ target, region, vaultName, since }));
  savePending(file!, { ...state, deferred: [...state.deferred, ...entries] });
  return deferred;
}
