/**
 * Transitions of the operations a lock policy governs: archives, vault tags and the vault access policy
 * (ARCH-*, TAGS-*, AP-*), and DeleteVault's emptiness rules (DV-NOT-EMPTY, DV-RECENTLY-WRITTEN). The policy
 * decision itself happens before the machine, in `authorize.ts`; these edges say what an allowed request does.
 */
import type { LockState } from "./machine-types.js";
import { err, ok } from "./outcome.js";
import { edge, NOT_FOUND } from "./transitions.js";

type Present = Exclude<LockState, "absent">;

/** The machine events of the data operations. */
export const DATA_EVENTS = [
  "UPLOAD_ARCHIVE",
  "DELETE_ARCHIVE",
  "ADD_TAGS",
  "REMOVE_TAGS",
  "LIST_TAGS",
  "SET_ACCESS_POLICY",
  "GET_ACCESS_POLICY",
  "DELETE_ACCESS_POLICY",
] as const;

/** Every data operation on a vault that does not exist: 404 (VAULT-OPS-MISSING). */
export function dataOnAbsent() {
  return Object.fromEntries(
    DATA_EVENTS.map((event) => [
      event,
      edge({
        id: `absent.${event}`,
        requirements: ["VAULT-OPS-MISSING"],
        expect: err("ResourceNotFoundException"),
        reason: NOT_FOUND,
      }),
    ]),
  ) as Record<(typeof DATA_EVENTS)[number], ReturnType<typeof edge>>;
}

/** The archive, tag and access-policy transitions of an existing vault; they never touch the lock. */
export function dataOperations(state: Present) {
  const id = (name: string) => `${state}.${name}`;
  const untouched = state === "noLock" ? [] : ["LOCK-UNTOUCHED-BY-DATA"];
  return {
    UPLOAD_ARCHIVE: [
      edge(
        {
          id: id("UPLOAD_ARCHIVE.badDescription"),
          requirements: ["ARCH-DESCRIPTION"],
          expect: err("InvalidParameterValueException"),
          reason: "x-amz-archive-description must be at most 1,024 printable ASCII characters",
        },
        undefined,
        "descriptionInvalid",
      ),
      edge(
        {
          id: id("UPLOAD_ARCHIVE.treeHashMismatch"),
          requirements: ["ARCH-TREE-HASH"],
          expect: err("InvalidParameterValueException"),
          reason: "Checksum mismatch: x-amz-sha256-tree-hash does not match the body",
        },
        undefined,
        "treeHashMismatch",
      ),
      edge(
        {
          id: id("UPLOAD_ARCHIVE"),
          requirements: ["ARCH-UPLOAD", "ARCH-TREE-HASH", ...untouched],
          expect: ok(201),
          requires: { headers: ["location", "x-amz-archive-id", "x-amz-sha256-tree-hash"] },
        },
        undefined,
        undefined,
        "addArchive",
      ),
    ],
    DELETE_ARCHIVE: [
      edge(
        { id: id("DELETE_ARCHIVE.stored"), requirements: ["ARCH-DELETE", ...untouched], expect: ok(204) },
        undefined,
        "archiveStored",
        "removeArchive",
      ),
      edge(
        {
          id: id("DELETE_ARCHIVE.otherVault"),
          requirements: ["ARCH-DELETE-OTHER-VAULT"],
          expect: err("InvalidParameterValueException"),
          alternatives: [ok(204)],
          reason: "Invalid vault name",
        },
        undefined,
        "archiveElsewhere",
      ),
      edge({ id: id("DELETE_ARCHIVE.gone"), requirements: ["ARCH-DELETE-IDEMPOTENT"], expect: ok(204) }),
    ],
    ADD_TAGS: [
      edge(
        {
          id: id("ADD_TAGS.invalid"),
          requirements: ["TAGS-RULES"],
          expect: err("InvalidParameterValueException"),
          reason: "Tag keys and values are not valid",
        },
        undefined,
        "tagsInvalid",
      ),
      edge(
        {
          id: id("ADD_TAGS.tooMany"),
          requirements: ["TAGS-RULES"],
          expect: err("LimitExceededException"),
          reason: "A vault can have at most 50 tags",
        },
        undefined,
        "tagsTooMany",
      ),
      edge(
        {
          id: id("ADD_TAGS.overTen"),
          requirements: ["TAGS-ADD", "TAGS-LIMIT", ...untouched],
          expect: ok(204),
          alternatives: [err("LimitExceededException")],
          reason: "A vault can have at most 10 tags",
        },
        undefined,
        "tagsOverServiceModelLimit",
        "addTags",
      ),
      edge(
        { id: id("ADD_TAGS"), requirements: ["TAGS-ADD", ...untouched], expect: ok(204) },
        undefined,
        undefined,
        "addTags",
      ),
    ],
    REMOVE_TAGS: edge(
      { id: id("REMOVE_TAGS"), requirements: ["TAGS-REMOVE", ...untouched], expect: ok(204) },
      undefined,
      undefined,
      "removeTags",
    ),
    LIST_TAGS: edge({
      id: id("LIST_TAGS"),
      requirements: ["TAGS-LIST"],
      expect: ok(200),
      requires: { body: ["Tags"] },
    }),
    ...accessPolicyOperations(state),
  };
}

