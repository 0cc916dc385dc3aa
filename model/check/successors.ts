/**
 * One step of the exhaustive search: the initial state, every transition out of a state (each applicable move,
 * each accepted outcome) and what the checker learns from an answer (the lock ids issued, the archives stored,
 * the archive deleted last). Pure.
 */
import { resolveAccount } from "../rules.js";
import type { Request } from "../operations.js";
import type { Branch } from "../oracle.js";
import { sameRecord, type WorldView } from "../world.js";
import type { Addressed, CheckState, Transition, VaultHistory } from "../properties/types.js";
import type { Bounds } from "./bounds.js";
import { FrozenWorld, vaultKey } from "./frozen-world.js";
import { requestFor, type Move } from "./moves.js";

/** A step function like the oracle's `step` (all accepted outcomes; the first is the reference one). */
export type StepFunction = (world: WorldView, request: Request) => Branch[];

export const INITIAL_STATE: CheckState = { world: FrozenWorld.EMPTY, now: Date.UTC(2026, 0, 1), history: new Map() };

/** The vault a request addresses once its URI account id resolves to the signer; undefined otherwise. */
export function addressedBy(request: Request): Addressed | undefined {
  const { operation, signer } = request;
  if (operation.name === "ListVaults") return undefined;
  const resolved = resolveAccount(operation.accountId, signer);
  if (!resolved.ok) return undefined;
  return { account: resolved.account, name: operation.vaultName, key: vaultKey(resolved.account, operation.vaultName) };
}

/** What the checker learns from an answer: lock ids issued, archives stored, the archive deleted last. */
function nextHistory(
  state: CheckState,
  vault: Addressed | undefined,
  request: Request,
  branch: Branch,
  world: FrozenWorld,
) {
  if (!vault || branch.outcome.code) return state.history;
  const was: VaultHistory = state.history.get(vault.key) ?? { issued: [], uploads: 0 };
  const { operation } = request;
  const lockId = operation.name === "InitiateVaultLock" ? branch.response.headers["x-amz-lock-id"] : undefined;
  const stored = operation.name === "UploadArchive" && branch.response.headers["x-amz-archive-id"] !== undefined;
  const deleted = !world.records.has(vault.key)
    ? undefined
    : operation.name === "DeleteArchive"
      ? operation.archiveId
      : was.deleted;
  const next: VaultHistory = {
    issued: lockId !== undefined ? [...was.issued, lockId] : was.issued,
    uploads: was.uploads + (stored ? 1 : 0),
    ...(deleted !== undefined ? { deleted } : {}),
  };
  if (next.issued === was.issued && next.uploads === was.uploads && next.deleted === was.deleted) return state.history;
  return new Map(state.history).set(vault.key, next);
}

/** True when two states hold the same data at the same time: merging them abstracts nothing. */
export function concretelyEqual(a: CheckState, b: CheckState): boolean {
  if (a.now !== b.now || a.world.records.size !== b.world.records.size) return false;
  for (const [key, record] of a.world.records) if (!sameRecord(record, b.world.records.get(key))) return false;
  return a.history === b.history || JSON.stringify([...a.history]) === JSON.stringify([...b.history]);
}

/** Answers a request in a state; `move` is the move's index in `movesOf(bounds)`. */
export type Answer = (world: FrozenWorld, request: Request, vaultKey: string | undefined, move: number) => Branch[];

/** Every transition out of `state`: each applicable move, each accepted outcome. */
export function* successors(state: CheckState, moves: readonly Move[], bounds: Bounds, answer: Answer) {
  for (const [index, move] of moves.entries()) {
    if (move.type === "advance") {
      const after = { ...state, now: state.now + move.ms };
      yield { move, branch: 0, transition: { before: state, after, advancedMs: move.ms } as Transition };
      continue;
    }
    const request = requestFor(state, move, bounds);
    if (!request) continue;
    const vault = addressedBy(request);
    const branches = answer(state.world, request, vault?.key, index);
    for (const [number, branch] of branches.entries()) {
      const world = state.world.apply(branch.changes);
      const after = { world, now: state.now, history: nextHistory(state, vault, request, branch, world) };
      const transition: Transition = {
        before: state,
        after,
        step: { request, branch, branches, ...(vault ? { vault } : {}) },
      };
      yield { move, branch: number, transition };
    }
  }
}
