/** The operations the oracle answers, as an endpoint receives them (URI account id, not yet resolved). */
export type Operation =
  | { name: "CreateVault" | "DeleteVault" | "DescribeVault"; accountId: string; vaultName: string }
  | { name: "GetVaultLock" | "AbortVaultLock"; accountId: string; vaultName: string }
  | { name: "InitiateVaultLock"; accountId: string; vaultName: string; policy?: string }
  | { name: "CompleteVaultLock"; accountId: string; vaultName: string; lockId: string }
  | { name: "ListVaults"; accountId: string; limit?: string; marker?: string };

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
];

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
}