function accessPolicyOperations(state: Present) {
  const id = (name: string) => `${state}.${name}`;
  const independent = state === "noLock" ? [] : ["AP-INDEPENDENT"];
  return {
    SET_ACCESS_POLICY: [
      edge(
        {
          id: id("SET_ACCESS_POLICY.missingPolicy"),
          requirements: ["POLICY-MEMBER-MISSING"],
          expect: err("MissingParameterValueException"),
          alternatives: [err("InvalidParameterValueException")],
          reason: "Required parameter missing: Policy",
        },
        undefined,
        "accessPolicyMissing",
      ),
      edge(
        {
          id: id("SET_ACCESS_POLICY.rejected"),
          requirements: ["AP-POLICY-RULES"],
          expect: err("InvalidParameterValueException"),
          alternatives: [err("MissingParameterValueException"), err("LimitExceededException")],
          reason: "The vault access policy is not valid",
        },
        undefined,
        "accessPolicyRejected",
      ),
      edge(
        { id: id("SET_ACCESS_POLICY"), requirements: ["AP-SET", ...independent], expect: ok(204) },
        undefined,
        undefined,
        "setAccessPolicy",
      ),
    ],
    GET_ACCESS_POLICY: [
      edge(
        {
          id: id("GET_ACCESS_POLICY.none"),
          requirements: ["AP-GET-NONE"],
          expect: err("ResourceNotFoundException"),
          reason: "No vault access policy is set",
        },
        undefined,
        "noAccessPolicy",
      ),
      edge({
        id: id("GET_ACCESS_POLICY"),
        requirements: ["AP-SET", ...independent],
        expect: ok(200),
        requires: { body: ["Policy"] },
      }),
    ],
    DELETE_ACCESS_POLICY: edge(
      { id: id("DELETE_ACCESS_POLICY"), requirements: ["AP-DELETE", ...independent], expect: ok(204) },
      undefined,
      undefined,
      "dropAccessPolicy",
    ),
  };
}

/** DeleteVault on a vault holding archives: refused, whatever its lock (DV-NOT-EMPTY). */
export function deleteNotEmpty(state: Present) {
  return edge(
    {
      id: `${state}.DELETE_VAULT.notEmpty`,
      requirements: ["DV-NOT-EMPTY"],
      expect: err("InvalidParameterValueException"),
      reason: "Vault not empty or recently written to",
    },
    undefined,
    "hasArchives",
  );
}

/**
 * DeleteVault on an emptied vault written to since its last inventory: refused until the next one
 * (DV-RECENTLY-WRITTEN); a target whose inventory ran sooner may delete it (DV-INVENTORY-TIMING, in the oracle).
 */
export function deleteRecentlyWritten(state: Present) {
  return edge(
    {
      id: `${state}.DELETE_VAULT.recentlyWritten`,
      requirements: ["DV-RECENTLY-WRITTEN", "DV-INVENTORY-TIMING"],
      expect: err("InvalidParameterValueException"),
      reason: "Vault not empty or recently written to",
    },
    undefined,
    "recentlyWritten",
  );
}

/** DeleteVault on an emptied vault inventoried since its last write: deleted, or refused by a later inventory. */
export function deleteAfterWrites(state: "noLock" | "locked") {
  return edge(
    {
      id: `${state}.DELETE_VAULT.afterWrites`,
      requirements: [
        "DV-RECENTLY-WRITTEN",
        "DV-INVENTORY-TIMING",
        ...(state === "locked" ? ["DV-LOCKED-EMPTY"] : ["DV-DELETES"]),
      ],
      expect: ok(204),
      alternatives: [err("InvalidParameterValueException")],
    },
    "absent",
    "writtenBefore",
    "dropVault",
  );
}
