/**
 * The vault inventory: the service takes one about once a day of its clock, and DescribeVault's counts and
 * DeleteVault's "recently written" rule read the last one (DESC-VAULT, DV-RECENTLY-WRITTEN). The model takes
 * them at fixed times, every INVENTORY_INTERVAL_MS after the vault was created. Nothing runs in the
 * background: what the last inventory saw follows from the context and the time, and the context keeps only
 * the inventory taken before its last write (`inventory`), stored by that write.
 */
import type { ArchiveRecord, Inventory, VaultContext } from "./machine-types.js";

/** How often a vault is inventoried: once a day of the service clock. */
export const INVENTORY_INTERVAL_MS = 24 * 60 * 60 * 1000;

type Inventoried = Pick<VaultContext, "createdAt" | "archives" | "lastWriteAt" | "inventory">;

/** The time of the last inventory at or before `now`, or undefined within the vault's first day. */
export function lastInventoryTime(createdAt: number, now: number): number | undefined {
  const taken = Math.floor((now - createdAt) / INVENTORY_INTERVAL_MS);
  return taken >= 1 ? createdAt + taken * INVENTORY_INTERVAL_MS : undefined;
}

type Archives = Readonly<Record<string, ArchiveRecord>>;
type Totals = Pick<Inventory, "archives" | "size">;

/**
 * How many archives and bytes each archive map holds, kept alongside it: a map made by `withArchive` or
 * `withoutArchive` gets its totals from the one it was made from, so reading them (DESC-VAULT's counts, DV-NOT-EMPTY)
 * costs no walk over the archives; any other map is counted once, the first time it is read. Maps are never changed
 * in place, so the totals of one stay true.
 */
const totals = new WeakMap<Archives, Totals>();

/** The number of archives and their bytes (an id set to undefined holds none, as in JSON). */
export function archiveTotals(archives: Archives): Totals {
  let found = totals.get(archives);
  if (!found) {
    const all = Object.values(archives).filter((a) => a !== undefined);
    totals.set(archives, (found = { archives: all.length, size: all.reduce((sum, a) => sum + a.size, 0) }));
  }
  return found;
}

const stored = (archives: Archives, archiveId: string) =>
  Object.hasOwn(archives, archiveId) ? archives[archiveId] : undefined;

/** A new map: `archives` with `archive` stored under `archiveId` (ARCH-UPLOAD). */
export function withArchive(archives: Archives, archiveId: string, archive: ArchiveRecord): Archives {
  const before = archiveTotals(archives);
  const replaced = stored(archives, archiveId);
  const next = { ...archives, [archiveId]: archive };
  totals.set(next, {
    archives: before.archives + (replaced ? 0 : 1),
    size: before.size - (replaced?.size ?? 0) + archive.size,
  });
  return next;
}

/** A new map: `archives` without `archiveId` (ARCH-DELETE). */
export function withoutArchive(archives: Archives, archiveId: string): Archives {
  const before = archiveTotals(archives);
  const removed = stored(archives, archiveId);
  const { [archiveId]: _, ...next } = archives;
  totals.set(next, { archives: before.archives - (removed ? 1 : 0), size: before.size - (removed?.size ?? 0) });
  return next;
}

/** The last inventory as of `now`: it saw the archives as they are when no write came after it. */
export function inventoryAsOf(context: Inventoried, now: number): Inventory | undefined {
  const at = lastInventoryTime(context.createdAt, now);
  if (at === undefined) return undefined;
  if (context.lastWriteAt === undefined || at > context.lastWriteAt) return { at, ...archiveTotals(context.archives) };
  return context.inventory;
}

/** True when an archive was uploaded or deleted after the last inventory (DV-RECENTLY-WRITTEN). */
export function writtenSinceInventory(context: Inventoried, now: number): boolean {
  if (context.lastWriteAt === undefined) return false;
  const at = lastInventoryTime(context.createdAt, now);
  return at === undefined || at <= context.lastWriteAt;
}
