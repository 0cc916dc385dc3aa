/**
 * The Wing–Gong–Lowe search for one component of a history, as Porcupine runs it: the calls and returns in time
 * order on a doubly linked list; an operation is tried only while no return precedes its call in the list (so real
 * time is respected), and a linearized one is lifted out with its return; every (linearized set, model state) pair
 * is entered at most once (`visited.ts`). The model state is a set of worlds of the `StateSpace`, so each step is a
 * lookup after the first time. The list and the stack of choices are typed arrays indexed by event (entry i's call
 * is event 2i, its return 2i + 1), so the search allocates nothing per step but what it remembers.
 *
 * One more cut, exact: an operation that can never change a world it is explained in (a read or a refusal, in a
 * component where no lock can expire) and that every current world explains may go first. If any order of the rest
 * exists, one exists with it first, since removing it from that order changes no state and only loosens real time.
 * So when that choice fails, the level fails, and its siblings are not tried.
 */
import { deadline, type HistoryEntry } from "./history.js";
import type { StateSpace } from "./state-space.js";
import { LinearizedSet, Visited } from "./visited.js";

/**
 * An order found, or none: `undecided` when the search stopped at its budget before ruling every order out, with
 * the longest order found so far. `spent`: what it cost by `SEARCH_COST` when it last entered a pair.
 */
export type SearchResult =
  | { ok: true; order: number[]; state: number; spent: number }
  | { ok: false; undecided: boolean; longestPrefix: number[]; unplaceable: number[]; spent: number };

/**
 * What a search spends: `pair` for each (linearized set, state) pair it enters, `step` for each step through the
 * oracle it takes (each (world, entry) once), in proportion to their time here: a pair ~0.2 µs and ~30 B, a step
 * 18–26 µs (what it allocates, up to a new world of ~4 KB, included).
 */
export const SEARCH_COST = { pair: 1, step: 30 };

/** No event: the end of the list, or an empty stack. */
const NONE = -1;

const isCall = (event: number) => event >= 0 && (event & 1) === 0;

/** Compares entries by `times`, then by index (a small integer, so no comparison allocates a number). */
const byTime = (times: Float64Array) => (a: number, b: number) =>
  times[a]! < times[b]! ? -1 : times[a]! > times[b]! ? 1 : a - b;

/**
 * The events in time order, a call first on a tie, then by entry: the calls sorted by call time and the returns by
 * deadline, merged (each nearly sorted already, so cheaper to sort apart than all together).
 */
function timeOrder(entries: readonly HistoryEntry[]): number[] {
  const n = entries.length;
  const [called, due] = [new Float64Array(n), new Float64Array(n)];
  for (let i = 0; i < n; i++) {
    called[i] = entries[i]!.called;
    due[i] = deadline(entries[i]!);
  }
  const calls = Array.from(called, (_, i) => i).sort(byTime(called));
  const returns = Array.from(due, (_, i) => i).sort(byTime(due));
  const order: number[] = [];
  for (let i = 0, j = 0; order.length < 2 * n;)
    order.push(i < n && (j === n || called[calls[i]!]! <= due[returns[j]!]!) ? 2 * calls[i++]! : 2 * returns[j++]! + 1);
  return order;
}

/** The events in time order (`timeOrder`) as `next` and `prev` links; the list's head is the extra event 2n. */
class EventList {
  readonly head: number;
  readonly next: Int32Array;
  private readonly prev: Int32Array;

  constructor(entries: readonly HistoryEntry[]) {
    this.head = entries.length * 2;
    this.next = new Int32Array(this.head + 1).fill(NONE);
    this.prev = new Int32Array(this.head + 1).fill(NONE);
    let last = this.head;
    for (const k of timeOrder(entries)) {
      this.prev[k] = last;
      this.next[last] = k;
      last = k;
    }
  }

  /** Takes call `call` and its return out of the list. */
  lift(call: number): void {
    const { next, prev } = this;
    next[prev[call]!] = next[call]!;
    prev[next[call]!] = prev[call]!;
    const match = call + 1;
    next[prev[match]!] = next[match]!;
    if (next[match]! !== NONE) prev[next[match]!] = prev[match]!;
  }

  /** Puts back what `lift(call)` took out, the last lifted first. */
  unlift(call: number): void {
    const { next, prev } = this;
    const match = call + 1;
    next[prev[match]!] = match;
    if (next[match]! !== NONE) prev[next[match]!] = match;
    next[prev[call]!] = call;
    prev[next[call]!] = call;
  }
}

/**
 * Finds an order of `entries` (one component) that the model explains, starting from `space.start`, spending at
 * most `budget` (`SEARCH_COST`): undecided only when the search would need more.
 */
export function searchComponent(
  entries: readonly HistoryEntry[],
  space: StateSpace,
  preserving: readonly boolean[],
  budget = Infinity,
): SearchResult {
  return new Search(entries, space, preserving, budget).run();
}

/** The longest order found so far: its first `length` calls in `calls`, the first `clean` of them up to date. */
interface Best {
  calls: Int32Array;
  length: number;
  clean: number;
  state: number;
}

