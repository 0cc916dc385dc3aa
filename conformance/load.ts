/**
 * The load generator: N clients (lanes) sending M operations in all, each lane one request at a time, over K vaults,
 * through the SDK only, recording every operation as a history entry (`history.ts`) for the linearizability check.
 * The plan (which operation on which vault, per lane) follows from the seed; ids a request needs (the lock id to
 * complete, the archive to delete) are the ones answers gave so far, so the interleaving decides them.
 *
 * ListVaults is left out on purpose: it reads every vault, so one of them would make the whole history one
 * component (`partition.ts`) and give up the per-vault check that lets long histories be checked. A request that
 * gets no answer (a reset, a deadline) is recorded with status 0: it may have taken effect or not.
 */
import type { GlacierClient } from "@aws-sdk/client-glacier";
import fc from "fast-check";
import { examplePolicy, treeHash, type Operation } from "../model/index.js";
import { wallClock, type History, type HistoryEntry } from "./history.js";
import { invoke, type Observed } from "./invoke.js";

/** N clients × M operations (in all) over K vaults. */
export interface LoadShape {
  clients: number;
  operations: number;
  vaults: number;
}

export interface LoadTarget {
  /** One SDK client per lane (at least `clients`). */
  clients: GlacierClient[];
  signer: string;
  region: string;
  toleranceMs: number;
  /** The endpoint's service time, as the suite estimates it. */
  now: () => number;
  /** The name of vault k. */
  vaultName: (k: number) => string;
  /** Send CompleteVaultLock with a current lock id (it may lock the vault for good). */
  allowCompletes: boolean;
  /** Send UploadArchive (a vault that held archives may stay undeletable for a day on AWS). */
  allowUploads: boolean;
  /** Told of every archive the target acknowledged, so cleanup can delete it. */
  uploaded?: (vaultName: string, archiveId: string) => void;
  /** Told of every request sent. */
  sent?: () => void;
  /** Called after every answer; throwing stops the load (e.g. a target that stopped answering). */
  afterEach?: () => void;
}

/** The default mix: each kind as often as it is listed. */
export const LOAD_MIX = [
  ...["CreateVault", "CreateVault", "CreateVault", "DeleteVault", "DescribeVault", "DescribeVault"],
  ...["InitiateVaultLock", "InitiateVaultLock", "InitiateVaultLock", "CompleteVaultLock", "CompleteVaultLock"],
  ...["AbortVaultLock", "GetVaultLock", "GetVaultLock", "AddTagsToVault", "RemoveTagsFromVault", "ListTagsForVault"],
  ...["SetVaultAccessPolicy", "GetVaultAccessPolicy", "DeleteVaultAccessPolicy", "UploadArchive", "DeleteArchive"],
] as const;
export type LoadKind = (typeof LOAD_MIX)[number];

const BODY = new TextEncoder().encode("vault-lock load");
const BODY_HASH = treeHash(BODY);

/** What the answers so far told, per vault: the last lock id issued and the archives stored. */
class Known {
  readonly lockIds = new Map<string, string>();
  readonly archives = new Map<string, string[]>();

  learn(operation: Operation, observed: Observed): void {
    if (operation.name === "ListVaults" || observed.status < 200 || observed.status > 299) return;
    const { vaultName } = operation;
    const lockId = observed.headers["x-amz-lock-id"];
    if (operation.name === "InitiateVaultLock" && lockId) this.lockIds.set(vaultName, lockId);
    const archiveId = observed.headers["x-amz-archive-id"];
    if (operation.name === "UploadArchive" && archiveId)
      this.archives.set(vaultName, [...(this.archives.get(vaultName) ?? []), archiveId]);
    if (operation.name === "DeleteArchive")
      this.archives.set(
        vaultName,
        (this.archives.get(vaultName) ?? []).filter((id) => id !== operation.archiveId),
      );
  }
}

/**
 * The operation of one planned step on `vaultName`, sent by `lane`: `names` gives the lock a CompleteVaultLock
 * names and the archive a DeleteArchive deletes (made-up ids, which the service refuses, when none is known);
 * without `uploads` an UploadArchive is a DescribeVault.
 */
