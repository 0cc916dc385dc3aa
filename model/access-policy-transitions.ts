/**
 * Transitions of the vault access policy (AP-*): what an allowed request does; the policy decision itself
 * happens before the machine, in `authorize.ts`.
 */
import { err, ok } from "./outcome.js";
import { dataEdgeNaming, type Present, type Transition } from "./transitions.js";

/** The vault access policy (AP-*): set, read back, removed, independent of the lock policy (AP-INDEPENDENT). */
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
