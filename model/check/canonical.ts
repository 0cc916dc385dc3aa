/**
 * The canonical fingerprint of a checked state: two states with the same fingerprint answer every move alike
 * and lead to states with the same fingerprints, so the search keeps one of them. Times are read relative
 * to the clock and capped (an InProgress lock's remaining window, floored at 0 once over; an archive's age,
 * capped at the horizon), a Locked lock's times and a vault's creation time are left out (only answers'
 * dates show them), writes only through what the daily inventory makes of them (written since the last one,
 * what it saw, where the clock is in the vault's inventory cycle), and policy documents by their name. Lock and
 * archive ids need no renaming: the checker draws them from per-vault counters, so equal histories give
 * equal ids. `verifyAbstraction` in `explore` tests the claim on every merge.
 */
import type { CheckState, VaultHistory } from "../properties/types.js";
import type { VaultRecord } from "../world.js";
import { INVENTORY_INTERVAL_MS, inventoryAsOf, writtenSinceInventory } from "../inventory.js";
import { CHECK_POLICIES } from "./bounds.js";

const NAMES = new Map<string | undefined, string>(Object.entries(CHECK_POLICIES).map(([name, doc]) => [doc, name]));

/** A policy document's name in `CHECK_POLICIES`, else its length and head (a document a mutant made up). */
const policyName = (doc: string | undefined) => NAMES.get(doc) ?? `${doc?.length}:${doc?.slice(0, 40)}`;

function recordKey(record: VaultRecord, now: number, horizonMs: number): string {
  const { lock, archives, retiredLockIds, tags, accessPolicy } = record.context;
  const window =
    lock && record.state === "inProgress"
      ? `${Math.max(0, lock.expiresAt - now)}/${lock.expiresAt - lock.createdAt}`
      : "";
  const lockPart = lock ? `${policyName(lock.policy)},${lock.lockId},${window}` : "";
  const archivePart = [...archives]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, archive]) => `${id}@${Math.min(now - archive.createdAt, horizonMs)}#${archive.treeHash.slice(0, 8)}`);
  const tagPart = Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : 1));
  const access = accessPolicy === undefined ? "" : policyName(accessPolicy);
  return [
    record.state,
    lockPart,
    retiredLockIds.join(","),
    archivePart.join(","),
    inventoryKey(record, now),
    JSON.stringify(tagPart),
    access,
  ].join("|");
}

/**
 * What the daily inventory makes of a vault at `now`: written since the last one or not, what the last one
 * saw, and where `now` falls in the vault's inventory cycle (which clock move passes the next one).
 */
function inventoryKey(record: VaultRecord, now: number): string {
  const { context } = record;
  const seen = inventoryAsOf(context, now);
  const phase = (((now - context.createdAt) % INVENTORY_INTERVAL_MS) + INVENTORY_INTERVAL_MS) % INVENTORY_INTERVAL_MS;
  const counts = seen ? `${seen.archives}/${seen.size}` : "-";
  const written = context.lastWriteAt === undefined ? "" : writtenSinceInventory(context, now) ? "w" : "i";
  return `${written}${counts}@${phase}`;
}

const historyKey = (h: VaultHistory) => `${h.issued.join(",")}|${h.uploads}|${h.deleted ?? ""}`;

/** The fingerprint of a state. */
export function canonicalKey(state: CheckState, horizonMs: number): string {
  const keys = [...new Set([...state.world.records.keys(), ...state.history.keys()])].sort();
  return keys
    .map((key) => {
      const record = state.world.records.get(key);
      const history = state.history.get(key);
      return `${key}=${record ? recordKey(record, state.now, horizonMs) : "-"}~${history ? historyKey(history) : ""}`;
    })
    .join(";");
}
