import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArchiveMap, NO_ARCHIVES } from "./archive-map.js";

const id = fc.constantFrom("a", "b", "c", "d", "toString", "__proto__");
const archive = fc.record({ createdAt: fc.nat(3), size: fc.nat(1000), treeHash: fc.constantFrom("h", "i") });
const write = fc.oneof(
  fc.tuple(fc.constant("add" as const), id, archive),
  fc.tuple(fc.constant("remove" as const), id, fc.constant(undefined)),
);
type Write = [
  kind: "add" | "remove",
  archiveId: string,
  archive: { createdAt: number; size: number; treeHash: string } | undefined,
];

const written = (start: ArchiveMap, writes: Write[]) =>
  writes.reduce(
    (archives, [kind, archiveId, record]) =>
      kind === "add" ? archives.with(archiveId, record!) : archives.without(archiveId),
    start,
  );

/** The content as sorted JSON entries, read from the JSON form the map writes. */
const content = (archives: ArchiveMap) =>
  JSON.stringify(Object.entries(JSON.parse(JSON.stringify(archives)) as object).sort());

describe("archive maps", () => {
  it("keep totals that equal the count and bytes of the map after any writes, from any map", () => {
    fc.assert(
      fc.property(fc.dictionary(id, archive), fc.array(write, { maxLength: 20 }), (start, writes) => {
        const archives = written(ArchiveMap.from(start), writes as Write[]);
        const fresh = ArchiveMap.from(JSON.parse(JSON.stringify(archives)) as Record<string, never>);
        const all = [...fresh].map(([, a]) => a);
        expect(archives.totals()).toEqual({ archives: all.length, size: all.reduce((sum, a) => sum + a.size, 0) });
      }),
      { numRuns: 300, seed: 17 },
    );
  });

  it("have equal digests, and are the same, exactly when they hold the same entries, whatever the order", () => {
    fc.assert(
      fc.property(fc.array(write, { maxLength: 12 }), fc.array(write, { maxLength: 12 }), (left, right) => {
        const [a, b] = [written(NO_ARCHIVES, left as Write[]), written(NO_ARCHIVES, right as Write[])];
        const same = content(a) === content(b);
        expect(a.same(b)).toBe(same);
        if (same) expect(a.digest()).toBe(b.digest());
        // A map read back from JSON, its digest counted afresh, has the digest kept alongside the one it came from.
        expect(ArchiveMap.from(JSON.parse(JSON.stringify(a)) as Record<string, never>).digest()).toBe(a.digest());
      }),
      { numRuns: 300, seed: 18 },
    );
  });

  it("write as the plain JSON object, in upload order, and read it back; an id set to undefined holds none", () => {
    const one = { createdAt: 1, size: 2, treeHash: "h" };
    const archives = NO_ARCHIVES.with("z", one).with("a", one).without("missing");
    expect(JSON.stringify(archives)).toBe(JSON.stringify({ z: one, a: one }));
    expect([...ArchiveMap.from({ z: one, gone: undefined, a: one }).keys()]).toEqual(["z", "a"]);
    expect(ArchiveMap.from(archives)).toBe(archives);
    expect(ArchiveMap.from({})).toBe(NO_ARCHIVES);
  });

  it("leave the map they were made from as it was", () => {
    const one = { createdAt: 1, size: 2, treeHash: "h" };
    const before = NO_ARCHIVES.with("a", one);
    before.with("b", one);
    before.without("a");
    expect(JSON.stringify(before)).toBe(JSON.stringify({ a: one }));
    expect(before.totals()).toEqual({ archives: 1, size: 2 });
  });

  it("name the write that made them from the map they came from, and from no other map", () => {
    fc.assert(
      fc.property(fc.dictionary(id, archive), fc.array(write, { maxLength: 20 }), (start, writes) => {
        const maps = [ArchiveMap.from(start)];
        for (const [kind, archiveId, record] of writes as Write[]) {
          const before = maps[maps.length - 1]!;
          const after = kind === "add" ? before.with(archiveId, record!) : before.without(archiveId);
          if (after === before) continue;
          expect(after.madeFrom(before)).toEqual({ archiveId, stored: kind === "add" });
          for (const other of maps.slice(0, -1)) expect(after.madeFrom(other)).toBeUndefined();
          expect(before.madeFrom(after)).toBeUndefined();
          maps.push(after);
        }
      }),
      { numRuns: 300, seed: 19 },
    );
  });
});
