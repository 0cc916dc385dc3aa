/**
 * The model's events with their data described by kind rather than value (which policy, which lock id, which
 * archive), so a path or a sequence can be replayed against any endpoint, and each kind made concrete.
 */
import { POLICY_HARD_LIMIT } from "./rules.js";

export type PolicyKind = "valid" | "missing" | "invalid" | "tooLarge" | "sizeAmbiguous";
export type LockIdRef = "current" | "retired" | "random";
/** A stored archive of the vault, one it deleted before, or one another vault of the account holds. */
export type ArchiveRef = "stored" | "gone" | "elsewhere";
export type TagSet = "valid" | "invalid" | "overTen" | "tooMany" | "legalHold";

/** A machine event with its data described by kind rather than value. */
export type AbstractEvent =
  | { type: "CREATE_VAULT" | "DELETE_VAULT" | "DESCRIBE_VAULT" | "ABORT" | "GET" }
  /** DeleteVault once the vault's next inventory has run: the clock moves a day first. */
  | { type: "DELETE_VAULT"; after: "inventory" }
  | { type: "INITIATE"; policy: PolicyKind }
  | { type: "COMPLETE"; lockId: LockIdRef }
  | { type: "EXPIRE" }
  | { type: "UPLOAD_ARCHIVE"; treeHash: "right" | "wrong"; description?: "tooLong" }
  | { type: "DELETE_ARCHIVE"; archive: ArchiveRef }
  | { type: "ADD_TAGS"; tags: TagSet }
  | { type: "SET_ACCESS_POLICY"; policy: "valid" | "invalid" | "missing" }
  | { type: "REMOVE_TAGS" | "LIST_TAGS" | "GET_ACCESS_POLICY" | "DELETE_ACCESS_POLICY" }
  | SubresourceAbstractEvents[keyof SubresourceAbstractEvents];

/** The abstract events of the subresources in `subresources/`: each module adds its own (declaration merging). */
export interface SubresourceAbstractEvents {}

/**
 * Tags of each kind: one plain tag, a reserved key, one more than the service model's 10, one more than a
 * vault may hold, the valid policy's hold.
 */
export function exampleTags(kind: TagSet): Record<string, string> {
  if (kind === "valid") return { suite: "path" };
  if (kind === "legalHold") return { LegalHold: "true" };
  if (kind === "invalid") return { "aws:reserved": "x" };
  const count = kind === "overTen" ? 11 : 51;
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`suite-${i}`, "x"]));
}

/**
 * A policy document of each kind. Valid ones deny DeleteArchive only while the vault carries the tag
 * `LegalHold: true`: paths and sequences set it (the `legalHold` tag set) to meet the denial, and RemoveTags
 * takes it off again, so a vault they lock stays deletable.
 */
export function examplePolicy(kind: PolicyKind): string | undefined {
  return EXAMPLE_POLICIES[kind];
}

const EXAMPLE_POLICIES: Record<PolicyKind, string | undefined> = (() => {
  const statement = {
    Sid: "suite",
    Effect: "Deny",
    Principal: "*",
    Action: "glacier:DeleteArchive",
    Resource: "*",
    Condition: { StringEquals: { "glacier:ResourceTag/LegalHold": "true" } },
  };
  const doc = (pad: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ ...statement, Sid: pad }] });
  return {
    valid: doc("suite"),
    missing: undefined,
    invalid: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny"',
    tooLarge: doc("x".repeat(POLICY_HARD_LIMIT)),
    sizeAmbiguous: doc("x".repeat(20_300 - doc("").length)),
  };
})();

/** An archive description one character over ARCH-DESCRIPTION's limit. */
export const TOO_LONG_DESCRIPTION = "d".repeat(1025);
