import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArchiveMap } from "./archive-map.js";
import { EMPTY_VAULT } from "./machine.js";
import { MemoryWorld, sameRecord, type VaultRecord } from "./world.js";

const record = (context: Partial<VaultRecord["context"]> = {}): VaultRecord => {
  return { state: "noLock", context: { ...EMPTY_VAULT, createdAt: 1, ...context } };
};

describe("sameRecord reads records as JSON would", () => {
  it("equal data in different objects is the same; a changed leaf anywhere is not", () => {
    const tags = { a: "1" };
    expect(sameRecord(record({ tags }), record({ tags: { a: "1" } }))).toBe(true);
    expect(sameRecord(record({ tags }), record({ tags: { a: "2" } }))).toBe(false);
    expect(sameRecord(record({ retiredLockIds: ["x"] }), record({ retiredLockIds: ["x", "y"] }))).toBe(false);
    expect(sameRecord(record(), { ...record(), state: "locked" })).toBe(false);
  });

  it("a key set to undefined equals an absent one; a missing record only equals another", () => {
    expect(sameRecord(record({ accessPolicy: undefined }), record())).toBe(true);
    expect(sameRecord(record(), record({ accessPolicy: "{}" }))).toBe(false);
    expect(sameRecord(undefined, undefined)).toBe(true);
    expect(sameRecord(undefined, record())).toBe(false);
  });
});

describe("MemoryWorld.archiveHolder", () => {
  const archive = { createdAt: 1, size: 1, treeHash: "h" };
  it("follows archives as vaults gain and lose them, and as vaults go; a clone keeps it", () => {
    const world = new MemoryWorld();
    world.apply([
      { account: "a", vaultName: "v", record: record({ archives: ArchiveMap.from({ x: archive, y: archive }) }) },
    ]);
    expect([world.archiveHolder("a", "x"), world.archiveHolder("b", "x")]).toEqual(["v", undefined]);
    world.apply([{ account: "a", vaultName: "v", record: record({ archives: ArchiveMap.from({ y: archive }) }) }]);
    expect([world.archiveHolder("a", "x"), world.archiveHolder("a", "y")]).toEqual([undefined, "v"]);
    expect(world.clone().archiveHolder("a", "y")).toBe("v");
    world.apply([{ account: "a", vaultName: "v", record: undefined }]);
    expect(world.archiveHolder("a", "y")).toBeUndefined();
  });
});

describe("MemoryWorld's archive holders after any writes", () => {
  const archive = { createdAt: 1, size: 1, treeHash: "h" };
  const vault = fc.constantFrom("v", "w", "x");
  const write = fc.oneof(
    fc.tuple(fc.constant("upload" as const), vault, fc.nat(), fc.boolean()),
    fc.tuple(fc.constant("delete" as const), vault, fc.nat(), fc.boolean()),
    fc.tuple(fc.constant("drop" as const), vault, fc.nat(), fc.boolean()),
  );
  it("name the vault holding each archive, whether a write came from the stored map or from its JSON", () => {
    fc.assert(
      fc.property(fc.array(write, { maxLength: 40 }), (writes) => {
        const world = new MemoryWorld();
        const uploaded: string[] = [];
        for (const [kind, name, pick, fromJson] of writes) {
          const held = world.vault("a", name)?.context.archives ?? ArchiveMap.from({});
          const known = uploaded.length ? uploaded[pick % uploaded.length]! : "none";
          let archives = held;
          if (kind === "upload") {
            const fresh = `id${uploaded.length}`;
            uploaded.push(fresh);
            archives = held.with(fresh, archive);
          }
          if (kind === "delete") archives = held.without(known);
          if (fromJson) archives = ArchiveMap.from(JSON.parse(JSON.stringify(archives)) as Record<string, never>);
          world.apply([{ account: "a", vaultName: name, record: kind === "drop" ? undefined : record({ archives }) }]);
        }
        for (const archiveId of uploaded) {
          const holder = world.vaultNames("a").find((name) => world.vault("a", name)!.context.archives.has(archiveId));
          expect(world.archiveHolder("a", archiveId)).toBe(holder);
        }
      }),
      { numRuns: 300, seed: 20 },
    );
  });
});

describe("sameRecord on archive maps", () => {
  it("agrees with comparing their entries, whatever their sizes", () => {
    const archives = fc.dictionary(
      fc.constantFrom("a", "b", "c"),
      fc.constantFrom({ createdAt: 1, size: 1, treeHash: "h" }),
    );
    fc.assert(
      fc.property(archives, archives, (left, right) => {
        const entries = (archives: object) => JSON.stringify(Object.entries(archives).sort());
        const same = entries(left) === entries(right);
        const [a, b] = [ArchiveMap.from(left), ArchiveMap.from(right)];
        expect(sameRecord(record({ archives: a }), record({ archives: b }))).toBe(same);
      }),
      { numRuns: 300, seed: 17 },
    );
  });
});
