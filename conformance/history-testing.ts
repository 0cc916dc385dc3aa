/**
 * Histories made with the model, for the checker's tests: operations answered one after another as the reference
 * emulator would answer them (the oracle's first branch), each given a call and return time around its point in
 * that order. A history made so is linearizable by construction; tests then overlap, shuffle or alter it.
 */
import fc from "fast-check";
import {
  examplePolicy,
  LOCK_TTL_MS,
  MemoryWorld,
  step,
  treeHash,
  type Operation,
  type Response,
} from "../model/index.js";
import { REGION, SIGNER, T0 } from "../model/testing.js";
import type { History, HistoryEntry } from "./history.js";
import type { Observed } from "./invoke.js";

/** What the SDK would report for this response, in the suite's terms. */
export function observedOf(response: Response): Observed {
  return {
    status: response.status,
    ...(response.code ? { code: response.code } : {}),
    headers: { ...response.headers },
    ...(response.body ? { body: structuredClone(response.body) } : {}),
  };
}

export interface MadeOperation {
  operation: Operation;
  /** Call and return, relative to the operation's point in the sequential order (default -4 and +4). */
  before?: number;
  after?: number;
  /** Move the service clock by this much before the operation (e.g. past a lock's expiry). */
  advance?: number;
}

/** The model's first answer to `operation` at `now` in `world`, which it then applies; `fresh` is a new lock's or archive's id. */
function modelAnswer(world: MemoryWorld, operation: Operation, now: number, fresh: string): Observed {
  const request = { operation, signer: SIGNER, region: REGION, now, freshLockId: fresh };
  const branch = step(world, operation.name === "UploadArchive" ? { ...request, freshArchiveId: fresh } : request)[0]!;
  world.apply(branch.changes);
  return observedOf(branch.response);
}

/** The history of `made`, answered in order from `start`; operation k's point in time is 10·k ms after T0. */
export function modelHistory(made: MadeOperation[], start = new MemoryWorld(), toleranceMs = 1000): History {
  return modelRun(made, start, toleranceMs).history;
}

/** `modelHistory`, and the world it ends in. */
export function modelRun(made: MadeOperation[], start = new MemoryWorld(), toleranceMs = 1000) {
  const world = start.clone();
  let shift = 0;
  const entries = made.map(({ operation, before = 4, after = 4, advance = 0 }, k): HistoryEntry => {
    shift += advance;
    const point = T0 + 10 * k;
    const observed = modelAnswer(world, operation, point + shift, `made-${k}`);
    return { client: k % 4, operation, observed, called: point - before, returned: point + after, now: point + shift };
  });
  const history: History = { signer: SIGNER, region: REGION, toleranceMs, start: start.toChanges(), entries };
  return { history, end: world };
}

/** When one operation of a load was called and when it returned, and which client (lane) sent it. */
export type Interval = Pick<HistoryEntry, "client" | "called" | "returned">;

/**
 * The history of `operations[i]` made during `intervals[i]`, answered by the model one after another in the order
 * of the intervals' midpoints (the service time of each): linearizable by construction however they overlap.
 * Lock and archive ids are `made-i`.
 */
export function modelTimedHistory(
  operations: readonly Operation[],
  intervals: readonly Interval[],
  start = new MemoryWorld(),
  toleranceMs = 1000,
): History {
  const world = start.clone();
  const point = intervals.map(({ called, returned }) => (called + returned) / 2);
  const order = operations.map((_, i) => i).sort((a, b) => point[a]! - point[b]! || a - b);
  const entries: HistoryEntry[] = [];
  for (const i of order) {
    const operation = operations[i]!;
    const observed = modelAnswer(world, operation, point[i]!, `made-${i}`);
    entries[i] = { ...intervals[i]!, operation, observed, now: point[i]! };
  }
  return { signer: SIGNER, region: REGION, toleranceMs, start: start.toChanges(), entries };
}

/** A lock expiry's worth of time, for `advance`. */
export const PAST_EXPIRY = LOCK_TTL_MS + 60_000;

/** An Initiate with the valid example policy. */
export const initiate = (vaultName = "v"): Operation => ({
  name: "InitiateVaultLock",
  accountId: "-",
  vaultName,
  policy: examplePolicy("valid")!,
});

const vault = fc.constantFrom("a", "b");
const made = fc.nat(6).map((k) => `made-${k}`);
/** Operations on two vaults whose ids (`made-k`) meet the ones `modelHistory` issues; a few refused at the gate. */
export const operationArb: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    name: fc.constantFrom("CreateVault", "DeleteVault", "DescribeVault", "GetVaultLock", "AbortVaultLock" as const),
    accountId: fc.constantFrom("-", "-", "-", "999988887777"),
    vaultName: vault,
  }),
  vault.map(initiate),
  fc.record({
    name: fc.constant("CompleteVaultLock" as const),
    accountId: fc.constant("-"),
    vaultName: vault,
    lockId: made,
  }),
  fc.record({
    name: fc.constant("UploadArchive" as const),
    accountId: fc.constant("-"),
    vaultName: vault,
    body: fc.constant(new Uint8Array([1])),
    treeHash: fc.constant(treeHash(new Uint8Array([1]))),
  }),
  fc.record({
    name: fc.constant("DeleteArchive" as const),
    accountId: fc.constant("-"),
    vaultName: vault,
    archiveId: made,
  }),
  fc.record({
    name: fc.constant("AddTagsToVault" as const),
    accountId: fc.constant("-"),
    vaultName: vault,
    tags: fc.constant({ k: "v" }),
  }),
  fc.record({ name: fc.constant("ListVaults" as const), accountId: fc.constant("-") }),
) as fc.Arbitrary<Operation>;
