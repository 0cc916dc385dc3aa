/**
 * The shortest distinguishing sequence of a mutant: breadth-first search over model × mutant, from an absent
 * vault, over the same moves the suite's sequences use (requests on one vault, another account's id, clock
 * moves). A sequence distinguishes when the mutant's answer is one the model does not accept (status, code,
 * headers, fields) or reuses a lock id. Pure; no HTTP.
 */
import { judge } from "../conformance/judge.js";
import { DATA_EVENTS } from "../conformance/commands.js";
import { concretize, deletedArchiveAfter, hasArchiveFor } from "../conformance/concretize.js";
import type { Observed } from "../conformance/invoke.js";
import { mutatedStep, type Mutant } from "../emulator/mutants/catalogue.js";
import { MemoryWorld, step, type AbstractEvent, type Change, type Operation, type Response } from "../model/index.js";

const SIGNER = "111122223333";
const VAULT = "v";
const T0 = Date.UTC(2026, 0, 1);

export type Move =
  { type: "REQUEST"; event: AbstractEvent } | { type: "WRONG_ACCOUNT" } | { type: "ADVANCE"; hours: number };

export const MOVES: readonly Move[] = [
  ...(["CREATE_VAULT", "DELETE_VAULT", "DESCRIBE_VAULT", "GET", "ABORT"] as const).map((type) => ({
    type: "REQUEST" as const,
    event: { type },
  })),
  ...(["valid", "missing", "invalid", "tooLarge"] as const).map((policy) => ({
    type: "REQUEST" as const,
    event: { type: "INITIATE" as const, policy },
  })),
  ...(["current", "retired", "random"] as const).map((lockId) => ({
    type: "REQUEST" as const,
    event: { type: "COMPLETE" as const, lockId },
  })),
  { type: "WRONG_ACCOUNT" },
  ...[1, 23, 25].map((hours) => ({ type: "ADVANCE" as const, hours })),
  ...DATA_EVENTS.map((event) => ({ type: "REQUEST" as const, event })),
];

interface Node {
  model: MemoryWorld;
  mutant: MemoryWorld;
  now: number;
  issued: string[];
  path: Move[];
  /** The archive the last DeleteArchive removed: the only "gone" id the suite's sequences use. */
  deleted?: string;
}

/** False for an archive deletion the suite's sequences would not send in this node (the same rule as theirs). */
function applicable(node: Node, move: Move): boolean {
  return move.type !== "REQUEST" || hasArchiveFor(move.event, node.model, SIGNER, VAULT, node.deleted);
}

/** `InitiateVaultLock(valid)`, `AdvanceClock(25 h)`: a move in one short word group. */
export function describeMove(move: Move): string {
  if (move.type === "ADVANCE") return `AdvanceClock(${move.hours} h)`;
  if (move.type === "WRONG_ACCOUNT") return "DescribeVault(account 999999999999)";
  const e = move.event;
  if (e.type === "INITIATE") return `InitiateVaultLock(${e.policy})`;
  if (e.type === "COMPLETE") return `CompleteVaultLock(${e.lockId} id)`;
  const { type, ...detail } = e;
  return Object.keys(detail).length ? `${type}(${Object.values(detail).join(", ")})` : type;
}

function observedOf(response: Response): Observed {
  return {
    status: response.status,
    ...(response.code ? { code: response.code } : {}),
    headers: response.headers,
    ...(response.body ? { body: response.body } : {}),
  };
}

function canonical(node: Node): string {
  const ids = new Map<string, string>();
  const text = `${node.model.fingerprint()}|${node.mutant.fingerprint()}|${node.issued.join(",")}|${node.deleted ?? ""}`;
  return text
    .replace(/\b[LA]\d+/g, (id) => ids.get(id) ?? (ids.set(id, `#${ids.size}`), ids.get(id)!))
    .replace(/"treeHash":"[0-9a-f]+"/g, '"treeHash":"-"')
    .replace(
      /"(createdAt|expiresAt|lastWriteAt)":(\d+)/g,
      (_, key: string, t: string) => `"${key}":${Number(t) - node.now}`,
    );
}

/** The world after `changes`: the same world when there are none (a node's worlds are never changed in place). */
function after(world: MemoryWorld, changes: readonly Change[]): MemoryWorld {
  if (!changes.length) return world;
  const next = world.clone();
  next.apply(changes);
  return next;
}

/** Applies one move to both sides; returns the next node, or "distinguished". */
function advance(mutant: Mutant, node: Node, move: Move): Node | "distinguished" {
  if (move.type === "ADVANCE") return { ...node, now: node.now + move.hours * 3_600_000, path: [...node.path, move] };
  const operation: Operation =
    move.type === "WRONG_ACCOUNT"
      ? { name: "DescribeVault", accountId: "999999999999", vaultName: VAULT }
      : concretize(move.event, VAULT, node.model, SIGNER, node.deleted)!;
  const request = {
    operation,
    signer: SIGNER,
    region: "us-east-1",
    now: node.now,
    freshLockId: `L${node.issued.length + 1}`,
    freshArchiveId: `A${node.path.length + 1}`,
  };
  const answer = mutatedStep(mutant, node.mutant, request, step);
  const observed = observedOf(answer.response);
  const lockId = observed.headers["x-amz-lock-id"];
  const judgement = judge(observed, step(node.model, { ...request, freshLockId: lockId ?? "" }), 0);
  if (judgement.verdict !== "pass" || judgement.deviation || (lockId && node.issued.includes(lockId)))
    return "distinguished";
  const model = after(node.model, judgement.branch!.changes);
  const mutated = after(node.mutant, answer.changes);
  const deleted = deletedArchiveAfter(operation, judgement.branch!.changes, node.deleted);
  return {
    model,
    mutant: mutated,
    now: node.now,
    issued: lockId ? [...node.issued, lockId] : node.issued,
    path: [...node.path, move],
    ...(deleted !== undefined ? { deleted } : {}),
  };
}

/** The shortest distinguishing sequence (moves, clock moves included), or undefined within `maxDepth`. */
export function shortestDistinguishing(mutant: Mutant, maxDepth = 8): Move[] | undefined {
  let frontier: Node[] = [{ model: new MemoryWorld(), mutant: new MemoryWorld(), now: T0, issued: [], path: [] }];
  const seen = new Set(frontier.map(canonical));
  for (let depth = 0; depth < maxDepth && frontier.length; depth++) {
    const next: Node[] = [];
    for (const node of frontier)
      for (const move of MOVES.filter((m) => applicable(node, m))) {
        const result = advance(mutant, node, move);
        if (result === "distinguished") return [...node.path, move];
        const key = canonical(result);
        if (!seen.has(key)) {
          seen.add(key);
          next.push(result);
        }
      }
    frontier = next;
  }
  return undefined;
}
