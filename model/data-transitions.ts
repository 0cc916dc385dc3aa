/**
 * Transitions of the operations a lock policy governs: archives, vault tags and the vault access policy
 * (ARCH-*, TAGS-*, AP-*, NOTIF-*), and DeleteVault's emptiness rules (DV-NOT-EMPTY, DV-RECENTLY-WRITTEN). The policy
 * decision itself happens before the machine, in `authorize.ts`; these edges say what an allowed request does.
 */
import type { LockState } from "./machine-types.js";
import { err, ok } from "./outcome.js";
import { NOT_FOUND, type Transition } from "./transitions.js";

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
  "SET_NOTIFICATIONS",
  "GET_NOTIFICATIONS",
  "DELETE_NOTIFICATIONS",
] as const;
type DataEvent = (typeof DATA_EVENTS)[number];

/** Every data operation on a vault that does not exist: 404 (VAULT-OPS-MISSING). */
export function dataOnAbsent(): Record<DataEvent, Transition> {
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
  ) as Record<DataEvent, Transition>;
}

/** The archive, tag and access-policy transitions of an existing vault; they never touch the lock. */
export function dataOperations(state: Present): Record<DataEvent, Transition | Transition[]> {
  const id = (name: string) => `${state}.${name}`;
  const untouched = state === "noLock" ? [] : ["LOCK-UNTOUCHED-BY-DATA"];
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
    ...accessPolicyOperations(state),
    ...notificationOperations(state),
  };
}

/** The notification-configuration subresource (NOTIF-*): set, read back, removed; the lock is untouched. */
function notificationOperations(
  state: Present,
): Record<"SET_NOTIFICATIONS" | "GET_NOTIFICATIONS" | "DELETE_NOTIFICATIONS", Transition | Transition[]> {
  const id = (name: string) => `${state}.${name}`;
  const untouched = state === "noLock" ? [] : ["LOCK-UNTOUCHED-BY-DATA"];
  return {
    SET_NOTIFICATIONS: [
      {
        guard: "notificationsMissing",
        meta: {
          id: id("SET_NOTIFICATIONS.missingConfig"),
          requirements: ["NOTIF-CONFIG-MISSING"],
          expect: err("MissingParameterValueException"),
          alternatives: [err("InvalidParameterValueException")],
          reason: "Required parameter missing: vaultNotificationConfig",
        },
      },
      {
        actions: "setNotifications",
        meta: { id: id("SET_NOTIFICATIONS"), requirements: ["NOTIF-SET", ...untouched], expect: ok(204) },
      },
    ],
    GET_NOTIFICATIONS: [
      {
        guard: "noNotifications",
        meta: {
          id: id("GET_NOTIFICATIONS.none"),
          requirements: ["NOTIF-GET-NONE"],
          expect: err("ResourceNotFoundException"),
          reason: "No notification configuration is set",
        },
      },
      {
        meta: {
          id: id("GET_NOTIFICATIONS"),
          requirements: ["NOTIF-SET"],
          expect: ok(200),
          requires: { body: ["SNSTopic", "Events"] },
        },
      },
    ],
    DELETE_NOTIFICATIONS: {
      actions: "dropNotifications",
      meta: { id: id("DELETE_NOTIFICATIONS"), requirements: ["NOTIF-DELETE", ...untouched], expect: ok(204) },
    },
  };
}

function accessPolicyOperations(
  state: Present,
): Record<"SET_ACCESS_POLICY" | "GET_ACCESS_POLICY" | "DELETE_ACCESS_POLICY", Transition | Transition[]> {
  const id = (name: string) => `${state}.${name}`;
  const independent = state === "noLock" ? [] : ["AP-INDEPENDENT"];
  return {
    SET_ACCESS_POLICY: [
      {
        guard: "accessPolicyMissing",
        meta: {
          id: id("SET_ACCESS_POLICY.missingPolicy"),
          requirements: ["POLICY-MEMBER-MISSING"],
          expect: err("MissingParameterValueException"),
          alternatives: [err("InvalidParameterValueException")],
          reason: "Required parameter missing: Policy",
        },
      },
      {
        guard: "accessPolicyRejected",
        meta: {
          id: id("SET_ACCESS_POLICY.rejected"),
          requirements: ["AP-POLICY-RULES"],
          expect: err("InvalidParameterValueException"),
          alternatives: [err("MissingParameterValueException"), err("LimitExceededException")],
          reason: "The vault access policy is not valid",
        },
      },
      {
        actions: "setAccessPolicy",
        meta: { id: id("SET_ACCESS_POLICY"), requirements: ["AP-SET", ...independent], expect: ok(204) },
      },
    ],
    GET_ACCESS_POLICY: [
      {
        guard: "noAccessPolicy",
        meta: {
          id: id("GET_ACCESS_POLICY.none"),
          requirements: ["AP-GET-NONE"],
          expect: err("ResourceNotFoundException"),
          reason: "No vault access policy is set",
        },
      },
      {
        meta: {
          id: id("GET_ACCESS_POLICY"),
          requirements: ["AP-SET", ...independent],
          expect: ok(200),
          requires: { body: ["Policy"] },
        },
      },
    ],
    DELETE_ACCESS_POLICY: {
      actions: "dropAccessPolicy",
      meta: { id: id("DELETE_ACCESS_POLICY"), requirements: ["AP-DELETE", ...independent], expect: ok(204) },
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
