/**
 * The Wing–Gong–Lowe search for one component of a history, as Porcupine runs it: the calls and returns in time
 * order on a doubly linked list; an operation is tried only while no return precedes its call in the list (so real
 * time is respected), and a linearized one is lifted out with its return; every (linearized set, model state) pair
 * is entered at most once, the set kept as a bitset with an incremental hash and compared by the words around its
 * frontier (below it all are full, above it all empty), so a long history's sets compare in a few words. The model
 * state is a set of worlds of the `StateSpace`, so each step is a lookup after the first time.
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

/** The calls and returns in time order (a call first on a tie), each call linked to its return; the head's next. */
function eventList(entries: readonly HistoryEntry[]): Node {
  const times: number[] = [];
  const events: Node[] = [];
  for (const [entry, e] of entries.entries()) {
    const call: Node = { entry, call: true, prev: null, next: null, match: null };
    call.match = { entry, call: false, prev: null, next: null, match: null };
    events.push(call, call.match);
    times.push(e.called, deadline(e));
  }
  const order = events.map((_, k) => k);
  order.sort((a, b) => times[a]! - times[b]! || (a % 2) - (b % 2) || a - b);
  const head: Node = { entry: -1, call: false, prev: null, next: null, match: null };
  let last = head;
  for (const k of order) {
    const node = events[k]!;
    node.prev = last;
    last.next = node;
    last = node;
  }
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

/** The linearized set: its bits, hash (two 32-bit halves), and the span of words from `low` to `high` (see above). */
class LinearizedSet {
  readonly bits: Uint32Array;
  hash = 0;
  check = 0;
  low = 0;
  high = -1;

  private readonly keys: Uint32Array;

  constructor(count: number) {
    this.bits = new Uint32Array(Math.ceil(count / 32));
    this.keys = zobrist(count);
  }

  toggle(entry: number): void {
    const word = entry >>> 5;
    const { bits } = this;
    bits[word]! ^= 1 << (entry & 31);
    this.hash ^= this.keys[2 * entry]!;
    this.check ^= this.keys[2 * entry + 1]!;
    if (bits[word]! & (1 << (entry & 31))) {
      this.high = Math.max(this.high, word);
      while (this.low < bits.length && bits[this.low] === 0xffffffff) this.low++;
    } else {
      this.low = Math.min(this.low, word);
      while (this.high >= 0 && bits[this.high] === 0) this.high--;
    }
  }

  /** The words from `low` to `high`, copied. */
  span(): Uint32Array {
    return this.bits.slice(this.low, this.high + 1);
  }

  /** Whether `span`, starting at word `low`, is this set's. */
  is(low: number, span: Uint32Array): boolean {
    if (low !== this.low || span.length !== Math.max(0, this.high + 1 - low)) return false;
    for (let i = 0; i < span.length; i++) if (span[i] !== this.bits[low + i]) return false;
    return true;
  }
}

/** The (linearized set, state) pairs entered so far, by the set's hash; equal hashes are told apart by the set. */
class Visited {
  private readonly seen = new Map<number, { check: number; state: number; low: number; span: Uint32Array }[]>();

  /** Records the pair; false when it was entered before. */
  add(set: LinearizedSet, state: number): boolean {
    const key = (set.hash ^ Math.imul(state, 0x9e3779b1)) >>> 0;
    const list = this.seen.get(key);
    if (list) {
      for (const other of list)
        if (other.check === set.check && other.state === state && set.is(other.low, other.span)) return false;
      list.push({ check: set.check, state, low: set.low, span: set.span() });
    } else this.seen.set(key, [{ check: set.check, state, low: set.low, span: set.span() }]);
    return true;
  }
}

/** Finds an order of `entries` (one component) that the model explains, starting from `space.start`. */
export function searchComponent(
  entries: readonly HistoryEntry[],
  space: StateSpace,
  preserving: readonly boolean[],
): SearchResult {
  return new Search(entries, space, preserving).run();
}

/** One search's list, linearized set, choices made, and the longest order found so far. */
class Search {
  private readonly head: Node;
  private readonly linearized: LinearizedSet;
  private readonly visited = new Visited();
  private readonly stack: Frame[] = [];
  private state: number;
  private readonly best: { order: number[]; state: number; dirty: number };

  constructor(
    private readonly entries: readonly HistoryEntry[],
    private readonly space: StateSpace,
    private readonly preserving: readonly boolean[],
  ) {
    this.head = eventList(entries);
    this.linearized = new LinearizedSet(entries.length);
    this.state = space.start;
    this.best = { order: [], state: space.start, dirty: 0 };
  }

  /**
   * Depth first: at each level a forced choice if there is one, else each call in list order; a level none of
   * whose choices leads anywhere new is undone.
   */
  run(): SearchResult {
    let node: Node | null = this.head.next;
    let freshLevel = true;
    while (this.head.next) {
      const forced = freshLevel ? this.forcedChoice() : undefined;
      if (forced ? this.push(forced, this.state, true) : node?.call && this.tryCall(node)) {
        node = this.head.next;
        freshLevel = true;
        continue;
      }
      freshLevel = false;
      node = !forced && node?.call ? node.next : this.backtrack();
      if (!node) return failure(this.entries, this.space, this.best);
    }
    return { ok: true, order: this.stack.map((frame) => frame.node.entry), state: this.state };
  }

  /** A call that may go first at this level without loss (see the file's comment), if any. */
  private forcedChoice(): Node | undefined {
    for (let node = this.head.next; node?.call; node = node.next)
      if (this.preserving[node.entry] && this.space.next(this.state, node.entry) === this.state) return node;
    return undefined;
  }

  private tryCall(node: Node): boolean {
    const next = this.space.next(this.state, node.entry);
    return next >= 0 && this.push(node, next, false);
  }

  /** Linearizes `node`'s entry, leading to `next`, unless that pair was entered before. */
  private push(node: Node, next: number, forced: boolean): boolean {
    this.linearized.toggle(node.entry);
    if (!this.visited.add(this.linearized, next)) {
      this.linearized.toggle(node.entry);
      return false;
    }
    this.stack.push({ node, state: this.state, forced });
    this.state = next;
    lift(node);
    const { best, stack } = this;
    if (stack.length > best.order.length) {
      for (let k = best.dirty; k < stack.length; k++) best.order[k] = stack[k]!.node.entry;
      best.dirty = stack.length;
      best.state = next;
    }
    return true;
  }

  /** Undoes the last choice that is not forced; the node to try after it, or null when none is left. */
  private backtrack(): Node | null {
    for (;;) {
      const frame = this.stack.pop();
      if (!frame) return null;
      this.best.dirty = Math.min(this.best.dirty, this.stack.length);
      this.state = frame.state;
      this.linearized.toggle(frame.node.entry);
      unlift(frame.node);
      if (!frame.forced) return frame.node.next;
    }
  }
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
