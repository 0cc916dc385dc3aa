/** Requests as the suite speaks of them: one line each for traces, and what keeps one from being sent. */
import type { Operation } from "../model/index.js";

/** `InitiateVaultLock(v, policy 120 B)`: a request in one short line. */
export function describeOperation(operation: Operation): string {
  const parts: string[] = [];
  if (operation.accountId !== "-") parts.push(`account ${operation.accountId}`);
  if (operation.name !== "ListVaults")
    parts.push(
      operation.vaultName.length > 40
        ? `${operation.vaultName.slice(0, 12)}…(${operation.vaultName.length})`
        : operation.vaultName,
    );
  if (operation.name === "InitiateVaultLock" || operation.name === "SetVaultAccessPolicy")
    parts.push(operation.policy === undefined ? "no policy" : `policy ${Buffer.byteLength(operation.policy)} B`);
  if (operation.name === "CompleteVaultLock") parts.push(`lock ${operation.lockId}`);
  if (operation.name === "UploadArchive")
    parts.push(`${operation.body.length} B`, `tree hash ${operation.treeHash.slice(0, 8)}…`);
  if (operation.name === "DeleteArchive") parts.push(`archive ${operation.archiveId.slice(0, 12)}…`);
  if (operation.name === "AddTagsToVault") parts.push(`${Object.keys(operation.tags).length} tags`);
  if (operation.name === "ListVaults")
    parts.push(`limit ${operation.limit ?? "-"}`, `marker ${operation.marker ?? "-"}`);
  return `${operation.name}(${parts.join(", ")})`;
}

/** Why an operation cannot be sent: it names a value (a path label) the target never gave, or undefined. */
export function missingValue(operation: Operation): string | undefined {
  if (operation.name === "CompleteVaultLock" && !operation.lockId)
    return "not sent: the target gave no lock id (x-amz-lock-id) to complete with";
  if (operation.name === "DeleteArchive" && !operation.archiveId)
    return "not sent: the target gave no archive id (x-amz-archive-id) to delete";
  return undefined;
}
