/** The bodies of successful answers that show a vault's state: its lock (GET-*) and its description (DESC-VAULT). */
import { inventoryAsOf } from "./inventory.js";
import { isoDate, vaultArn } from "./rules.js";
import type { VaultRecord } from "./world.js";

/** GetVaultLock's body: the policy, state and dates of the vault's lock (GET-IN-PROGRESS, GET-LOCKED-EXPIRATION). */
export function lockBody(record: VaultRecord | undefined): Record<string, unknown> {
  const lock = record?.context.lock;
  if (!lock) return {};
  const body: Record<string, unknown> = {
    Policy: lock.policy,
    State: record.state === "locked" ? "Locked" : "InProgress",
    CreationDate: isoDate(lock.createdAt),
  };
  if (record.state === "inProgress") body.ExpirationDate = isoDate(lock.expiresAt);
  return body;
}

/**
 * The DescribeVault / ListVaults entry of one vault at `now`. Counts and LastInventoryDate come from the last
 * inventory (DESC-VAULT); before the first, the counts are 0 and LastInventoryDate is left out
 * (DESC-BEFORE-INVENTORY).
 */
export function describeBody(
  region: string,
  account: string,
  vaultName: string,
  record: VaultRecord | undefined,
  now: number,
): Record<string, unknown> {
  const inventory = record ? inventoryAsOf(record.context, now) : undefined;
  return {
    VaultARN: vaultArn(region, account, vaultName),
    VaultName: vaultName,
    CreationDate: isoDate(record?.context.createdAt ?? 0),
    ...(inventory ? { LastInventoryDate: isoDate(inventory.at) } : {}),
    NumberOfArchives: inventory?.archives ?? 0,
    SizeInBytes: inventory?.size ?? 0,
  };
}
