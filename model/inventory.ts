/**
 * The vault inventory: the service takes one about once a day of its clock, and DescribeVault's counts and
 * DeleteVault's "recently written" rule read the last one (DESC-VAULT, DV-RECENTLY-WRITTEN). The model takes
 * them at fixed times, every INVENTORY_INTERVAL_MS after the vault was created. Nothing runs in the
 * background: what the last inventory saw follows from the context and the time, and the context keeps only
 * the inventory taken before its last write (`inventory`), stored by that write.
 */
import type { Inventory, VaultContext } from "./machine-types.js";

/** How often a vault is inventoried: once a day of the service clock. */
export const INVENTORY_INTERVAL_MS = 24 * 60 * 60 * 1000;

type Inventoried = Pick<VaultContext, "createdAt" | "archives" | "lastWriteAt" | "inventory">;

/** The time of the last inventory at or before `now`, or undefined within the vault's first day. */
export function lastInventoryTime(createdAt: number, now: number): number | undefined {
  const taken = Math.floor((now - createdAt) / INVENTORY_INTERVAL_MS);
  return taken >= 1 ? createdAt + taken * INVENTORY_INTERVAL_MS : undefined;
}

/** The last inventory as of `now`: it saw the archives as they are when no write came after it. */
export function inventoryAsOf(context: Inventoried, now: number): Inventory | undefined {
  const at = lastInventoryTime(context.createdAt, now);
  if (at === undefined) return undefined;
  if (context.lastWriteAt === undefined || at > context.lastWriteAt) return { at, ...context.archives.totals() };
  return context.inventory;
}

/** True when an archive was uploaded or deleted after the last inventory (DV-RECENTLY-WRITTEN). */
export function writtenSinceInventory(context: Inventoried, now: number): boolean {
  if (context.lastWriteAt === undefined) return false;
  const at = lastInventoryTime(context.createdAt, now);
  return at === undefined || at <= context.lastWriteAt;
}
