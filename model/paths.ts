/**
 * Paths through the machine that together take every transition (all-transitions coverage), found
 * with @xstate/graph's shortest-path search. Events are described symbolically (which policy, which
 * lock id) so a suite can replay them against any endpoint, where lock ids are only known at run time.
 */
import { getShortestPaths } from "@xstate/graph";
import { vaultLockMachine, type VaultEvent } from "./machine.js";
import { LOCK_TTL_MS, POLICY_HARD_LIMIT } from "./rules.js";

export type PolicyKind = "valid" | "missing" | "invalid" | "tooLarge" | "sizeAmbiguous";
export type LockIdRef = "current" | "retired" | "random";

/** A machine event with its data described by kind rather than value. */
export type AbstractEvent =
  | { type: "CREATE_VAULT" | "DELETE_VAULT" | "DESCRIBE_VAULT" | "ABORT" | "GET" }
  | { type: "INITIATE"; policy: PolicyKind }
  | { type: "COMPLETE"; lockId: LockIdRef }
  | { type: "EXPIRE" };

export interface PathStep {
  event: AbstractEvent;
  /** The edge the model takes. */
  edge: string;
}

/** A policy document of each kind. Valid ones deny nothing that the suite does. */
export function examplePolicy(kind: PolicyKind): string | undefined {
  const statement = { Sid: "suite", Effect: "Deny", Principal: "*", Action: "glacier:DeleteArchive", Resource: "*" };
  const doc = (pad: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ ...statement, Sid: pad }] });
  switch (kind) {
    case "valid":
      return doc("suite");
    case "missing":
      return undefined;
    case "invalid":
      return '{"Version":"2012-10-17","Statement":[{"Effect":"Deny"';
    case "tooLarge":
      return doc("x".repeat(POLICY_HARD_LIMIT));
    case "sizeAmbiguous":
      return doc("x".repeat(20_300 - doc("").length));
  }
}

type Snapshot = ReturnType<typeof vaultLockMachine.resolveState>;

const ABSTRACT = new WeakMap<VaultEvent, AbstractEvent>();

/** Concrete events to explore from a snapshot, each remembered with its abstract description. */
function eventsFrom(snapshot: Snapshot): VaultEvent[] {
  const { lock, retiredLockIds, createdAt } = snapshot.context;
  const now = Math.max(createdAt, lock?.createdAt ?? 0) + 1000;
  const fresh = `lock-${retiredLockIds.length + (lock ? 2 : 1)}`;
  const pairs: [VaultEvent, AbstractEvent][] = [
    [{ type: "CREATE_VAULT", now }, { type: "CREATE_VAULT" }],
    [{ type: "DELETE_VAULT", now }, { type: "DELETE_VAULT" }],
    [{ type: "DESCRIBE_VAULT", now }, { type: "DESCRIBE_VAULT" }],
    [{ type: "ABORT", now }, { type: "ABORT" }],
    [{ type: "GET", now }, { type: "GET" }],
    [{ type: "TICK", now: (lock?.createdAt ?? now) + LOCK_TTL_MS + 60_000 }, { type: "EXPIRE" }],
  ];
  for (const policy of ["valid", "missing", "invalid", "tooLarge", "sizeAmbiguous"] as const)
    pairs.push([
      { type: "INITIATE", now, lockId: fresh, policy: examplePolicy(policy) },
      { type: "INITIATE", policy },
    ]);
  const ids: [LockIdRef, string | undefined][] = [
    ["current", lock?.lockId],
    ["retired", retiredLockIds.at(-1)],
    ["random", "not-a-lock-id"],
  ];
  for (const [ref, lockId] of ids)
    if (lockId !== undefined)
      pairs.push([
        { type: "COMPLETE", now, lockId },
        { type: "COMPLETE", lockId: ref },
      ]);
  for (const [event, abstract] of pairs) ABSTRACT.set(event, abstract);
  return pairs.map(([event]) => event);
}

/** The abstraction of a state the search tells apart: state, edge just taken, and which ids exist. */
function serialize(snapshot: Snapshot): string {
  const { lastEdge, lock, retiredLockIds } = snapshot.context;
  return `${String(snapshot.value)}|${lastEdge ?? "-"}|${lock ? "lock" : "none"}|${retiredLockIds.length > 0}`;
}

/** For each edge, the shortest path from "vault absent" that ends by taking it. */
export function transitionCoveringPaths(): Map<string, PathStep[]> {
  const paths = getShortestPaths(vaultLockMachine, { events: eventsFrom, serializeState: serialize });
  const byEdge = new Map<string, PathStep[]>();
  for (const path of paths) {
    const steps = path.steps
      .filter((s) => s.state.context.lastEdge !== undefined && ABSTRACT.has(s.event))
      .map((s) => ({ event: ABSTRACT.get(s.event)!, edge: s.state.context.lastEdge! }));
    const last = steps.at(-1);
    if (!last || path.steps.at(-1)?.state.context.lastEdge !== last.edge) continue;
    const known = byEdge.get(last.edge);
    if (!known || known.length > steps.length) byEdge.set(last.edge, steps);
  }
  return byEdge;
}
