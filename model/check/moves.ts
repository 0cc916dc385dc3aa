/**
 * The moves of an exhaustive check: requests on each vault of the bounds (described by kind: which policy,
 * which lock id, which archive), requests naming another account's vaults, ListVaults, and the clock move.
 * `requestFor` makes a move concrete in a state, with fresh lock and archive ids drawn from what the vault
 * name was given so far; it is undefined when the move names something the state lacks or the bounds forbid.
 */
import { treeHash } from "../archive.js";
import { exampleTags } from "../abstract-events.js";
import type { Operation, Request } from "../operations.js";
import type { CheckState } from "../properties/types.js";
import { CHECK_POLICIES, type Bounds, type PolicyName } from "./bounds.js";
import { vaultKey } from "./frozen-world.js";

export const REGION = "us-east-1";

export type VaultAction =
  | {
      op:
        | "CreateVault"
        | "DeleteVault"
        | "DescribeVault"
        | "GetVaultLock"
        | "AbortVaultLock"
        | "RemoveTagsFromVault"
        | "ListTagsForVault"
        | "GetVaultAccessPolicy"
        | "DeleteVaultAccessPolicy";
    }
  | { op: "InitiateVaultLock" | "SetVaultAccessPolicy"; policy: PolicyName }
  | { op: "CompleteVaultLock"; lockId: "current" | "retired" | "random" }
  | { op: "UploadArchive"; treeHash: "right" | "wrong" }
  | { op: "DeleteArchive"; archive: "stored" | "gone" | "elsewhere" }
  | { op: "AddTagsToVault"; tags: "legalHold" | "tooMany" | "invalid" };

export type Move =
  | { type: "request"; signer: string; account: string; vault: string; action: VaultAction }
  | { type: "list"; signer: string }
  | { type: "advance"; ms: number };

const PLAIN = [
  "CreateVault",
  "DeleteVault",
  "DescribeVault",
  "GetVaultLock",
  "AbortVaultLock",
  "RemoveTagsFromVault",
  "ListTagsForVault",
  "GetVaultAccessPolicy",
  "DeleteVaultAccessPolicy",
] as const;

/** What one account sends to its own vault. */
function ownActions(bounds: Bounds): VaultAction[] {
  return [
    ...PLAIN.filter((op) => bounds.tags || !op.includes("Tags")).map((op) => ({ op })),
    ...bounds.lockPolicies.map((policy) => ({ op: "InitiateVaultLock" as const, policy })),
    ...(["current", "retired", "random"] as const).map((lockId) => ({ op: "CompleteVaultLock" as const, lockId })),
    ...(["right", "wrong"] as const).map((hash) => ({ op: "UploadArchive" as const, treeHash: hash })),
    ...(["stored", "gone", "elsewhere"] as const).map((archive) => ({ op: "DeleteArchive" as const, archive })),
    ...(bounds.tags ? (["legalHold", "tooMany", "invalid"] as const) : []).map((tags) => ({
      op: "AddTagsToVault" as const,
      tags,
    })),
    ...bounds.accessPolicies.map((policy) => ({ op: "SetVaultAccessPolicy" as const, policy })),
  ];
}

/** What an account sends naming another account's vault: the requests that would change it. */
const FOREIGN_ACTIONS: VaultAction[] = [
  { op: "DeleteVault" },
  { op: "InitiateVaultLock", policy: "legalHold" },
  { op: "CompleteVaultLock", lockId: "current" },
  { op: "AbortVaultLock" },
];

/** Every move of the bounds, in a fixed order. */
export function movesOf(bounds: Bounds): Move[] {
  const moves: Move[] = [];
  for (const owner of bounds.accounts)
    for (const vault of owner.vaults) {
      for (const action of ownActions(bounds))
        moves.push({ type: "request", signer: owner.id, account: owner.id, vault, action });
      for (const other of bounds.accounts.filter((a) => a !== owner))
        for (const action of FOREIGN_ACTIONS)
          moves.push({ type: "request", signer: other.id, account: owner.id, vault, action });
    }
  for (const account of bounds.accounts) moves.push({ type: "list", signer: account.id });
  moves.push({ type: "advance", ms: bounds.clockStepMs });
  return moves;
}

/** The upload of an archive id: its body and tree hash (the body's, or another's), built once. */
const UPLOADS = new Map<string, { body: Buffer; right: string; wrong: string }>();
const WRONG_HASH = treeHash(Buffer.from("other"));
function uploadOf(archiveId: string) {
  let upload = UPLOADS.get(archiveId);
  if (!upload) {
    const body = Buffer.from(`archive ${archiveId}`);
    UPLOADS.set(archiveId, (upload = { body, right: treeHash(body), wrong: WRONG_HASH }));
  }
  return upload;
}
const TAGS = { legalHold: exampleTags("legalHold"), tooMany: exampleTags("tooMany"), invalid: exampleTags("invalid") };

