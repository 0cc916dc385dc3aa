/**
 * Properties of single states (invariants of every reachable world) and reachability within the bounds
 * (liveness: from every state of a kind, a goal state can still be reached by some requests and clock moves).
 */
import { MAX_TAGS } from "../archive.js";
import { LOCK_TTL_MS, classifyPolicy } from "../rules.js";
import type { VaultRecord } from "../world.js";
import { observed } from "./observe.js";
import type { CheckState, ReachabilityProperty, StateProperty } from "./types.js";

/** The first vault of the state whose record fails `test`, with the reason. */
function firstVault(state: CheckState, test: (record: VaultRecord) => string | undefined): string | undefined {
  for (const [key, record] of state.world.records) {
    const problem = test(record);
    if (problem) return `${key}: ${problem}`;
  }
  return undefined;
}

const oneLockRecord: StateProperty = {
  id: "lock-record-consistent",
  kind: "state",
  statement:
    "A vault with no lock holds no lock policy; an InProgress or Locked vault holds exactly one lock, whose policy is a usable document of at most 20,480 bytes and whose window is 24 hours.",
  requirements: ["INIT-POLICY-LIMIT", "INIT-POLICY-SIZE-UNIT", "CV-NEW-VAULT-UNLOCKED"],
  violation: (state) =>
    firstVault(state, ({ state: lockState, context: { lock } }) => {
      if (lockState === "noLock") return lock ? `no lock, yet holds lock ${lock.lockId}` : undefined;
      if (!lock) return `${lockState} without a lock`;
      const kind = classifyPolicy(lock.policy).kind;
      if (kind !== "valid" && kind !== "sizeAmbiguous") return `${lockState} with a ${kind} policy`;
      return lock.expiresAt - lock.createdAt === LOCK_TTL_MS ? undefined : "the lock's window is not 24 hours";
    }),
};

const currentIdNotRetired: StateProperty = {
  id: "current-id-not-retired",
  kind: "state",
  statement: "The current lock id of a vault is never one of its retired ids.",
  requirements: ["INIT-LOCK-ID-UNIQUE", "COMP-STALE-ID-REJECTED"],
  violation: (state) =>
    firstVault(state, ({ context: { lock, retiredLockIds } }) =>
      lock && retiredLockIds.includes(lock.lockId) ? `current lock id ${lock.lockId} is also retired` : undefined,
    ),
};

const tagLimit: StateProperty = {
  id: "tags-at-most-50",
  kind: "state",
  statement: "A vault never carries more than 50 tags.",
  requirements: ["TAGS-RULES"],
  violation: (state) =>
    firstVault(state, ({ context: { tags } }) =>
      Object.keys(tags).length > MAX_TAGS ? `${Object.keys(tags).length} tags` : undefined,
    ),
};

const archiveInOneVault: StateProperty = {
  id: "archive-in-one-vault",
  kind: "state",
  statement: "An archive id names at most one archive of an account: no two vaults hold the same archive.",
  requirements: ["ARCH-UPLOAD", "ARCH-DELETE-OTHER-VAULT"],
  violation(state) {
    const seen = new Map<string, string>();
    for (const [key, record] of state.world.records)
      for (const id of record.context.archives.keys()) {
        const owner = `${key.split("/")[0]}/${id}`;
        if (seen.has(owner)) return `archive ${id} is in ${seen.get(owner)} and ${key}`;
        seen.set(owner, key);
      }
    return undefined;
  },
};

/** The invariants. */
export const STATE_PROPERTIES: readonly StateProperty[] = [
  oneLockRecord,
  currentIdNotRetired,
  tagLimit,
  archiveInOneVault,
];

const stateIs = (lockState: string) => (state: CheckState, vault: { key: string }) =>
  observed(state.world.records.get(vault.key), state.now) === lockState;

/** Liveness within the bounds. */
export const REACHABILITY_PROPERTIES: readonly ReachabilityProperty[] = [
  {
    id: "in-progress-can-lock-or-abort",
    kind: "reachability",
    statement:
      "From every state where a vault is InProgress, both a state where it is Locked and one where it has no lock are reachable.",
    requirements: ["COMP-LOCKS", "ABORT-REMOVES-POLICY", "POL-FULL-EFFECT-IN-PROGRESS"],
    from: stateIs("inProgress"),
    goals: [
      { name: "Locked", holds: stateIs("locked") },
      { name: "no lock", holds: stateIs("noLock") },
    ],
  },
  {
    id: "vault-can-be-deleted",
    kind: "reachability",
    statement:
      "From every state where a vault exists, whatever its lock, a state where it is deleted is reachable: once emptied of its archives (and, where the bounds' policies hold them back, once the tag is removed or the archive is old enough), DeleteVault removes it.",
    requirements: ["DV-DELETES", "DV-LOCKED-EMPTY", "DV-IN-PROGRESS", "DV-NOT-EMPTY", "ARCH-DELETE"],
    from: (state, vault) => state.world.records.has(vault.key),
    goals: [{ name: "deleted", holds: stateIs("absent") }],
  },
];
