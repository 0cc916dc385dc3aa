/** The vault-lock machine's data types: context, events, states and transition meaning. */
import type { ArchiveMap } from "./archive-map.js";
import type { OutcomeSpec, ResponseParts } from "./outcome.js";

export interface LockRecord {
  policy: string;
  lockId: string;
  createdAt: number;
  expiresAt: number;
}

/** One stored archive (ARCH-UPLOAD). */
export interface ArchiveRecord {
  createdAt: number;
  size: number;
  treeHash: string;
}

/** What an inventory saw: when it ran, how many archives and bytes the vault held (DESC-VAULT). */
export interface Inventory {
  at: number;
  archives: number;
  size: number;
}

/** A vault's data; the subresources in `subresources/` add their own fields (declaration merging). */
export interface VaultContext {
  createdAt: number;
  lock?: LockRecord;
  /** Archive id → archive, a persistent map (`archive-map.ts`); as JSON, a plain object. */
  archives: ArchiveMap;
  /** When an archive was last uploaded or deleted: DeleteVault may call the vault "recently written". */
  lastWriteAt?: number;
  /** The last inventory before the last write, kept by that write (`inventory.ts`). */
  inventory?: Inventory;
  tags: Record<string, string>;
  /** The vault access policy, independent of the lock policy (AP-INDEPENDENT). */
  accessPolicy?: string;
  /** Ids of this vault's aborted or expired attempts, newest last, at most RETIRED_KEPT. */
  retiredLockIds: string[];
}

export type VaultEvent =
  | { type: "CREATE_VAULT"; now: number }
  | { type: "DELETE_VAULT"; now: number }
  | { type: "DESCRIBE_VAULT"; now: number }
  | { type: "INITIATE"; now: number; policy?: string; lockId: string }
  | { type: "COMPLETE"; now: number; lockId: string }
  | { type: "ABORT"; now: number }
  | { type: "GET"; now: number }
  | { type: "TICK"; now: number }
  | {
      type: "UPLOAD_ARCHIVE";
      now: number;
      archiveId: string;
      size: number;
      treeHash: string;
      bodyTreeHash: string;
      description?: string;
    }
  /** `storedElsewhere`: the id names an archive another vault of the account holds (the world knows, not the vault). */
  | { type: "DELETE_ARCHIVE"; now: number; archiveId: string; storedElsewhere?: boolean }
  | { type: "ADD_TAGS"; now: number; tags: Record<string, string> }
  | { type: "REMOVE_TAGS"; now: number; keys: string[] }
  | { type: "LIST_TAGS"; now: number }
  | { type: "SET_ACCESS_POLICY"; now: number; policy?: string }
  | { type: "GET_ACCESS_POLICY"; now: number }
  | { type: "DELETE_ACCESS_POLICY"; now: number }
  | SubresourceEvents[keyof SubresourceEvents];

/**
 * The machine events of the subresources defined in `subresources/`, by type: each module adds its own here
 * (declaration merging), as it adds its fields to `VaultContext`.
 */
export interface SubresourceEvents {}

export type LockState = "absent" | "noLock" | "inProgress" | "locked";

/** What a transition means: its requirements, the chosen outcome and the other outcomes accepted. */
export interface EdgeMeta {
  id: string;
  requirements: string[];
  expect: OutcomeSpec;
  /** Refusals a conforming endpoint may give instead; each leaves the vault as it was. */
  alternatives?: OutcomeSpec[];
  requires?: ResponseParts;
  /** Why an error happens, for its message. */
  reason?: string;
}
