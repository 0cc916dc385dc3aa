/**
 * The vault's notification configuration (NOTIF-*), defined once: Set, Get and DeleteVaultNotifications, which a
 * lock or access policy can deny. Set stores it, Get reads it back (404 while none is set), Delete removes it;
 * the lock is untouched. Its HTTP binding is `protocol/operations.ts`.
 */
import { err, ok } from "../outcome.js";
import { dataEdgeNaming, type Present } from "../transitions.js";
import type { RuleArgs, Subresource, VaultRef } from "./subresource.js";

/** Where a vault's job notifications go: an SNS topic and the events that publish to it. */
export interface NotificationConfig {
  SNSTopic: string;
  Events: string[];
}

type Named<N extends string> = { name: N } & VaultRef;

declare module "../operations.js" {
  interface SubresourceOperations {
    SetVaultNotifications: Named<"SetVaultNotifications"> & { config?: NotificationConfig };
    GetVaultNotifications: Named<"GetVaultNotifications">;
    DeleteVaultNotifications: Named<"DeleteVaultNotifications">;
  }
}

declare module "../machine-types.js" {
  interface SubresourceEvents {
    SET_NOTIFICATIONS: { type: "SET_NOTIFICATIONS"; now: number; config?: NotificationConfig };
    GET_NOTIFICATIONS: { type: "GET_NOTIFICATIONS"; now: number };
    DELETE_NOTIFICATIONS: { type: "DELETE_NOTIFICATIONS"; now: number };
  }
  interface VaultContext {
    /** The vault's notification configuration (NOTIF-SET). */
    notifications?: NotificationConfig;
  }
}

declare module "../abstract-events.js" {
  interface SubresourceAbstractEvents {
    SET_NOTIFICATIONS: { type: "SET_NOTIFICATIONS"; config: "valid" | "missing" };
    GET_NOTIFICATIONS: { type: "GET_NOTIFICATIONS" };
    DELETE_NOTIFICATIONS: { type: "DELETE_NOTIFICATIONS" };
  }
}

/** A notification configuration: a topic of the suite's and both job events. */
export const EXAMPLE_NOTIFICATIONS: NotificationConfig = {
  SNSTopic: "arn:aws:sns:us-east-1:111122223333:glacier-vault-lock-suite",
  Events: ["ArchiveRetrievalCompleted", "InventoryRetrievalCompleted"],
};

const EVENTS = ["SET_NOTIFICATIONS", "GET_NOTIFICATIONS", "DELETE_NOTIFICATIONS"] as const;

/** Guards by name (NOTIF-CONFIG-MISSING, NOTIF-GET-NONE). */
const guards = {
  notificationsMissing: ({ event }: RuleArgs) => event.type === "SET_NOTIFICATIONS" && event.config === undefined,
  noNotifications: ({ context }: RuleArgs) => context.notifications === undefined,
};

const updates = {
  setNotifications: ({ event }: RuleArgs) =>
    event.type === "SET_NOTIFICATIONS" ? { notifications: event.config } : {},
  dropNotifications: () => ({ notifications: undefined }),
};

function transitions(state: Present) {
  const { id, untouched } = dataEdgeNaming(state);
  return {
    SET_NOTIFICATIONS: [
      {
        guard: "notificationsMissing" as const,
        meta: {
          id: id("SET_NOTIFICATIONS.missingConfig"),
          requirements: ["NOTIF-CONFIG-MISSING"],
          expect: err("MissingParameterValueException"),
          alternatives: [err("InvalidParameterValueException")],
          reason: "Required parameter missing: vaultNotificationConfig",
        },
      },
      {
        actions: "setNotifications" as const,
        meta: { id: id("SET_NOTIFICATIONS"), requirements: ["NOTIF-SET", ...untouched], expect: ok(204) },
      },
    ],
    GET_NOTIFICATIONS: [
      {
        guard: "noNotifications" as const,
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
      actions: "dropNotifications" as const,
      meta: { id: id("DELETE_NOTIFICATIONS"), requirements: ["NOTIF-DELETE", ...untouched], expect: ok(204) },
    },
  };
}

/** The notification-configuration subresource (NOTIF-SET, NOTIF-GET-NONE, NOTIF-DELETE, NOTIF-CONFIG-MISSING). */
export const notifications: Subresource<(typeof EVENTS)[number], keyof typeof guards, keyof typeof updates> = {
  operations: {
    SetVaultNotifications: { governance: "governed", event: "SET_NOTIFICATIONS", data: ({ config }) => ({ config }) },
    GetVaultNotifications: {
      governance: "governed",
      event: "GET_NOTIFICATIONS",
      answer: (_, { record }) => ({ body: { ...record?.context.notifications } }),
    },
    DeleteVaultNotifications: { governance: "governed", event: "DELETE_NOTIFICATIONS" },
  },
  events: EVENTS,
  transitions,
  guards,
  updates,
  explore: (_, now) => [
    [
      { type: "SET_NOTIFICATIONS", now, config: EXAMPLE_NOTIFICATIONS },
      { type: "SET_NOTIFICATIONS", config: "valid" },
    ],
    [
      { type: "SET_NOTIFICATIONS", now },
      { type: "SET_NOTIFICATIONS", config: "missing" },
    ],
    [{ type: "GET_NOTIFICATIONS", now }, { type: "GET_NOTIFICATIONS" }],
    [{ type: "DELETE_NOTIFICATIONS", now }, { type: "DELETE_NOTIFICATIONS" }],
  ],
  held: (context) => context.notifications !== undefined,
  sequenceEvents: [
    { type: "SET_NOTIFICATIONS", config: "valid" },
    { type: "GET_NOTIFICATIONS" },
    { type: "DELETE_NOTIFICATIONS" },
  ],
  concretize: (event, vault) =>
    event.type === "SET_NOTIFICATIONS"
      ? {
          name: "SetVaultNotifications",
          ...vault,
          ...(event.config === "valid" ? { config: EXAMPLE_NOTIFICATIONS } : {}),
        }
      : undefined,
};
