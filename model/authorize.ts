/**
 * The policy decision before a vault's machine: a request on an existing vault is refused with 403 when
 * the lock policy (while InProgress or Locked) or the vault access policy explicitly denies it
 * (POL-FULL-EFFECT-IN-PROGRESS, POL-ENFORCED-LOCKED, AP-ENFORCED, AP-DENY-WINS). The lock operations are
 * not governed (POL-SELF-LOCK), nor CreateVault, which identity policies alone authorize (POL-IDENTITY-ONLY).
 * Tags are read at request time (POL-TAG-CONDITIONS-LIVE).
 */
import { archiveAgeInDays } from "./archive.js";
import type { EdgeMeta, LockState, VaultContext } from "./machine-types.js";
import { OPERATION_NAMES, OPERATIONS, type OperationName, type VaultOperation } from "./operations.js";
import { err } from "./outcome.js";
import { UnsupportedCondition } from "./policy/conditions.js";
import { contextOf, evaluatePolicy, type PolicyRequest } from "./policy/evaluate.js";
import { REQUEST_KEYS, RESOURCE_TAG_PREFIX } from "./policy/keys.js";
import { isoDate } from "./rules.js";

const denied = (id: string, requirements: string[], reason: string): EdgeMeta => ({
  id,
  requirements: [...requirements, "POL-ALLOW-AND-DENY"],
  expect: err("AccessDeniedException"),
  reason,
});

/** The policy edges, by id. */
export const POLICY_EDGES = {
  lockDeniedInProgress: denied(
    "policy.lockDenied.inProgress",
    ["POL-FULL-EFFECT-IN-PROGRESS"],
    "The InProgress vault lock policy denies",
  ),
  lockDeniedLocked: denied("policy.lockDenied.locked", ["POL-ENFORCED-LOCKED"], "The vault lock policy denies"),
  accessDenied: denied("policy.accessDenied", ["AP-ENFORCED", "AP-DENY-WINS"], "The vault access policy denies"),
} as const satisfies Record<string, EdgeMeta>;

/**
 * The operations on an existing vault that its lock and access policies govern: all but the lock's own
 * (POL-SELF-LOCK) and those identity policies alone authorize (POL-IDENTITY-ONLY).
 */
export const GOVERNED_OPERATIONS: readonly OperationName[] = OPERATION_NAMES.filter(
  (name) => OPERATIONS[name].governance === "governed",
);

export interface Authorization {
  /** The signer's account id; undefined only for the policy lab's unsigned principal (Glacier refuses those first). */
  signer: string | undefined;
  now: number;
  vaultArn: string;
}

/** The condition keys a request carries (its time, principal, the vault's tags, an archive's age). */
function requestKeys(operation: VaultOperation, context: VaultContext, auth: Authorization): Record<string, string> {
  const keys: Record<string, string> = {
    [REQUEST_KEYS.currentTime]: isoDate(auth.now).replace(/\.\d{3}Z$/, "Z"),
    [REQUEST_KEYS.epochTime]: String(Math.floor(auth.now / 1000)),
  };
  if (auth.signer !== undefined) {
    keys[REQUEST_KEYS.principalAccount] = auth.signer;
    keys[REQUEST_KEYS.principalArn] = `arn:aws:iam::${auth.signer}:root`;
  }
  for (const [key, value] of Object.entries(context.tags)) keys[RESOURCE_TAG_PREFIX + key] = value;
  if (operation.name === "DeleteArchive") {
    const archive = context.archives.get(operation.archiveId);
    if (archive) keys[REQUEST_KEYS.archiveAge] = String(archiveAgeInDays(archive.createdAt, auth.now));
  }
  return keys;
}

/**
 * The request as the policy language sees it: action, principal, resource and condition keys. The keys are put
 * together when a statement first reads them: most requests meet no statement that applies to them.
 */
class GovernedRequest implements PolicyRequest {
  readonly action: string;
  readonly account: string | undefined;
  private keys: PolicyRequest["context"] | undefined;

  constructor(
    private readonly operation: VaultOperation,
    private readonly vault: VaultContext,
    private readonly auth: Authorization,
  ) {
    this.action = `glacier:${operation.name}`;
    this.account = auth.signer;
  }

  get resource(): string {
    return this.auth.vaultArn;
  }

  get context(): PolicyRequest["context"] {
    return (this.keys ??= contextOf(requestKeys(this.operation, this.vault, this.auth)));
  }
}

/** The request as the policy language sees it (see `GovernedRequest`). */
export function policyRequest(operation: VaultOperation, context: VaultContext, auth: Authorization): PolicyRequest {
  return new GovernedRequest(operation, context, auth);
}

function denies(policy: string | undefined, request: PolicyRequest): string | undefined {
  if (policy === undefined) return undefined;
  try {
    const decision = evaluatePolicy(policy, request);
    return decision.effect === "Deny" ? (decision.sid ?? "a statement") : undefined;
  } catch (error) {
    if (error instanceof UnsupportedCondition || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** The refusal edge and the denying statement when a policy denies the request; undefined when allowed. */
export function authorize(
  state: LockState,
  context: VaultContext,
  operation: VaultOperation,
  auth: Authorization,
): { meta: EdgeMeta; detail: string } | undefined {
  if (state === "absent" || !GOVERNED_OPERATIONS.includes(operation.name)) return undefined;
  const request = policyRequest(operation, context, auth);
  const byLock = state === "inProgress" || state === "locked" ? denies(context.lock?.policy, request) : undefined;
  if (byLock !== undefined) {
    const meta = state === "locked" ? POLICY_EDGES.lockDeniedLocked : POLICY_EDGES.lockDeniedInProgress;
    return { meta, detail: `${request.action} (${byLock})` };
  }
  const byAccess = denies(context.accessPolicy, request);
  return byAccess === undefined
    ? undefined
    : { meta: POLICY_EDGES.accessDenied, detail: `${request.action} (${byAccess})` };
}
