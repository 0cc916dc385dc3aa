import { DATA } from "./data.js";
import { HARNESS } from "./harness.js";
import { LIFECYCLE } from "./lifecycle.js";
import { POLICY_AND_SERVICE } from "./policy.js";
import { PROTOCOL } from "./protocol.js";
import type { Requirement } from "./types.js";
import { VAULTS } from "./vaults.js";

export type { Choice, Level, Requirement, Scope } from "./types.js";

/** The whole requirements catalogue, in a stable order. */
export const REQUIREMENTS: readonly Requirement[] = [
  ...LIFECYCLE,
  ...VAULTS,
  ...DATA,
  ...PROTOCOL,
  ...POLICY_AND_SERVICE,
  ...HARNESS,
];

const byId = new Map(REQUIREMENTS.map((r) => [r.id, r]));

/** The requirement with this id; throws on an unknown id so typos fail loudly. */
export function requirement(id: string): Requirement {
  const found = byId.get(id);
  if (!found) throw new Error(`unknown requirement id ${id}`);
  return found;
}

/** True when the catalogue has this id. */
export function isRequirementId(id: string): boolean {
  return byId.has(id);
}
