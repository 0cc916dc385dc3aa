import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LinearizedSet, Visited, type SetView } from "./visited.js";

/** The set as text: its members, for a reference to compare with. */
const membersOf = (set: SetView) =>
  Array.from({ length: set.bits.length * 32 }, (_, i) => i)
    .filter((i) => set.bits[i >>> 5]! & (1 << (i & 31)))
    .join(",");

/** `set` with its hash cut to `keep` bits, so that many sets share a key and only their words tell them apart. */
const colliding = (set: LinearizedSet, keep: number): SetView => ({
  bits: set.bits,
  hash: set.hash & ((1 << keep) - 1),
  check: set.check & ((1 << keep) - 1),
  low: set.low,
  high: set.high,
});

describe("the linearized set", () => {
  it("keeps every word below low full and every word above high empty, low and high as tight as can be", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.array(fc.nat(), { maxLength: 300 }), (count, toggles) => {
        const set = new LinearizedSet(count);
        for (const t of toggles) {
          set.toggle(t % count);
          const { bits, low, high } = set;
          for (let w = 0; w < bits.length; w++) {
            if (w < low) expect(bits[w]).toBe(0xffffffff);
            if (w > high) expect(bits[w]).toBe(0);
          }
          if (low < bits.length) expect(bits[low]).not.toBe(0xffffffff);
          if (high >= 0) expect(bits[high]).not.toBe(0);
        }
      }),
      { numRuns: 200, seed: 20261122 },
    );
  });

  it("hashes by members only, whatever the order they came and went in", () => {
    const [a, b] = [new LinearizedSet(70), new LinearizedSet(70)];
    for (const i of [3, 40, 69, 5]) a.toggle(i);
    for (const i of [69, 7, 5, 40, 7, 3]) b.toggle(i);
    expect([b.hash, b.check]).toEqual([a.hash, a.check]);
  });
});

describe("the visited pairs", () => {
  it("records each (set, state) pair once, as a reference set of their members would", () => {
    // Few distinct entries (spread over the words) and states, so that pairs come back often.
    const run = fc.array(fc.tuple(fc.nat(11), fc.nat(2)), { maxLength: 400 });
    const keep = fc.constantFrom(0, 2, 8, 32, 32, 32);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 130 }), run, keep, (count, steps, bits) => {
        const [set, visited, reference] = [new LinearizedSet(count), new Visited(), new Set<string>()];
        for (const [entry, state] of steps) {
          set.toggle((entry * 13) % count);
          const key = `${state}:${membersOf(set)}`;
          expect(visited.add(bits === 32 ? set : colliding(set, bits), state)).toBe(!reference.has(key));
          reference.add(key);
        }
        expect(visited.size).toBe(reference.size);
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });

  it("tells apart sets of one key that differ only in their words or where their words start", () => {
    const visited = new Visited();
    const set = (low: number, words: number[]): SetView => ({
      bits: Uint32Array.from([...Array<number>(low).fill(0xffffffff), ...words]),
      hash: 7,
      check: 9,
      low,
      high: low + words.length - 1,
    });
    const sets = [set(0, []), set(0, [1]), set(0, [2]), set(1, [1]), set(0, [1, 1]), set(2, [1])];
    for (const s of sets) expect(visited.add(s, 0)).toBe(true);
    for (const s of sets) expect(visited.add(s, 0)).toBe(false);
    expect(visited.add(sets[1]!, 1)).toBe(true);
  });

  it("keeps every pair through the growth of its table, its columns and its pool of words", () => {
    const [set, visited] = [new LinearizedSet(4000), new Visited()];
    const sets: SetView[] = [];
    for (let k = 0; k < 3000; k++) {
      const members = [k];
      for (let i = k % 7; i < 4000; i += 1 + (k % 97)) if (i !== k) members.push(i);
      for (const i of members) set.toggle(i);
      sets.push({ bits: set.bits.slice(), hash: set.hash, check: set.check, low: set.low, high: set.high });
      for (const i of members) set.toggle(i);
    }
    const distinct = new Set(sets.map(membersOf)).size;
    expect(sets.filter((s) => visited.add(s, 1)).length).toBe(distinct);
    expect(sets.filter((s) => visited.add(s, 1)).length).toBe(0);
    expect(visited.size).toBe(distinct);
    expect(sets.reduce((words, s) => words + Math.max(0, s.high + 1 - s.low), 0)).toBeGreaterThan(2 * 1024);
  });
});
