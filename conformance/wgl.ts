/**
 * The Wing–Gong–Lowe search for one component of a history, as Porcupine runs it: the calls and returns in time
 * order on a doubly linked list; an operation is tried only while no return precedes its call in the list (so real
 * time is respected), and a linearized one is lifted out with its return; every (linearized set, model state) pair
 * is entered at most once, the set kept as a bitset with an incremental hash. The model state is a set of worlds
 * of the `StateSpace`, so each step is a lookup after the first time.
 *
 * One more cut, exact: an operation that can never change a world it is explained in (a read or a refusal, in a
 * component where no lock can expire) and that every current world explains may go first. If any order of the rest
 * exists, one exists with it first, since removing it from that order changes no state and only loosens real time.
 * So when that choice fails, the level fails, and its siblings are not tried.
 */
import { deadline, type HistoryEntry } from "./history.js";
import type { StateSpace } from "./state-space.js";

export type SearchResult =
  { ok: true; order: number[]; state: number } | { ok: false; longestPrefix: number[]; unplaceable: number[] };

interface Node {
  entry: number;
  call: boolean;
  prev: Node | null;
  next: Node | null;
  match: Node | null;
}

interface Frame {
  node: Node;
  state: number;
  forced: boolean;
}

function eventList(entries: readonly HistoryEntry[]): Node {
  const events = entries.flatMap((e, i) => [
    { time: e.called, call: true, entry: i },
    { time: deadline(e), call: false, entry: i },
  ]);
  events.sort((a, b) => a.time - b.time || Number(b.call) - Number(a.call) || a.entry - b.entry);
  const head: Node = { entry: -1, call: false, prev: null, next: null, match: null };
  const returns = new Map<number, Node>();
  const calls: Node[] = [];
  let last = head;
  for (const { call, entry } of events) {
    const node: Node = { entry, call, prev: last, next: null, match: null };
    last.next = node;
    last = node;
    if (call) calls.push(node);
    else returns.set(entry, node);
  }
  for (const node of calls) node.match = returns.get(node.entry)!;
  return head;
}

function lift(node: Node): void {
  node.prev!.next = node.next;
  node.next!.prev = node.prev;
  const match = node.match!;
  match.prev!.next = match.next;
  if (match.next) match.next.prev = match.prev;
}

function unlift(node: Node): void {
  const match = node.match!;
  match.prev!.next = match;
  if (match.next) match.next.prev = match;
  node.prev!.next = node;
  node.next!.prev = node;
}

/** Two 32-bit keys per entry for the incremental hash of the linearized set (splitmix32, fixed seed). */
function zobrist(count: number): Uint32Array {
  const keys = new Uint32Array(count * 2);
  let x = 0x9e3779b9;
  for (let i = 0; i < keys.length; i++) {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    keys[i] = (z ^ (z >>> 16)) >>> 0;
  }
  return keys;
}

/** The (linearized set, state) pairs entered so far, by the set's hash; equal hashes are told apart by the set. */
class Visited {
  private readonly seen = new Map<number, { check: number; state: number; bits: Uint32Array }[]>();

  /** Records the pair; false when it was entered before. */
  add(hash: [number, number], bits: Uint32Array, state: number): boolean {
    const key = (hash[0] ^ Math.imul(state, 0x9e3779b1)) >>> 0;
    const list = this.seen.get(key);
    if (list) {
      for (const other of list)
        if (other.check === hash[1] && other.state === state && same(other.bits, bits)) return false;
      list.push({ check: hash[1], state, bits: bits.slice() });
    } else this.seen.set(key, [{ check: hash[1], state, bits: bits.slice() }]);
    return true;
  }
}

function same(a: Uint32Array, b: Uint32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Finds an order of `entries` (one component) that the model explains, starting from `space.start`. */
export function searchComponent(
  entries: readonly HistoryEntry[],
  space: StateSpace,
  preserving: readonly boolean[],
): SearchResult {
  const head = eventList(entries);
  const keys = zobrist(entries.length);
  const bits = new Uint32Array(Math.ceil(entries.length / 32));
  const hash: [number, number] = [0, 0];
  const toggle = (entry: number) => {
    bits[entry >>> 5]! ^= 1 << (entry & 31);
    hash[0] ^= keys[2 * entry]!;
    hash[1] ^= keys[2 * entry + 1]!;
  };
  const visited = new Visited();
  const stack: Frame[] = [];
  const best = { order: [] as number[], state: space.start, dirty: 0 };
  let state = space.start;

  const push = (node: Node, next: number, forced: boolean): boolean => {
    toggle(node.entry);
    if (!visited.add(hash, bits, next)) {
      toggle(node.entry);
      return false;
    }
    stack.push({ node, state, forced });
    state = next;
    lift(node);
    if (stack.length > best.order.length) {
      for (let k = best.dirty; k < stack.length; k++) best.order[k] = stack[k]!.node.entry;
      best.dirty = stack.length;
      best.state = state;
    }
    return true;
  };
  /** Undoes the last choice that is not forced; the node to try after it, or null when none is left. */
  const backtrack = (): Node | null => {
    for (;;) {
      const frame = stack.pop();
      if (!frame) return null;
      best.dirty = Math.min(best.dirty, stack.length);
      state = frame.state;
      toggle(frame.node.entry);
      unlift(frame.node);
      if (!frame.forced) return frame.node.next;
    }
  };
  const forcedChoice = (): Node | undefined => {
    for (let node = head.next; node?.call; node = node.next)
      if (preserving[node.entry] && space.next(state, node.entry) === state) return node;
    return undefined;
  };

  let node: Node | null = head.next;
  let freshLevel = true;
  while (head.next) {
    const forced = freshLevel ? forcedChoice() : undefined;
    freshLevel = false;
    if (forced) {
      if (push(forced, state, true)) {
        node = head.next;
        freshLevel = true;
      } else if (!(node = backtrack())) return failure(entries, space, best);
      continue;
    }
    if (node?.call) {
      const next = space.next(state, node.entry);
      if (next >= 0 && push(node, next, false)) {
        node = head.next;
        freshLevel = true;
      } else node = node.next;
      continue;
    }
    if (!(node = backtrack())) return failure(entries, space, best);
  }
  return { ok: true, order: stack.map((frame) => frame.node.entry), state };
}

/** The longest order found and, after it, the operations that could go next but that no world explains. */
function failure(
  entries: readonly HistoryEntry[],
  space: StateSpace,
  best: { order: number[]; state: number },
): SearchResult {
  const placed = new Set(best.order);
  const rest = entries.flatMap((_, i) => (placed.has(i) ? [] : [i]));
  const earliestReturn = rest.reduce((min, i) => Math.min(min, deadline(entries[i]!)), Infinity);
  const candidates = rest.filter((i) => entries[i]!.called <= earliestReturn);
  const unexplained = candidates.filter((i) => space.next(best.state, i) < 0);
  return { ok: false, longestPrefix: best.order, unplaceable: unexplained.length ? unexplained : candidates };
}
