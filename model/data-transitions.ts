/**
 * Transitions of the operations a lock policy governs: archives and vault tags here (ARCH-*, TAGS-*), the access
 * policy in `access-policy-transitions.ts`, the subresources' in `subresources/`, and DeleteVault's emptiness
 * rules (DV-NOT-EMPTY, DV-RECENTLY-WRITTEN). The policy decision happens before the machine, in `authorize.ts`;
 * these edges say what an allowed request does.
 */
import { err, ok } from "./outcome.js";
import { dataEdgeNaming, NOT_FOUND, type Present, type Transition } from "./transitions.js";
import { accessPolicyOperations } from "./access-policy-transitions.js";
import { SUBRESOURCE_EVENTS, subresourceTransitions } from "./subresources/index.js";

const CORE_DATA_EVENTS = [
  "UPLOAD_ARCHIVE",
  "DELETE_ARCHIVE",
  "ADD_TAGS",
  "REMOVE_TAGS",
  "LIST_TAGS",
  "SET_ACCESS_POLICY",
  "GET_ACCESS_POLICY",
  "DELETE_ACCESS_POLICY",
] as const;
/** The machine events of the data operations, the subresources' included. */
export const DATA_EVENTS: readonly string[] = [...CORE_DATA_EVENTS, ...SUBRESOURCE_EVENTS];
type CoreDataEvent = (typeof CORE_DATA_EVENTS)[number];

/** Every data operation on a vault that does not exist: 404 (VAULT-OPS-MISSING). */
export function dataOnAbsent(): Record<string, Transition> {
  return Object.fromEntries(
    DATA_EVENTS.map((event) => [
      event,
      {
        meta: {
          id: `absent.${event}`,
          requirements: ["VAULT-OPS-MISSING"],
          expect: err("ResourceNotFoundException"),
          reason: NOT_FOUND,
        },
      },
    ]),
  );
}

/** The archive, tag, access-policy and subresource transitions of an existing vault; they never touch the lock. */
export function dataOperations(state: Present): Record<string, Transition | Transition[]> {
  const { id, untouched } = dataEdgeNaming(state);
  return {
    UPLOAD_ARCHIVE: [
      {
        guard: "descriptionInvalid",
        meta: {
          id: id("UPLOAD_ARCHIVE.badDescription"),
          requirements: ["ARCH-DESCRIPTION"],
          expect: err("InvalidParameterValueException"),
          reason: "x-amz-archive-description must be at most 1,024 printable ASCII characters",
        },
      },
      {
        guard: "treeHashMismatch",
        meta: {
          id: id("UPLOAD_ARCHIVE.treeHashMismatch"),
          requirements: ["ARCH-TREE-HASH"],
          expect: err("InvalidParameterValueException"),
          reason: "Checksum mismatch: x-amz-sha256-tree-hash does not match the body",
        },
      },
      {
        actions: "addArchive",
        meta: {
          id: id("UPLOAD_ARCHIVE"),
          requirements: ["ARCH-UPLOAD", "ARCH-TREE-HASH", ...untouched],
          expect: ok(201),
          requires: { headers: ["location", "x-amz-archive-id", "x-amz-sha256-tree-hash"] },
        },
      },
    ],
    DELETE_ARCHIVE: [
      {
        guard: "archiveStored",
        actions: "removeArchive",
        meta: { id: id("DELETE_ARCHIVE.stored"), requirements: ["ARCH-DELETE", ...untouched], expect: ok(204) },
      },
      {
        guard: "archiveElsewhere",
        meta: {
          id: id("DELETE_ARCHIVE.otherVault"),
          requirements: ["ARCH-DELETE-OTHER-VAULT"],
          expect: err("InvalidParameterValueException"),
          alternatives: [ok(204)],
          reason: "Invalid vault name",
        },
      },
      { meta: { id: id("DELETE_ARCHIVE.gone"), requirements: ["ARCH-DELETE-IDEMPOTENT"], expect: ok(204) } },
    ],
    ...tagOperations(state),
    ...accessPolicyOperations(state),
    ...subresourceTransitions(state),
  } satisfies Record<CoreDataEvent, Transition | Transition[]>;
}

