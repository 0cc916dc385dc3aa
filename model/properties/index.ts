/**
 * What the model guarantees, as data: named safety properties (invariants of every reachable state, and
 * predicates over every transition) and reachability properties, each citing the requirement ids it states.
 * `model/check/` proves them over every state reachable within stated bounds.
 */
import { LIFECYCLE_PROPERTIES } from "./lifecycle.js";
import { outcomeByState } from "./outcomes.js";
import { REQUEST_PROPERTIES } from "./requests.js";
import { REACHABILITY_PROPERTIES, STATE_PROPERTIES } from "./state.js";
import type { Property } from "./types.js";

export type * from "./types.js";
export { OUTCOME_RULES, type OutcomeRule } from "./outcomes.js";

/** Every property, safety first. */
export const PROPERTIES: readonly Property[] = [
  ...STATE_PROPERTIES,
  ...LIFECYCLE_PROPERTIES,
  outcomeByState,
  ...REQUEST_PROPERTIES,
  ...REACHABILITY_PROPERTIES,
];

/** The property with this id; throws on an unknown one. */
export function propertyNamed(id: string): Property {
  const found = PROPERTIES.find((p) => p.id === id);
  if (!found) throw new Error(`unknown property ${id}`);
  return found;
}
