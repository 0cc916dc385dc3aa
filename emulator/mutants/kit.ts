/** Building blocks for mutants: look at the addressed vault, answer an error, or answer as if the vault were otherwise. */
import {
  errorResponse,
  resolveAccount,
  step,
  type Branch,
  type ErrorCode,
  type Request,
  type VaultRecord,
  type WorldView,
} from "../../model/index.js";

/** The addressed vault's account, name and record (undefined record: absent; undefined result: gate failure). */
export function addressed(
  world: WorldView,
  request: Request,
): { account: string; name: string; record: VaultRecord | undefined } | undefined {
  const { operation } = request;
  if (operation.name === "ListVaults") return undefined;
  const resolved = resolveAccount(operation.accountId, request.signer);
  if (!resolved.ok) return undefined;
  return {
    account: resolved.account,
    name: operation.vaultName,
    record: world.vault(resolved.account, operation.vaultName),
  };
}

/** An error answer that changes nothing. */
export function refuse(code: ErrorCode): Branch {
  return {
    edges: ["mutant"],
    requirements: [],
    outcome: { status: errorResponse(code, "").status, code },
    response: errorResponse(code, `${code} (mutant)`),
    changes: [],
  };
}

/** A world in which one vault has `record` instead of what it has. */
export function overlay(world: WorldView, account: string, name: string, record: VaultRecord | undefined): WorldView {
  return {
    vault: (a, n) => (a === account && n === name ? record : world.vault(a, n)),
    vaultNames: (a) => world.vaultNames(a),
    archiveHolder: (a, id) => world.archiveHolder(a, id),
  };
}

/** The reference answer in a world where the addressed vault had `record`. */
export function answerAsIf(world: WorldView, request: Request, record: VaultRecord | undefined): Branch {
  const target = addressed(world, request)!;
  return step(overlay(world, target.account, target.name, record), request)[0]!;
}

/** The vault's record with its lock state replaced. */
export function withState(record: VaultRecord, state: VaultRecord["state"]): VaultRecord {
  return { ...record, state };
}

/** The operation's name. */
export const op = (request: Request) => request.operation.name;

/** The addressed vault's lock state, `absent` for no vault. */
export const stateOf = (world: WorldView, request: Request) => addressed(world, request)?.record?.state ?? "absent";

/** The addressed vault's lock, if any. */
export const lockOf = (world: WorldView, request: Request) => addressed(world, request)?.record?.context.lock;

/** True for a Complete whose lock id is not the current one. */
export const wrongId = (world: WorldView, request: Request) =>
  request.operation.name === "CompleteVaultLock" && request.operation.lockId !== lockOf(world, request)?.lockId;

/** Initiate's policy, if the request is an Initiate. */
export function policyOf(request: Request): string | undefined {
  return request.operation.name === "InitiateVaultLock" ? request.operation.policy : undefined;
}
