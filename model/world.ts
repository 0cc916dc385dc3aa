/**
 * The world the oracle reads: vault records per account, and the changes a step makes to it.
 * `MemoryWorld` is the plain in-memory implementation used by the suite and the tests.
 */
import { ArchiveMap, NO_ARCHIVES } from "./archive-map.js";
import type { LockState, VaultContext } from "./machine.js";

/** A stored vault: its lock state and the machine context. */
export interface VaultRecord {
  state: Exclude<LockState, "absent">;
  context: VaultContext;
}

/** Read access to the world. `vaultNames` is sorted by code unit, like ListVaults. */
export interface WorldView {
  vault(account: string, vaultName: string): VaultRecord | undefined;
  vaultNames(account: string): readonly string[];
  /** The vault of `account` that holds the archive `archiveId`, if any. */
  archiveHolder(account: string, archiveId: string): string | undefined;
}

/** One vault's new record; `undefined` means the vault is gone. */
export interface Change {
  account: string;
  vaultName: string;
  record: VaultRecord | undefined;
}

/**
 * Whether two vault records hold the same data, read as JSON would (a key set to undefined is absent), archives
 * whatever their upload order. Unchanged parts of a machine context keep their identity, so this is mostly
 * reference checks.
 */
export function sameRecord(a: VaultRecord | undefined, b: VaultRecord | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.state !== b.state) return false;
  if (!a.context.archives.same(b.context.archives)) return false;
  return sameData(a.context, b.context, "archives");
}

/**
 * `record` with its archives as an `ArchiveMap`: a record read from JSON (a journal, a snapshot, a history file)
 * holds them as a plain object.
 */
export function withArchiveMap(record: VaultRecord): VaultRecord;
export function withArchiveMap(record: VaultRecord | undefined): VaultRecord | undefined;
export function withArchiveMap(record: VaultRecord | undefined): VaultRecord | undefined {
  if (!record) return record;
  const archives = ArchiveMap.from(record.context.archives ?? NO_ARCHIVES);
  return archives === record.context.archives ? record : { ...record, context: { ...record.context, archives } };
}

/** Deep equality of JSON-like data, leaving out the key `skip` at this level. */
function sameData(a: unknown, b: unknown, skip?: string): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  for (const key in left) if (key !== skip && !sameData(left[key], right[key])) return false;
  for (const key in right) if (key !== skip && !(key in left) && right[key] !== undefined) return false;
  return true;
}

/** A world held in a Map, with changes applied in place. */
export class MemoryWorld implements WorldView {
  private readonly accounts = new Map<string, Map<string, VaultRecord>>();
  /** Sorted names per account, kept until a vault is added or removed there. */
  private readonly sortedNames = new Map<string, readonly string[]>();
  /** Which vault holds each stored archive, per account. */
  private readonly holders = new Map<string, Map<string, string>>();

  vault(account: string, vaultName: string): VaultRecord | undefined {
    return this.accounts.get(account)?.get(vaultName);
  }

  vaultNames(account: string): readonly string[] {
    let names = this.sortedNames.get(account);
    if (!names)
      this.sortedNames.set(account, (names = [...(this.accounts.get(account)?.keys() ?? [])].sort(compareNames)));
    return names;
  }

  archiveHolder(account: string, archiveId: string): string | undefined {
    return this.holders.get(account)?.get(archiveId);
  }

  /** Applies `changes` in order; records read from JSON get their archives as a map (`withArchiveMap`). */
  apply(changes: readonly Change[]): void {
    for (const change of changes) {
      const { account, vaultName } = change;
      const record = withArchiveMap(change.record);
      let vaults = this.accounts.get(account);
      if (!vaults) this.accounts.set(account, (vaults = new Map()));
      if (record ? !vaults.has(vaultName) : vaults.has(vaultName)) this.sortedNames.delete(account);
      this.reindex(account, vaultName, vaults.get(vaultName), record);
      if (record) vaults.set(vaultName, record);
      else vaults.delete(vaultName);
    }
  }

  private reindex(account: string, vaultName: string, before?: VaultRecord, after?: VaultRecord): void {
    const old = before?.context.archives ?? NO_ARCHIVES;
    const now = after?.context.archives ?? NO_ARCHIVES;
    if (old === now) return;
    let holders = this.holders.get(account);
    if (!holders) this.holders.set(account, (holders = new Map()));
    const write = now.madeFrom(old);
    if (write) {
      if (write.stored) holders.set(write.archiveId, vaultName);
      else holders.delete(write.archiveId);
      return;
    }
    for (const id of old.keys()) if (!now.has(id)) holders.delete(id);
    for (const id of now.keys()) holders.set(id, vaultName);
  }

  /** Every vault as a change that would recreate it: the world's content, for snapshots. */
  toChanges(): Change[] {
    return [...this.accounts].flatMap(([account, vaults]) =>
      [...vaults].map(([vaultName, record]) => ({ account, vaultName, record })),
    );
  }

  /** A deep copy, for exploring alternatives without touching this world. */
  clone(): MemoryWorld {
    const copy = new MemoryWorld();
    copy.apply(JSON.parse(JSON.stringify(this.toChanges())) as Change[]);
    return copy;
  }

  /** A stable text form, for comparing worlds. */
  fingerprint(): string {
    const accounts = [...this.accounts.keys()].sort();
    return JSON.stringify(accounts.map((a) => [a, this.vaultNames(a).map((n) => [n, this.vault(a, n)])]));
  }
}

/** ListVaults order: ASCII (code unit) order of names. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
