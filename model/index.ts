/** Public face of the model: the machine, the oracle, the catalogue and their data. */
export { archiveAgeInDays, MAX_TAGS, tagProblem, treeHash } from "./archive.js";
export { ArchiveMap, NO_ARCHIVES } from "./archive-map.js";
export { authorize, POLICY_EDGES } from "./authorize.js";
export { EDGES, edgeById, type Edge } from "./edges.js";
export { ERRORS, isErrorCode, type ErrorCode } from "./errors.js";
export { checkGate, GATE_EDGES } from "./gate.js";
export { INCONSISTENCIES, type Inconsistency } from "./inconsistencies.js";
export {
  EMPTY_VAULT,
  vaultLockMachine,
  type ArchiveRecord,
  type EdgeMeta,
  type LockState,
  type VaultContext,
  type VaultEvent,
} from "./machine.js";
export {
  IDENTITY_ONLY_OPERATIONS,
  LOCK_OPERATIONS,
  OPERATION_NAMES,
  OPERATIONS,
  operationOfEvent,
  type ArchiveOperation,
  type Operation,
  type OperationName,
  type Request,
} from "./operations.js";
export { step, type Branch, type OracleOptions } from "./oracle.js";
export {
  err,
  errorResponse,
  formatOutcome,
  ok,
  type OutcomeSpec,
  type Response,
  type ResponseParts,
} from "./outcome.js";
export {
  examplePolicy,
  exampleTags,
  TOO_LONG_DESCRIPTION,
  type ArchiveRef,
  type TagSet,
  type AbstractEvent,
  type LockIdRef,
  type PolicyKind,
} from "./abstract-events.js";
export { transitionCoveringPaths, type PathStep } from "./covering-paths.js";
export * from "./subresources/index.js";
export { REQUIREMENTS, requirement, type Requirement } from "./requirements/index.js";
export * from "./rules.js";
export { SOURCES } from "./sources.js";
export { FrozenWorld, vaultKey } from "./check/frozen-world.js";
export { MemoryWorld, compareNames, withArchiveMap, type Change, type VaultRecord, type WorldView } from "./world.js";
export { legalHoldPolicy, retentionPolicy, seedPolicy, singleStatementPolicy } from "./policy/examples.js";
