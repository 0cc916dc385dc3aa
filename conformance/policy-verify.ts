/**
 * `policy verify` (issue 20), through the SDK only: a vault's InProgress lock checked against a policy file
 * (GetVaultLock's policy is the file's, the state is InProgress, the window is 24 hours, the time left), then the
 * file's decision table exercised live on the vault (`policy-live.ts`). Every request is one the rails allow.
 */
import { isDeepStrictEqual } from "node:util";
import { LOCK_TTL_MS, vaultArn, type Operation } from "../model/index.js";
import { namedIn } from "../model/policy/dimensions.js";
import { parsePolicy } from "../model/policy/evaluate.js";
import { decisionTable, parseVaultArn, type DecisionTable } from "../model/policy/table.js";
import { formatObserved, invoke } from "./invoke.js";
import { exerciseLive, type LiveOutcome } from "./policy-live.js";
import type { Send } from "./policy-tags.js";
import { clientFor, TargetClock, type Target } from "./target.js";

export interface LockCheck {
  ok: boolean;
  text: string;
}

export interface Verification {
  vaultArn: string;
  checks: LockCheck[];
  /** Milliseconds until the lock expires, by the endpoint's clock. */
  timeLeftMs?: number;
  table?: DecisionTable;
  live?: LiveOutcome;
  /** Why the table was not exercised at all. */
  notLive?: string;
}

export interface VerifyOptions {
  target: Target;
  vaultName: string;
  policy: string;
  /** The vault owner's account id, needed only when DescribeVault is denied. */
  accountId?: string;
  allowArchives: boolean;
  /** Only requests that change nothing, even on an emulator. */
  readOnly: boolean;
}

/** Thrown when the vault cannot be verified at all (no lock, no ARN); the CLI prints its message. */
export class NotVerifiable extends Error {}

interface LockState {
  Policy?: string;
  State?: string;
  ExpirationDate?: string;
  CreationDate?: string;
}

async function readLock(send: Send): Promise<LockState> {
  const observed = await send({ name: "GetVaultLock" });
  if (observed.status !== 200)
    throw new NotVerifiable(
      `GetVaultLock answered ${formatObserved(observed)}${observed.message ? `: ${observed.message}` : ""}`,
    );
  return (observed.body ?? {}) as LockState;
}

function lockChecks(lock: LockState, policy: string, now: number): { checks: LockCheck[]; timeLeftMs?: number } {
  const same = lock.Policy === policy;
  const equivalent = !same && lock.Policy !== undefined && isDeepStrictEqual(safeParse(lock.Policy), safeParse(policy));
  const checks: LockCheck[] = [
    {
      ok: same || equivalent,
      text: same
        ? "GetVaultLock's policy is the file's, byte for byte"
        : equivalent
          ? "GetVaultLock's policy is the file's JSON, formatted otherwise"
          : "GetVaultLock's policy is not the file's",
    },
    {
      ok: lock.State === "InProgress",
      text:
        lock.State === "InProgress"
          ? "the lock is InProgress: it can still be aborted"
          : `the lock is ${lock.State}: its policy can no longer be tested or changed`,
    },
  ];
  const [created, expires] = [Date.parse(lock.CreationDate ?? ""), Date.parse(lock.ExpirationDate ?? "")];
  if (lock.State !== "InProgress" || Number.isNaN(expires)) return { checks };
  const window = expires - created;
  checks.push({
    ok: window === LOCK_TTL_MS,
    text: `it expires ${window === LOCK_TTL_MS ? "24 hours" : `${window} ms`} after its creation (INIT-EXPIRES-AFTER-24H)`,
  });
  const timeLeftMs = expires - now;
  checks.push({
    ok: timeLeftMs > 0,
    text:
      timeLeftMs > 0
        ? `${duration(timeLeftMs)} left, until ${lock.ExpirationDate}`
        : `it expired at ${lock.ExpirationDate}`,
  });
  return { checks, timeLeftMs };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `23h 59m`, `4m 10s`. */
export function duration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const [h, m] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60)];
  return h ? `${h}h ${m}m` : `${m}m ${s % 60}s`;
}

async function vaultArnOf(options: VerifyOptions, send: Send): Promise<string> {
  const described = await send({ name: "DescribeVault" });
  const arn = described.body?.VaultARN;
  if (typeof arn === "string") return arn;
  if (options.accountId) return vaultArn(options.target.region, options.accountId, options.vaultName);
  throw new NotVerifiable(`DescribeVault answered ${formatObserved(described)}: pass --account-id to name the vault`);
}

/** Why the table cannot be exercised on this vault, or its current tags. */
async function liveBlocker(send: Send): Promise<string | Record<string, string>> {
  const access = await send({ name: "GetVaultAccessPolicy" });
  if (access.status === 200) return "the vault has an access policy, which takes part in every decision";
  if (access.status !== 404)
    return `GetVaultAccessPolicy answered ${formatObserved(access)}: an access policy may take part`;
  const tags = await send({ name: "ListTagsForVault" });
  if (tags.status !== 200) return `ListTagsForVault answered ${formatObserved(tags)}: the vault's tag state is unknown`;
  return (tags.body?.Tags as Record<string, string> | undefined) ?? {};
}

/** Checks the vault's lock against the policy file, then exercises the file's decision table on the vault. */
export async function verifyPolicy(options: VerifyOptions): Promise<Verification> {
  const client = clientFor(options.target);
  const send: Send = (op) => invoke(client, { accountId: "-", vaultName: options.vaultName, ...op } as Operation);
  const clock = new TargetClock(options.target);
  try {
    await clock.sync();
    const lock = await readLock(send);
    const arn = await vaultArnOf(options, send);
    const vault = parseVaultArn(arn);
    if (!vault) throw new NotVerifiable(`DescribeVault answered a VaultARN that is not one: ${arn}`);
    const { checks, timeLeftMs } = lockChecks(lock, options.policy, clock.now());
    const result: Verification = { vaultArn: arn, checks, ...(timeLeftMs !== undefined ? { timeLeftMs } : {}) };
    if (!checks.every((c) => c.ok)) return { ...result, notLive: "the lock is not the file's InProgress lock" };
    const table = decisionTable([options.policy], vault, clock.now());
    const blocker = await liveBlocker(send);
    if (typeof blocker === "string") return { ...result, table, notLive: blocker };
    const railed = options.target.capabilities.realAws || options.readOnly;
    const clockControl = options.target.capabilities.clockControl && !railed;
    const live = await exerciseLive(
      {
        client,
        vaultName: options.vaultName,
        table,
        tags: namedIn([parsePolicy(options.policy)], vault.account).tags,
        clock: clockControl ? clock : { now: () => clock.now() },
        expiresAt: Date.parse(lock.ExpirationDate!),
        railed,
        allowArchives: options.allowArchives,
      },
      blocker,
    );
    return { ...result, table, live };
  } finally {
    clock.close();
  }
}