/** The tag transitions of an existing vault (TAGS-*); they never touch the lock. */
function tagOperations(state: Present): Record<"ADD_TAGS" | "REMOVE_TAGS" | "LIST_TAGS", Transition | Transition[]> {
  const { id, untouched } = dataEdgeNaming(state);
  return {
    ADD_TAGS: [
      {
        guard: "tagsInvalid",
        meta: {
          id: id("ADD_TAGS.invalid"),
          requirements: ["TAGS-RULES"],
          expect: err("InvalidParameterValueException"),
          reason: "Tag keys and values are not valid",
        },
      },
      {
        guard: "tagsTooMany",
        meta: {
          id: id("ADD_TAGS.tooMany"),
          requirements: ["TAGS-RULES"],
          expect: err("LimitExceededException"),
          reason: "A vault can have at most 50 tags",
        },
      },
      {
        guard: "tagsOverServiceModelLimit",
        actions: "addTags",
        meta: {
          id: id("ADD_TAGS.overTen"),
          requirements: ["TAGS-ADD", "TAGS-LIMIT", ...untouched],
          expect: ok(204),
          alternatives: [err("LimitExceededException")],
          reason: "A vault can have at most 10 tags",
        },
      },
      { actions: "addTags", meta: { id: id("ADD_TAGS"), requirements: ["TAGS-ADD", ...untouched], expect: ok(204) } },
    ],
    REMOVE_TAGS: {
      actions: "removeTags",
      meta: { id: id("REMOVE_TAGS"), requirements: ["TAGS-REMOVE", ...untouched], expect: ok(204) },
    },
    LIST_TAGS: {
      meta: {
        id: id("LIST_TAGS"),
        requirements: ["TAGS-LIST"],
        expect: ok(200),
        requires: { body: ["Tags"] },
      },
    },
  };
}

/** DeleteVault on a vault holding archives: refused, whatever its lock (DV-NOT-EMPTY). */
export function deleteNotEmpty(state: Present): Transition {
  return {
    guard: "hasArchives",
    meta: {
      id: `${state}.DELETE_VAULT.notEmpty`,
      requirements: ["DV-NOT-EMPTY"],
      expect: err("InvalidParameterValueException"),
      reason: "Vault not empty or recently written to",
    },
  };
}

/**
 * DeleteVault on an emptied vault written to since its last inventory: refused until the next one
 * (DV-RECENTLY-WRITTEN); a target whose inventory ran sooner may delete it (DV-INVENTORY-TIMING, in the oracle).
 */
export function deleteRecentlyWritten(state: Present): Transition {
  return {
    guard: "recentlyWritten",
    meta: {
      id: `${state}.DELETE_VAULT.recentlyWritten`,
      requirements: ["DV-RECENTLY-WRITTEN", "DV-INVENTORY-TIMING"],
      expect: err("InvalidParameterValueException"),
      reason: "Vault not empty or recently written to",
    },
  };
}

/** DeleteVault on an emptied vault inventoried since its last write: deleted, or refused by a later inventory. */
export function deleteAfterWrites(state: "noLock" | "locked"): Transition {
  return {
    target: "absent",
    guard: "writtenBefore",
    actions: "dropVault",
    meta: {
      id: `${state}.DELETE_VAULT.afterWrites`,
      requirements: [
        "DV-RECENTLY-WRITTEN",
        "DV-INVENTORY-TIMING",
        ...(state === "locked" ? ["DV-LOCKED-EMPTY"] : ["DV-DELETES"]),
      ],
      expect: ok(204),
      alternatives: [err("InvalidParameterValueException")],
    },
  };
}
