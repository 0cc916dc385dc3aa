/**
 * Safety rails for real AWS: no permanent lock unless explicitly allowed, and a clean stop when the account
 * cannot use vault-based Glacier at all (NoLongerSupportedException, since the 2025 change for new customers).
 */

/** What the suite may do to the target. */
export interface Rails {
  /** Refuse a CompleteVaultLock the model says would lock a vault for good. */
  blockPermanentLocks: boolean;
  /** Refuse UploadArchive: a vault that held archives cannot be deleted until the next inventory. */
  blockArchives?: boolean;
}

/** Thrown instead of sending a request the rails forbid; the check becomes a skip with this reason. */
export class NotSent extends Error {}

/** Thrown when the target answers NoLongerSupportedException: the run stops, results so far are kept. */
export class TargetUnusable extends Error {}

export const PERMANENT_LOCK_REFUSED =
  "not exercised: completing would lock a real vault for good (its policy could then never be removed); pass --allow-permanent-locks to allow it";

export const ARCHIVES_REFUSED =
  "not exercised: an archive uploaded to real AWS keeps its vault undeletable until the next daily inventory; pass --allow-archives to allow it";

export const NO_LONGER_SUPPORTED =
  "The target answered NoLongerSupportedException: this AWS account has no vault-based Glacier storage, and AWS stopped offering the vault API to new customers in late 2025 (the documents give December 15, 2025; other sources November 7, 2025). Vault Lock cannot be checked with this account; use an account that already stores data in Glacier vaults, or an emulator.";

/** The rails for a target: permanent locks and archive uploads are blocked on real AWS unless allowed. */
export function railsFor(realAws: boolean, allowPermanentLocks: boolean, allowArchives = false): Rails {
  return { blockPermanentLocks: realAws && !allowPermanentLocks, blockArchives: realAws && !allowArchives };
}
