/** Turns the model's abstract events (policy kind, lock-id reference) into operations on a real vault. */
import { randomBytes } from "node:crypto";
import { examplePolicy, type AbstractEvent, type LockIdRef, type Operation, type WorldView } from "../model/index.js";

/** The lock id a reference names for this vault in the suite's world; a fresh random id for `random`. */
export function lockIdFor(world: WorldView, accountId: string, vaultName: string, ref: LockIdRef): string {
  const context = world.vault(accountId, vaultName)?.context;
  const known =
    ref === "current" ? context?.lock?.lockId : ref === "retired" ? context?.retiredLockIds.at(-1) : undefined;
  return known ?? `RANDOM${randomBytes(9).toString("base64url").replace(/[-_]/g, "x")}`;
}

/** The operation for an abstract event on `vaultName`; `undefined` for EXPIRE, which is a clock move. */
export function concretize(
  event: AbstractEvent,
  vaultName: string,
  world: WorldView,
  accountId: string,
): Operation | undefined {
  const vault = { accountId: "-", vaultName };
  switch (event.type) {
    case "CREATE_VAULT":
      return { name: "CreateVault", ...vault };
    case "DELETE_VAULT":
      return { name: "DeleteVault", ...vault };
    case "DESCRIBE_VAULT":
      return { name: "DescribeVault", ...vault };
    case "ABORT":
      return { name: "AbortVaultLock", ...vault };
    case "GET":
      return { name: "GetVaultLock", ...vault };
    case "INITIATE": {
      const policy = examplePolicy(event.policy);
      return { name: "InitiateVaultLock", ...vault, ...(policy !== undefined ? { policy } : {}) };
    }
    case "COMPLETE":
      return { name: "CompleteVaultLock", ...vault, lockId: lockIdFor(world, accountId, vaultName, event.lockId) };
    case "EXPIRE":
      return undefined;
  }
}