export function loadOperation(
  kind: LoadKind,
  vaultName: string,
  lane: number,
  names: { lockId?: string | undefined; archiveId?: string | undefined },
  uploads = true,
): Operation {
  const vault = { accountId: "-", vaultName };
  switch (kind) {
    case "InitiateVaultLock":
    case "SetVaultAccessPolicy":
      return { name: kind, ...vault, policy: examplePolicy("valid")! };
    case "CompleteVaultLock":
      return { name: kind, ...vault, lockId: names.lockId ?? "NOT-A-CURRENT-LOCK-ID" };
    case "AddTagsToVault":
      return { name: kind, ...vault, tags: { load: `lane-${lane}` } };
    case "RemoveTagsFromVault":
      return { name: kind, ...vault, keys: ["load"] };
    case "UploadArchive":
      return uploads ? { name: kind, ...vault, body: BODY, treeHash: BODY_HASH } : { name: "DescribeVault", ...vault };
    case "DeleteArchive":
      return { name: kind, ...vault, archiveId: names.archiveId ?? "NOT-AN-ARCHIVE-ID" };
    default:
      return { name: kind, ...vault };
  }
}

/**
 * Sends one operation and records it, its service time estimated halfway through. An answer that never came is
 * recorded as such (status 0, with the transport failure), never thrown; the raw exchange is not kept.
 */
export async function recordOne(
  client: GlacierClient,
  operation: Operation,
  lane: number,
  now: () => number,
): Promise<HistoryEntry> {
  const at = now();
  const called = wallClock();
  const { exchange: _, ...observed } = await invoke(client, operation);
  const returned = wallClock();
  return { client: lane, operation, observed, called, returned, now: at + (returned - called) / 2 };
}

/** The plan of `shape`: per operation, its kind (drawn from `mix`) and vault, from the seed. */
export function loadPlan(shape: LoadShape, seed: number, mix: readonly LoadKind[] = LOAD_MIX): [LoadKind, number][] {
  const step = fc.tuple(fc.constantFrom(...mix), fc.nat({ max: shape.vaults - 1 }));
  return shape.operations ? fc.sample(step, { numRuns: shape.operations, seed }) : [];
}

/** Runs the load and returns its history, entries in call order. */
export async function recordLoad(
  shape: LoadShape,
  seed: number,
  target: LoadTarget,
  mix: readonly LoadKind[] = LOAD_MIX,
): Promise<History> {
  const plan = loadPlan(shape, seed, mix);
  const known = new Known();
  const entries: HistoryEntry[] = [];
  const lane = async (k: number) => {
    for (let i = k; i < plan.length; i += shape.clients) {
      const [kind, v] = plan[i]!;
      const vaultName = target.vaultName(v);
      const names = {
        lockId: target.allowCompletes ? known.lockIds.get(vaultName) : undefined,
        archiveId: known.archives.get(vaultName)?.[0],
      };
      const operation = loadOperation(kind, vaultName, k, names, target.allowUploads);
      target.sent?.();
      const entry = await recordOne(target.clients[k]!, operation, k, target.now);
      target.afterEach?.();
      known.learn(operation, entry.observed);
      if (operation.name === "UploadArchive" && entry.observed.headers["x-amz-archive-id"])
        target.uploaded?.(vaultName, entry.observed.headers["x-amz-archive-id"]);
      entries.push(entry);
    }
  };
  await Promise.all(Array.from({ length: shape.clients }, (_, k) => lane(k)));
  entries.sort((a, b) => a.called - b.called);
  const { signer, region, toleranceMs } = target;
  return { signer, region, toleranceMs, start: [], entries };
}

/** `16x10000x16` → the shape; undefined when the text is not three positive whole numbers. */
export function parseLoadShape(text: string): LoadShape | undefined {
  const match = /^(\d+)x(\d+)x(\d+)$/.exec(text);
  const [clients, operations, vaults] = (match?.slice(1) ?? []).map(Number);
  if (!clients || !operations || !vaults) return undefined;
  return { clients, operations, vaults };
}