/**
 * One search's list, linearized set and choices made: the k-th choice linearized call `calls[k]` from state
 * `states[k]`, forced when `forced[k]` is 1.
 */
class Search {
  private readonly events: EventList;
  private readonly linearized: LinearizedSet;
  private readonly visited: Visited;
  private readonly calls: Int32Array;
  private readonly states: Int32Array;
  private readonly forced: Uint8Array;
  private depth = 0;
  private pairs = 0;
  private spent = 0;
  /** Set when a new pair would have cost more than the budget: the search stops undecided. */
  private exhausted = false;
  private state: number;
  private readonly best: Best;

  constructor(
    private readonly entries: readonly HistoryEntry[],
    private readonly space: StateSpace,
    private readonly preserving: readonly boolean[],
    private readonly budget: number,
  ) {
    this.events = new EventList(entries);
    this.linearized = new LinearizedSet(entries.length);
    this.visited = new Visited(entries.length);
    this.calls = new Int32Array(entries.length);
    this.states = new Int32Array(entries.length);
    this.forced = new Uint8Array(entries.length);
    this.state = space.start;
    this.best = { calls: new Int32Array(entries.length), length: 0, clean: 0, state: space.start };
  }

  /**
   * Depth first: at each level a forced choice if there is one, else each call in list order; a level none of
   * whose choices leads anywhere new is undone. Stops undecided at a new pair that would overspend the budget (the
   * budget is checked there: the steps tried between two pairs are at most the calls the stack's levels can try).
   */
  run(): SearchResult {
    const { head, next } = this.events;
    let event = next[head]!;
    let freshLevel = true;
    while (next[head] !== NONE) {
      const forced = freshLevel ? this.forcedChoice() : NONE;
      if (forced !== NONE ? this.push(forced, this.state, true) : isCall(event) && this.tryCall(event)) {
        event = next[head]!;
        freshLevel = true;
        continue;
      }
      if (this.exhausted) return this.failure(true);
      freshLevel = false;
      event = forced === NONE && isCall(event) ? next[event]! : this.backtrack();
      if (event === NONE) return this.failure(false);
    }
    const order = Array.from(this.calls, (call) => call >>> 1);
    return { ok: true, order, state: this.state, spent: this.spent };
  }

  private failure(undecided: boolean): SearchResult {
    return { ok: false, ...failure(this.entries, this.space, this.best), undecided, spent: this.spent };
  }

  /** A call that may go first at this level without loss (see the file's comment), or NONE. */
  private forcedChoice(): number {
    const { next } = this.events;
    for (let event = next[this.events.head]!; isCall(event); event = next[event]!)
      if (this.preserving[event >>> 1] && this.space.next(this.state, event >>> 1) === this.state) return event;
    return NONE;
  }

  private tryCall(call: number): boolean {
    const next = this.space.next(this.state, call >>> 1);
    return next >= 0 && this.push(call, next, false);
  }

  /** Linearizes `call`'s entry, leading to `next`, unless that pair was entered before or the budget is spent. */
  private push(call: number, next: number, forced: boolean): boolean {
    this.linearized.toggle(call >>> 1);
    const fresh = this.visited.add(this.linearized, next);
    const cost = (this.pairs + 1) * SEARCH_COST.pair + this.space.stepsTaken * SEARCH_COST.step;
    if (fresh && cost > this.budget) this.exhausted = true;
    if (!fresh || this.exhausted) {
      this.linearized.toggle(call >>> 1);
      return false;
    }
    this.pairs++;
    this.spent = cost;
    const k = this.depth++;
    this.calls[k] = call;
    this.states[k] = this.state;
    this.forced[k] = forced ? 1 : 0;
    this.state = next;
    this.events.lift(call);
    const { best } = this;
    if (this.depth > best.length) {
      for (let j = best.clean; j < this.depth; j++) best.calls[j] = this.calls[j]!;
      best.length = best.clean = this.depth;
      best.state = next;
    }
    return true;
  }

  /** Undoes the last choice that is not forced; the event to try after it, or NONE when none is left. */
  private backtrack(): number {
    while (this.depth > 0) {
      const k = --this.depth;
      this.best.clean = Math.min(this.best.clean, k);
      const call = this.calls[k]!;
      this.state = this.states[k]!;
      this.linearized.toggle(call >>> 1);
      this.events.unlift(call);
      if (!this.forced[k]) return this.events.next[call]!;
    }
    return NONE;
  }
}

/** The longest order found and, after it, the operations that could go next but that no world explains. */
function failure(
  entries: readonly HistoryEntry[],
  space: StateSpace,
  best: Best,
): { longestPrefix: number[]; unplaceable: number[] } {
  const order = Array.from(best.calls.subarray(0, best.length), (call) => call >>> 1);
  const placed = new Set(order);
  const rest = entries.flatMap((_, i) => (placed.has(i) ? [] : [i]));
  const earliestReturn = rest.reduce((min, i) => Math.min(min, deadline(entries[i]!)), Infinity);
  const candidates = rest.filter((i) => entries[i]!.called <= earliestReturn);
  const unexplained = candidates.filter((i) => space.next(best.state, i) < 0);
  return { longestPrefix: order, unplaceable: unexplained.length ? unexplained : candidates };
}
