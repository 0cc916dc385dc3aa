/**
 * P-compositionality: a history is linearizable exactly when the sub-history of every independent object is (Herlihy
 * and Wing's locality), so each is checked on its own, which keeps the search small. Here an object is a set of
 * vaults of the signer's account that no operation of the history sees separately:
 *
 * - an operation on one vault (its lock, tags, access policy, archives by their own id) reads and writes that vault
 *   only, so its vault is an object;
 * - DeleteArchive also asks which vault holds the archive it names (ARCH-DELETE-OTHER-VAULT), so its vault joins
 *   every vault the archive was uploaded to in the history or is held by at the start;
 * - ListVaults reads every vault of the account, so one of them puts all of them, the start's too, in one object;
 * - an operation the request gate refuses (another account's id, an invalid name) reads no vault: alone.
 */
import { checkGate, vaultKey, withArchiveMap, type Operation } from "../model/index.js";
import type { History } from "./history.js";

/** A vault of an account. */
export interface VaultRef {
  account: string;
  vaultName: string;
}

/** One independent part of a history: the indices of its entries (ascending) and its vaults (none: a gate refusal). */
export interface Component {
  entries: number[];
  vaults: VaultRef[];
}

const keyOf = vaultKey;
/** The union-find element standing for all of an account's vaults (no vault name is empty). */
const everyVault = (account: string) => vaultKey(account, "");

class UnionFind {
  private readonly parent = new Map<string, string>();

  find(key: string): string {
    let root = key;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    this.parent.set(key, root);
    return root;
  }

  union(a: string, b: string): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

/** The vault key an operation that passes the gate acts on (`undefined` for ListVaults), or null when refused. */
function vaultOf(operation: Operation, history: History): { account: string; key?: string; vault?: VaultRef } | null {
  const gate = checkGate(operation, history.signer, history.region);
  if (!gate.pass) return null;
  if (operation.name === "ListVaults") return { account: gate.account };
  const vault = { account: gate.account, vaultName: operation.vaultName };
  return { account: gate.account, key: keyOf(vault.account, vault.vaultName), vault };
}

/** Where each archive id was uploaded or is held, per account: id → vault keys. */
function archiveHomes(history: History): Map<string, Set<string>> {
  const homes = new Map<string, Set<string>>();
  const add = (account: string, archiveId: string, key: string) => {
    const id = vaultKey(account, archiveId);
    homes.set(id, (homes.get(id) ?? new Set()).add(key));
  };
  for (const { account, vaultName, record } of history.start)
    for (const archiveId of withArchiveMap(record)?.context.archives.keys() ?? [])
      add(account, archiveId, keyOf(account, vaultName));
  for (const { operation, observed } of history.entries) {
    const archiveId = observed.headers["x-amz-archive-id"];
    const target = operation.name === "UploadArchive" && archiveId ? vaultOf(operation, history) : null;
    if (target?.key) add(target.account, archiveId!, target.key);
  }
  return homes;
}

function addVault(component: Component, vault: VaultRef): void {
  if (!component.vaults.some((v) => v.account === vault.account && v.vaultName === vault.vaultName))
    component.vaults.push(vault);
}

/** The history's independent components, in the order of their first entry. */
export function components(history: History): Component[] {
  const sets = new UnionFind();
  const homes = archiveHomes(history);
  const listed = new Set<string>();
  const targets = history.entries.map((entry) => vaultOf(entry.operation, history));
  for (const [i, target] of targets.entries()) {
    if (!target) continue;
    const { operation } = history.entries[i]!;
    if (!target.key) listed.add(target.account);
    else sets.find(target.key);
    if (target.key && operation.name === "DeleteArchive")
      for (const home of homes.get(vaultKey(target.account, operation.archiveId)) ?? []) sets.union(target.key, home);
  }
  for (const account of listed) {
    const everything = everyVault(account);
    sets.find(everything);
    for (const { account: owner, vaultName } of history.start)
      if (owner === account) sets.union(everything, keyOf(owner, vaultName));
    for (const target of targets) if (target?.key && target.account === account) sets.union(everything, target.key);
  }
  const byRoot = new Map<string, Component>();
  const alone: Component[] = [];
  for (const [i, target] of targets.entries()) {
    if (!target) {
      alone.push({ entries: [i], vaults: [] });
      continue;
    }
    const root = sets.find(target.key ?? everyVault(target.account));
    const component = byRoot.get(root) ?? { entries: [], vaults: [] };
    byRoot.set(root, component);
    component.entries.push(i);
    if (target.vault) addVault(component, target.vault);
  }
  for (const { account, vaultName } of history.start) {
    const component = byRoot.get(sets.find(keyOf(account, vaultName)));
    if (component) addVault(component, { account, vaultName });
  }
  return [...byRoot.values(), ...alone].sort((a, b) => a.entries[0]! - b.entries[0]!);
}
