import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { archiveTotals, withArchive, withoutArchive } from "./inventory.js";
import type { ArchiveRecord } from "./machine-types.js";

const id = fc.constantFrom("a", "b", "c", "d", "toString", "__proto__");
const archive = fc.record({ createdAt: fc.nat(), size: fc.nat(1000), treeHash: fc.constant("h") });
const write = fc.oneof(
  fc.tuple(fc.constant("add" as const), id, archive),
  fc.tuple(fc.constant("remove" as const), id, fc.constant(undefined)),
);

/** The totals counted from scratch, on a copy the running totals have never seen. */
function counted(archives: Record<string, ArchiveRecord>) {
  const all = Object.values(structuredClone(archives));
  return { archives: all.length, size: all.reduce((sum, a) => sum + a.size, 0) };
}

describe("archive totals kept alongside the archives", () => {
  it("equal the count and bytes of the map after any writes, from any map", () => {
    fc.assert(
      fc.property(fc.dictionary(id, archive), fc.array(write, { maxLength: 20 }), (start, writes) => {
        let archives: Readonly<Record<string, ArchiveRecord>> = start;
        for (const [kind, archiveId, record] of writes) {
          archives = kind === "add" ? withArchive(archives, archiveId, record!) : withoutArchive(archives, archiveId);
          expect(archiveTotals(archives)).toEqual(counted(archives));
        }
      }),
      { numRuns: 300, seed: 17 },
    );
  });
});
