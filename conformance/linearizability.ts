/**
 * A small Wing–Gong–Lowe style search: is there a total order of the recorded operations, consistent with
 * real time (an operation that returned before another was called comes first), in which every observed
 * answer is one the oracle accepts? Pure; used by the race generator.
 */
import { step, type Operation } from "../model/index.js";
import type { Observed } from "./invoke.js";
import { judge } from "./judge.js";
import type { MemoryWorld } from "../model/index.js";

export interface HistoryEntry {
  operation: Operation;
  observed: Observed;
  /** Wall-clock ms of call and return. */
  called: number;
  returned: number;
}

export interface LinearizationContext {
  signer: string;
  region: string;
  /** The service time to give the oracle (races are short, so one time serves). */
  now: number;
  toleranceMs: number;
}

export interface Linearization {
  /** Indices into the history, in linearization order. */
  order: number[];
  /** The world after the history in that order. */
  world: MemoryWorld;
}

/** What the search found: an order and its world, or the longest prefix it placed and the operations that cannot follow it. */
export type LinearizabilityCheck =
  ({ ok: true } & Linearization) | { ok: false; longestPrefix: number[]; unplaceable: number[] };

/**
 * An order that explains the history and the world it leads to; when none exists, the longest linearizable
 * prefix the search reached and the operations that real time allows next but whose answers the oracle refuses there.
 */
export function checkLinearizable(
  start: MemoryWorld,
  history: HistoryEntry[],
  context: LinearizationContext,
): LinearizabilityCheck {
  const failed = new Set<string>();
  let longest: number[] = [];
  const search = (world: MemoryWorld, done: number[]): Linearization | undefined => {
    if (done.length > longest.length) longest = done;
    if (done.length === history.length) return { order: done, world };
    const key = `${[...done].sort((a, b) => a - b).join(",")}|${world.fingerprint()}`;
    if (failed.has(key)) return undefined;
    for (const [i, entry] of history.entries()) {
      if (done.includes(i) || !minimal(history, done, i)) continue;
      const freshLockId = entry.observed.headers["x-amz-lock-id"] ?? "";
      const branches = step(
        world,
        { operation: entry.operation, signer: context.signer, region: context.region, now: context.now, freshLockId },
        { clockToleranceMs: context.toleranceMs },
      );
      const judgement = judge(entry.observed, branches, context.toleranceMs);
      if (judgement.verdict !== "pass") continue;
      const next = world.clone();
      next.apply(judgement.branch!.changes);
      const found = search(next, [...done, i]);
      if (found) return found;
    }
    failed.add(key);
    return undefined;
  };
  const found = search(start.clone(), []);
  if (found) return { ok: true, ...found };
  const unplaceable = [...history.keys()].filter((i) => !longest.includes(i) && minimal(history, longest, i));
  return { ok: false, longestPrefix: longest, unplaceable };
}

/** An order that explains the history, and the world it leads to, or undefined when none exists. */
export function linearize(
  start: MemoryWorld,
  history: HistoryEntry[],
  context: LinearizationContext,
): Linearization | undefined {
  const checked = checkLinearizable(start, history, context);
  return checked.ok ? { order: checked.order, world: checked.world } : undefined;
}

/** True when every operation that returned before `i` was called is already in the order. */
function minimal(history: HistoryEntry[], done: number[], i: number): boolean {
  return history.every((other, j) => j === i || done.includes(j) || other.returned >= history[i]!.called);
}

/**
 * Every distinct world the history can end in, over all its linearizations from any of `starts` (empty: not
 * linearizable). Needed when a history is checked in rounds: concurrent Initiate and Abort, say, can end in
 * either order, and only a later round tells which.
 */
export function linearizations(
  starts: MemoryWorld[],
  history: HistoryEntry[],
  context: LinearizationContext,
): MemoryWorld[] {
  const ends = new Map<string, MemoryWorld>();
  const visited = new Set<string>();
  const search = (world: MemoryWorld, done: number[]): void => {
    const key = `${[...done].sort((a, b) => a - b).join(",")}|${world.fingerprint()}`;
    if (visited.has(key)) return;
    visited.add(key);
    if (done.length === history.length) {
      ends.set(world.fingerprint(), world);
      return;
    }
    for (const [i, entry] of history.entries()) {
      if (done.includes(i) || !minimal(history, done, i)) continue;
      const freshLockId = entry.observed.headers["x-amz-lock-id"] ?? "";
      const request = {
        operation: entry.operation,
        signer: context.signer,
        region: context.region,
        now: context.now,
        freshLockId,
      };
      for (const branch of step(world, request, { clockToleranceMs: context.toleranceMs })) {
        if (judge(entry.observed, [branch], context.toleranceMs).verdict !== "pass") continue;
        const next = world.clone();
        next.apply(branch.changes);
        search(next, [...done, i]);
      }
    }
  };
  for (const start of starts) search(start.clone(), []);
  return [...ends.values()];
}