/** The concrete request of a request move in `state`; undefined when it does not apply there. */
export function requestFor(state: CheckState, move: Move, bounds: Bounds): Request | undefined {
  if (move.type === "advance") return undefined;
  const base = { signer: move.signer, now: state.now, region: REGION, freshLockId: "" };
  if (move.type === "list") return { ...base, operation: { name: "ListVaults", accountId: "-" } };
  const accountId = move.account === move.signer ? "-" : move.account;
  const key = vaultKey(move.account, move.vault);
  const history = state.history.get(key) ?? { issued: [], uploads: 0 };
  const operation = operationFor(state, move, bounds, accountId);
  if (!operation) return undefined;
  if (operation.name === "InitiateVaultLock")
    return history.issued.length < bounds.maxLockIds
      ? { ...base, operation, freshLockId: `${move.vault}-L${history.issued.length + 1}` }
      : undefined;
  if (operation.name === "UploadArchive")
    return history.uploads < bounds.maxArchives
      ? { ...base, operation, freshArchiveId: archiveIdOf(move.vault, history.uploads) }
      : undefined;
  return { ...base, operation };
}

const archiveIdOf = (vault: string, uploads: number) => `${vault}-A${uploads + 1}`;

function operationFor(
  state: CheckState,
  move: Extract<Move, { type: "request" }>,
  bounds: Bounds,
  accountId: string,
): Operation | undefined {
  const vault = { accountId, vaultName: move.vault };
  const key = vaultKey(move.account, move.vault);
  const record = state.world.records.get(key);
  const history = state.history.get(key);
  const { action } = move;
  switch (action.op) {
    case "InitiateVaultLock": {
      const policy = CHECK_POLICIES[action.policy];
      return { name: action.op, ...vault, ...(policy !== undefined ? { policy } : {}) };
    }
    case "SetVaultAccessPolicy":
      return { name: action.op, ...vault, policy: CHECK_POLICIES[action.policy] ?? "" };
    case "CompleteVaultLock": {
      const current = record?.context.lock?.lockId;
      const retired = history?.issued.findLast((id) => id !== current);
      const lockId = action.lockId === "current" ? current : action.lockId === "retired" ? retired : `${move.vault}-L0`;
      return lockId === undefined ? undefined : { name: action.op, ...vault, lockId };
    }
    case "UploadArchive": {
      const upload = uploadOf(archiveIdOf(move.vault, history?.uploads ?? 0));
      return { name: action.op, ...vault, body: upload.body, treeHash: upload[action.treeHash] };
    }
    case "DeleteArchive": {
      const archiveId = archiveNamed(state, move, action.archive);
      return archiveId === undefined ? undefined : { name: action.op, ...vault, archiveId };
    }
    case "AddTagsToVault":
      return { name: action.op, ...vault, tags: TAGS[action.tags] };
    case "RemoveTagsFromVault":
      return { name: action.op, ...vault, keys: ["LegalHold"] };
    default:
      return { name: action.op, ...vault };
  }
}

function archiveNamed(
  state: CheckState,
  move: Extract<Move, { type: "request" }>,
  ref: "stored" | "gone" | "elsewhere",
): string | undefined {
  const firstOf = (name: string) =>
    [...(state.world.vault(move.account, name)?.context.archives.keys() ?? [])].sort()[0];
  if (ref === "gone") return state.history.get(vaultKey(move.account, move.vault))?.deleted;
  if (ref === "stored") return firstOf(move.vault);
  return state.world
    .vaultNames(move.account)
    .filter((n) => n !== move.vault)
    .map(firstOf)
    .find((id) => id !== undefined);
}

/** `InitiateVaultLock(a, legalHold)`, `as 444455556666: AbortVaultLock(111122223333/a)`, `AdvanceClock(12 h)`. */
export function describeMove(move: Move): string {
  if (move.type === "advance") return `AdvanceClock(${move.ms / 3_600_000} h)`;
  if (move.type === "list") return `as ${move.signer}: ListVaults`;
  const { op, ...detail } = move.action;
  const target = move.signer === move.account ? move.vault : `${move.account}/${move.vault}`;
  const text = `${op}(${[target, ...Object.values(detail)].join(", ")})`;
  return `as ${move.signer}: ${text}`;
}
