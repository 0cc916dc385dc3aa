/**
 * `glacier-vault-lock-conformance/model`: the executable spec. The requirements catalogue, the XState machine of
 * one vault's lock lifecycle, the pure oracle `step(world, request)`, and the policy lab's analysis.
 */
export * from "../model/index.js";
export { explainPolicy, type Explanation } from "../model/policy/explain.js";
export { diffPolicies, type PolicyDiff } from "../model/policy/diff.js";
export { parseVaultArn, type VaultRef } from "../model/policy/table.js";
