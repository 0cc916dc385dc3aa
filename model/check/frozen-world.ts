/**
 * An immutable world for the exhaustive checker: vault records in a map keyed `account/name`, and `apply`
 * returning a new world. Records are never mutated by the oracle (each step builds new ones), so a successor
 * world shares them with its predecessor: a step costs a copy of a few map entries, not a deep clone.
 */
import { compareNames, type Change, type VaultRecord, type WorldView } from "../world.js";

/** `account/name`: how the checker names a vault. */
export const vaultKey = (account: string, vaultName: string): string => `${account}/${vaultName}`;

export class FrozenWorld implements WorldView {
  static readonly EMPTY = new FrozenWorld(new Map());

  private constructor(readonly records: ReadonlyMap<string, VaultRecord>) {}

  vault(account: string, vaultName: string): VaultRecord | undefined {
    return this.records.get(vaultKey(account, vaultName));
  }

  vaultNames(account: string): readonly string[] {
    const prefix = `${account}/`;
    const names = [...this.records.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
    return names.sort(compareNames);
  }

  archiveHolder(account: string, archiveId: string): string | undefined {
    for (const name of this.vaultNames(account))
      if (this.vault(account, name)!.context.archives.has(archiveId)) return name;
    return undefined;
  }

  /** The world after `changes`; this one is left as it was. */
  apply(changes: readonly Change[]): FrozenWorld {
    if (!changes.length) return this;
    const records = new Map(this.records);
    for (const { account, vaultName, record } of changes)
      if (record) records.set(vaultKey(account, vaultName), record);
      else records.delete(vaultKey(account, vaultName));
    return new FrozenWorld(records);
  }
}
