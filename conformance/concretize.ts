/** Turns the model's abstract events (policy kind, lock-id reference) into operations on a real vault. */
import { randomBytes } from "node:crypto";
import {
  examplePolicy,
  exampleTags,
  concretizeSubresource,
  operationOfEvent,
  treeHash,
  TOO_LONG_DESCRIPTION,
  type AbstractEvent,
  type ArchiveRef,
  type Change,
  type LockIdRef,
  type Operation,
  type WorldView,
} from "../model/index.js";

/** The lock id a reference names for this vault in the suite's world; a fresh random id for `random`. */
export function lockIdFor(world: WorldView, accountId: string, vaultName: string, ref: LockIdRef): string {
  const context = world.vault(accountId, vaultName)?.context;
  const known =
    ref === "current" ? context?.lock?.lockId : ref === "retired" ? context?.retiredLockIds.at(-1) : undefined;
  return known ?? `RANDOM${randomBytes(9).toString("base64url").replace(/[-_]/g, "x")}`;
}

/**
 * Whether an event has what it names: an archive deletion needs a stored archive (of this vault, or for
 * `elsewhere` of another), or for `gone` one this vault deleted before (the only already-deleted ids the suite
 * sends). Other events always do.
 */
export function hasArchiveFor(
  event: AbstractEvent,
  world: WorldView,
  accountId: string,
  vaultName: string,
  deletedArchive: string | undefined,
): boolean {
  return (
    event.type !== "DELETE_ARCHIVE" ||
    archiveNamed(event.archive, world, accountId, vaultName, deletedArchive) !== undefined
  );
}

function archiveNamed(
  ref: ArchiveRef,
  world: WorldView,
  accountId: string,
  vaultName: string,
  deletedArchive: string | undefined,
): string | undefined {
  const firstOf = (name: string) => world.vault(accountId, name)?.context.archives.firstId();
  if (ref === "gone") return deletedArchive;
  if (ref === "stored") return firstOf(vaultName);
  return world
    .vaultNames(accountId)
    .filter((name) => name !== vaultName)
    .map(firstOf)
    .find((id) => id !== undefined);
}

/** The archive a vault's `gone` deletions name after a step: the one it just deleted; none once the vault is gone. */
export function deletedArchiveAfter(
  operation: Operation,
  changes: readonly Change[],
  before: string | undefined,
): string | undefined {
  if (operation.name === "ListVaults") return before;
  const change = changes.find((c) => c.vaultName === operation.vaultName);
  if (change && change.record === undefined) return undefined;
  return operation.name === "DeleteArchive" && change ? operation.archiveId : before;
}

/** A small archive body of printable text, different every time. */
export function archiveBody(): Buffer {
  return Buffer.from(`glacier-vault-lock conformance archive ${randomBytes(12).toString("hex")}\n`);
}

/**
 * The operation for an abstract event on `vaultName`; `undefined` for EXPIRE, which is a clock move. A
 * subresource's event is made by its module (`model/subresources/`); an event without data is its operation's on
 * the vault (`OPERATIONS`, the model's operation registry).
 * `deletedArchive` is the id of an archive the suite deleted from this vault, if any.
 */
export function concretize(
  event: AbstractEvent,
  vaultName: string,
  world: WorldView,
  accountId: string,
  deletedArchive?: string,
): Operation | undefined {
  const vault = { accountId: "-", vaultName };
  const subresource = concretizeSubresource(event, vault);
  if (subresource) return subresource;
  switch (event.type) {
    case "INITIATE": {
      const policy = examplePolicy(event.policy);
      return { name: "InitiateVaultLock", ...vault, ...(policy !== undefined ? { policy } : {}) };
    }
    case "COMPLETE":
      return { name: "CompleteVaultLock", ...vault, lockId: lockIdFor(world, accountId, vaultName, event.lockId) };
    case "EXPIRE":
      return undefined;
    case "UPLOAD_ARCHIVE": {
      const body = archiveBody();
      return {
        name: "UploadArchive",
        ...vault,
        body,
        treeHash: treeHash(event.treeHash === "right" ? body : archiveBody()),
        ...(event.description === "tooLong" ? { description: TOO_LONG_DESCRIPTION } : {}),
      };
    }
    case "DELETE_ARCHIVE": {
      const named = archiveNamed(event.archive, world, accountId, vaultName, deletedArchive);
      return { name: "DeleteArchive", ...vault, archiveId: named ?? randomBytes(104).toString("base64url") };
    }
    case "ADD_TAGS":
      return { name: "AddTagsToVault", ...vault, tags: exampleTags(event.tags) };
    case "REMOVE_TAGS":
      return { name: "RemoveTagsFromVault", ...vault, keys: [...Object.keys(exampleTags("valid")), "LegalHold"] };
    case "SET_ACCESS_POLICY":
      return { name: "SetVaultAccessPolicy", ...vault, policy: examplePolicy(event.policy)! };
    default:
      return { name: operationOfEvent(event.type)!, ...vault } as Operation;
  }
}
