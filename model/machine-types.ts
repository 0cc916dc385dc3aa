/** The vault-lock machine's data types: context, events, states and transition meaning. */
import type { OutcomeSpec, ResponseParts } from "./outcome.js";

export interface LockRecord {
  policy: string;
  lockId: string;
  createdAt: number;
  expiresAt: number;
}

export interface VaultContext {
  createdAt: number;
  lock?: LockRecord;
  /** Ids of this vault's aborted or expired attempts, newest last, at most RETIRED_KEPT. */
  retiredLockIds: string[];
  /** Id of the edge the last event took; set by every transition. */
  lastEdge?: string;
}

export type VaultEvent =
  | { type: "CREATE_VAULT"; now: number }
  | { type: "DELETE_VAULT"; now: number }
  | { type: "DESCRIBE_VAULT"; now: number }
  | { type: "INITIATE"; now: number; policy?: string; lockId: string }
  | { type: "COMPLETE"; now: number; lockId: string }
  | { type: "ABORT"; now: number }
  | { type: "GET"; now: number }
  | { type: "TICK"; now: number };

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
