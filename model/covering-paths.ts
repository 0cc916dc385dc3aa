/**
 * Paths through the machine that together take every transition (all-transitions coverage), found
 * with @xstate/graph's shortest-path search. Events are described symbolically (which policy, which
 * lock id) so a suite can replay them against any endpoint, where lock ids are only known at run time.
 */
import { getShortestPaths } from "@xstate/graph";
import { advance, type Snapshot } from "./advance.js";
import { EMPTY_VAULT, vaultLockMachine, type VaultEvent } from "./machine.js";
import { INVENTORY_INTERVAL_MS } from "./inventory.js";
import { LOCK_TTL_MS } from "./rules.js";
import { exploreSubresources, heldSubresources } from "./subresources/index.js";
import {
  examplePolicy,
  exampleTags,
  TOO_LONG_DESCRIPTION,
  type AbstractEvent,
  type LockIdRef,
} from "./abstract-events.js";

export interface PathStep {
  event: AbstractEvent;
  /** The edge the model takes. */
  edge: string;
}

const ABSTRACT = new WeakMap<VaultEvent, AbstractEvent>();

/** A state as the path search sees it: XState's snapshots (in `getShortestPaths`) and our own alike. */
type Explored = { value: unknown; context: Snapshot["context"] };

/** Concrete events to explore from a snapshot, each remembered with its abstract description. */
function eventsFrom(snapshot: Explored): VaultEvent[] {
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
  pairs.push(...dataEvents(snapshot, now));
  for (const [event, abstract] of pairs) ABSTRACT.set(event, abstract);
  return pairs.map(([event]) => event);
}

function dataEvents(snapshot: Explored, now: number): [VaultEvent, AbstractEvent][] {
  const { archives, lastWriteAt } = snapshot.context;
  const stored = archives.firstId();
  const archiveId = `archive-${archives.size + 1}`;
  const upload = (treeHash: "right" | "wrong"): [VaultEvent, AbstractEvent] => [
    { type: "UPLOAD_ARCHIVE", now, archiveId, size: 1, treeHash: "a", bodyTreeHash: treeHash === "right" ? "a" : "b" },
    { type: "UPLOAD_ARCHIVE", treeHash },
  ];
  const pairs: [VaultEvent, AbstractEvent][] = [
    upload("right"),
    upload("wrong"),
    [
      { ...upload("right")[0], description: TOO_LONG_DESCRIPTION } as VaultEvent,
      { type: "UPLOAD_ARCHIVE", treeHash: "right", description: "tooLong" },
    ],
    [{ type: "REMOVE_TAGS", now, keys: ["suite"] }, { type: "REMOVE_TAGS" }],
    [{ type: "LIST_TAGS", now }, { type: "LIST_TAGS" }],
    [{ type: "GET_ACCESS_POLICY", now }, { type: "GET_ACCESS_POLICY" }],
    [{ type: "DELETE_ACCESS_POLICY", now }, { type: "DELETE_ACCESS_POLICY" }],
    ...exploreSubresources(snapshot.context, now),
    [
      { type: "DELETE_ARCHIVE", now, archiveId: "elsewhere", storedElsewhere: true },
      { type: "DELETE_ARCHIVE", archive: "elsewhere" },
    ],
  ];
  for (const tags of ["valid", "invalid", "overTen", "tooMany"] as const)
    pairs.push([
      { type: "ADD_TAGS", now, tags: exampleTags(tags) },
      { type: "ADD_TAGS", tags },
    ]);
  for (const policy of ["valid", "invalid", "missing"] as const)
    pairs.push([
      { type: "SET_ACCESS_POLICY", now, policy: examplePolicy(policy) },
      { type: "SET_ACCESS_POLICY", policy },
    ]);
  if (lastWriteAt !== undefined && snapshot.value !== "inProgress")
    pairs.push([
      { type: "DELETE_VAULT", now: now + INVENTORY_INTERVAL_MS + 5 * 60_000 },
      { type: "DELETE_VAULT", after: "inventory" },
    ]);
  if (stored)
    pairs.push([
      { type: "DELETE_ARCHIVE", now, archiveId: stored },
      { type: "DELETE_ARCHIVE", archive: "stored" },
    ]);
  else if (lastWriteAt !== undefined)
    pairs.push([
      { type: "DELETE_ARCHIVE", now, archiveId: "gone" },
      { type: "DELETE_ARCHIVE", archive: "gone" },
    ]);
  return pairs;
}

/** The abstraction of a state the search tells apart: lock state, which ids exist, what the vault holds. */
function serialize(snapshot: Explored): string {
  const { lock, retiredLockIds, archives, lastWriteAt, accessPolicy } = snapshot.context;
  const data = [archives.size > 0, lastWriteAt !== undefined, !!accessPolicy];
  const held = heldSubresources(snapshot.context);
  return `${String(snapshot.value)}|${lock ? "lock" : "none"}|${retiredLockIds.length > 0}|${[...data, ...held].join()}`;
}

/** Replays abstract events from an absent vault; the edges they take, and where they end. */
function replay(events: AbstractEvent[]): { steps: PathStep[]; end: Snapshot } {
  let end: Snapshot = { value: "absent", context: EMPTY_VAULT };
  const steps: PathStep[] = [];
  for (const abstract of events) {
    const wanted = JSON.stringify(abstract);
    const event = eventsFrom(end).find((e) => JSON.stringify(ABSTRACT.get(e)) === wanted)!;
    const step = advance(end, event);
    end = step.next;
    steps.push({ event: abstract, edge: step.edge!.id });
  }
  return { steps, end };
}

/**
 * For each edge, the shortest path from "vault absent" that ends by taking it: the shortest event sequence to
 * each abstract state (getShortestPaths), replayed, then extended by every event enabled where it ends. The
 * abstraction decides which edges are enabled, so the shortest extension that takes an edge is a shortest
 * path taking it. Computed once (a pure function of the machine): the same map on every call.
 */
export function transitionCoveringPaths(): ReadonlyMap<string, PathStep[]> {
  return (covering ??= computeCoveringPaths());
}

let covering: Map<string, PathStep[]> | undefined;

/** `transitionCoveringPaths` computed afresh (for the bench). */
export function computeCoveringPaths(): Map<string, PathStep[]> {
  const paths = getShortestPaths(vaultLockMachine, { events: eventsFrom, serializeState: serialize });
  const byEdge = new Map<string, PathStep[]>();
  for (const path of paths) {
    const { steps, end } = replay(path.steps.flatMap((s) => (ABSTRACT.has(s.event) ? [ABSTRACT.get(s.event)!] : [])));
    for (const event of eventsFrom(end)) {
      const edge = advance(end, event).edge?.id;
      const known = edge && byEdge.get(edge);
      if (edge && (!known || known.length > steps.length + 1))
        byEdge.set(edge, [...steps, { event: ABSTRACT.get(event)!, edge }]);
    }
  }
  return byEdge;
}
