/**
 * Transitions of a vault's policy-governed subresources besides archives and tags: the vault access policy
 * (AP-*) and the notification configuration (NOTIF-*). What an allowed request does; the policy decision itself
 * happens before the machine, in `authorize.ts`.
 */
import { err, ok } from "./outcome.js";
import { dataEdgeNaming, type Present, type Transition } from "./transitions.js";

/** The notification-configuration subresource (NOTIF-*): set, read back, removed; the lock is untouched. */
export function notificationOperations(
  state: Present,
): Record<"SET_NOTIFICATIONS" | "GET_NOTIFICATIONS" | "DELETE_NOTIFICATIONS", Transition | Transition[]> {
  const { id, untouched } = dataEdgeNaming(state);
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

export function accessPolicyOperations(
  state: Present,
): Record<"SET_ACCESS_POLICY" | "GET_ACCESS_POLICY" | "DELETE_ACCESS_POLICY", Transition | Transition[]> {
  const { id, untouched: independent } = dataEdgeNaming(state, "AP-INDEPENDENT");
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
