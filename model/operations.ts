/** The operations the oracle answers, as an endpoint receives them (URI account id, not yet resolved). */
export type Operation =
  | { name: "CreateVault" | "DeleteVault" | "DescribeVault"; accountId: string; vaultName: string }
  | { name: "GetVaultLock" | "AbortVaultLock"; accountId: string; vaultName: string }
  | { name: "InitiateVaultLock"; accountId: string; vaultName: string; policy?: string }
  | { name: "CompleteVaultLock"; accountId: string; vaultName: string; lockId: string }
  | { name: "ListVaults"; accountId: string; limit?: string; marker?: string }
  | ArchiveOperation
  | { name: "AddTagsToVault"; accountId: string; vaultName: string; tags: Record<string, string> }
  | { name: "RemoveTagsFromVault"; accountId: string; vaultName: string; keys: string[] }
  | {
      name: "ListTagsForVault" | "GetVaultAccessPolicy" | "DeleteVaultAccessPolicy";
      accountId: string;
      vaultName: string;
    }
  | { name: "SetVaultAccessPolicy"; accountId: string; vaultName: string; policy?: string };

/** Archive operations. `treeHash` is the declared `x-amz-sha256-tree-hash`; the body's own is computed from `body`. */
export type ArchiveOperation =
  | {
      name: "UploadArchive";
      accountId: string;
      vaultName: string;
      body: Uint8Array;
      treeHash: string;
      /** `x-amz-archive-description`, when sent. */
      description?: string;
    }
  | { name: "DeleteArchive"; accountId: string; vaultName: string; archiveId: string };

export type OperationName = Operation["name"];
export type VaultOperation = Exclude<Operation, { name: "ListVaults" }>;

export const OPERATION_NAMES: readonly OperationName[] = [
  "CreateVault",
  "DeleteVault",
  "DescribeVault",
  "ListVaults",
  "InitiateVaultLock",
  "CompleteVaultLock",
  "AbortVaultLock",
  "GetVaultLock",
  "UploadArchive",
  "DeleteArchive",
  "AddTagsToVault",
  "RemoveTagsFromVault",
  "ListTagsForVault",
  "SetVaultAccessPolicy",
  "GetVaultAccessPolicy",
  "DeleteVaultAccessPolicy",
];

/** The operations a vault's policies never govern (POL-SELF-LOCK): the lock's own. */
export const LOCK_OPERATIONS: readonly OperationName[] = [
  "InitiateVaultLock",
  "CompleteVaultLock",
  "AbortVaultLock",
  "GetVaultLock",
];

/**
 * Operations authorized by identity policies only (POL-IDENTITY-ONLY): the permissions reference gives them no
 * vault resource, so no vault policy governs them.
 */
export const IDENTITY_ONLY_OPERATIONS: readonly OperationName[] = ["CreateVault", "ListVaults"];

/** A request as the oracle sees it: who signed it, when the endpoint received it, in which region. */
export interface Request {
  operation: Operation;
  /** The 12-digit account id of the signing credentials. */
  signer: string;
  /** The endpoint's time, epoch ms. */
  now: number;
  region: string;
  /** The id a successful Initiate returns: chosen by the emulator, or observed by the suite. */
  freshLockId: string;
  /** The id a successful UploadArchive returns, chosen or observed likewise. */
  freshArchiveId?: string;
}
