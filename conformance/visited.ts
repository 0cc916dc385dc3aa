/**
 * The memo of the Wing–Gong–Lowe search (`wgl.ts`): which (linearized set, model state) pairs it has entered. The
 * set is a bitset with an incremental hash, compared by the words around its frontier (below it all are full,
 * above it all empty), so a long history's sets compare in a few words. The pairs live in typed arrays (an
 * open-addressing table of pair numbers, a column per field, and one pool holding every pair's words), not in an
 * object each, so a long search keeps a few large buffers, not a young object per step for the collector to copy.
 */

/** A linearized set as `Visited` reads it: its bits, hash (two 32-bit halves), and the words from `low` to `high`. */
export interface SetView {
  readonly bits: Uint32Array;
  readonly hash: number;
  readonly check: number;
  readonly low: number;
  readonly high: number;
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

/**
 * The set of linearized entries: below word `low` every word is full, above word `high` every word is empty;
 * `hash` and `check` are the xor of its entries' keys.
 */
export class LinearizedSet implements SetView {
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

  /** Adds `entry` when absent, removes it when present. */
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
}

/** Typed array of `length` holding `from`'s elements first. */
function grown<T extends Uint32Array | Int32Array>(from: T, length: number): T {
  const to = new (from.constructor as new (length: number) => T)(length);
  to.set(from);
  return to;
}

/**
 * The (linearized set, state) pairs entered so far. Pair p has its table key, check, state and `low` in the columns
 * at p, and its words from `low` to `high` in `pool` from `starts[p]` to `starts[p + 1]`; `slots` maps a key (by
 * linear probing, at most half full) to p + 1, 0 when free. Equal keys are told apart by the rest.
 */
export class Visited {
  private slots: Int32Array;
  private keys: Uint32Array;
  private checks: Int32Array;
  private states: Int32Array;
  private lows: Int32Array;
  private starts: Int32Array;
  private pool: Uint32Array;
  private count = 0;

  /** Sized for `expected` pairs (it grows past them as needed). */
  constructor(expected = 16) {
    const columns = Math.max(8, expected);
    this.slots = new Int32Array(2 ** Math.ceil(Math.log2(2 * columns)));
    [this.keys, this.checks] = [new Uint32Array(columns), new Int32Array(columns)];
    [this.states, this.lows] = [new Int32Array(columns), new Int32Array(columns)];
    this.starts = new Int32Array(columns + 1);
    this.pool = new Uint32Array(columns);
  }

  /** How many pairs are recorded. */
  get size(): number {
    return this.count;
  }

  /** Records the pair; false when it was entered before. */
  add(set: SetView, state: number): boolean {
    const key = (set.hash ^ Math.imul(state, 0x9e3779b1)) >>> 0;
    const mask = this.slots.length - 1;
    let slot = key & mask;
    for (let p = this.slots[slot]! - 1; p >= 0; p = this.slots[slot]! - 1) {
      if (this.keys[p] === key && this.is(p, set, state)) return false;
      slot = (slot + 1) & mask;
    }
    this.append(set, state, key);
    this.slots[slot] = this.count;
    if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    return true;
  }

  /** Whether pair p is `set` and `state`. */
  private is(p: number, set: SetView, state: number): boolean {
    if (this.checks[p] !== (set.check | 0) || this.states[p] !== state || this.lows[p] !== set.low) return false;
    const start = this.starts[p]!;
    const length = this.starts[p + 1]! - start;
    if (length !== Math.max(0, set.high + 1 - set.low)) return false;
    for (let i = 0; i < length; i++) if (this.pool[start + i] !== set.bits[set.low + i]) return false;
    return true;
  }

  /** Stores the pair as number `count`, growing the columns and the pool as needed. */
  private append(set: SetView, state: number, key: number): void {
    const p = this.count++;
    if (p === this.keys.length) this.growColumns(p * 2);
    const length = Math.max(0, set.high + 1 - set.low);
    const start = this.starts[p]!;
    if (start + length > this.pool.length) this.pool = grown(this.pool, Math.max(this.pool.length * 2, start + length));
    for (let i = 0; i < length; i++) this.pool[start + i] = set.bits[set.low + i]!;
    this.starts[p + 1] = start + length;
    this.keys[p] = key;
    this.checks[p] = set.check;
    this.states[p] = state;
    this.lows[p] = set.low;
  }

  private growColumns(length: number): void {
    this.keys = grown(this.keys, length);
    this.checks = grown(this.checks, length);
    this.states = grown(this.states, length);
    this.lows = grown(this.lows, length);
    this.starts = grown(this.starts, length + 1);
  }

  private rehash(length: number): void {
    const slots = new Int32Array(length);
    const mask = length - 1;
    for (let p = 0; p < this.count; p++) {
      let slot = this.keys[p]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = p + 1;
    }
    this.slots = slots;
  }
}
