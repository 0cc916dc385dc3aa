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
 *
 * The objects are found by union-find over numbers: each vault met and each listed account's "every vault" element
 * is numbered once, by account and name, so no entry makes a key of its own.
 */
import { checkGate } from "../model/index.js";
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

/** The map `map` holds at `key`, made empty the first time. */
function row<T>(map: Map<string, Map<string, T>>, key: string): Map<string, T> {
  let inner = map.get(key);
  if (!inner) map.set(key, (inner = new Map()));
  return inner;
}

/**
 * Union-find over numbered elements: a vault of an account, or (named "", which no vault is) all of an account's
 * vaults; `vaults[x]` is element x's vault, null for the latter.
 */
class Elements {
  readonly vaults: (VaultRef | null)[] = [];
  private readonly parent: number[] = [];
  private readonly ids = new Map<string, Map<string, number>>();

  /** The element of `vaultName` of `account` ("": all its vaults), numbered the first time. */
  id(account: string, vaultName: string): number {
    const names = row(this.ids, account);
    let id = names.get(vaultName);
    if (id === undefined) {
      names.set(vaultName, (id = this.parent.push(this.parent.length) - 1));
      this.vaults.push(vaultName ? { account, vaultName } : null);
    }
    return id;
  }

  /** The element standing for all of `account`'s vaults, if the history lists them. */
  everyVault(account: string): number | undefined {
    return this.ids.get(account)?.get("");
  }

  find(x: number): number {
    const { parent } = this;
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  }

  union(a: number, b: number): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra !== rb) this.parent[rb] = ra;
  }
}

/** Each entry's element: the vault it acts on, all of its account's vaults for ListVaults, -1 when refused. */
function targetsOf(history: History, elements: Elements): Int32Array {
  const targets = new Int32Array(history.entries.length);
  for (let i = 0; i < targets.length; i++) {
    const { operation } = history.entries[i]!;
    const gate = checkGate(operation, history.signer, history.region);
    if (!gate.pass) targets[i] = -1;
    else targets[i] = elements.id(gate.account, operation.name === "ListVaults" ? "" : operation.vaultName);
  }
  for (const { account, vaultName } of history.start) elements.id(account, vaultName);
  return targets;
}

/** Joins each DeleteArchive's vault with every vault its archive was uploaded to or is held by at the start. */
function joinArchives(history: History, elements: Elements, targets: Int32Array): void {
  const homes = new Map<string, Map<string, number[]>>();
  const add = (account: string, archiveId: string, vault: number) => {
    const ids = row(homes, account);
    const list = ids.get(archiveId);
    if (!list) ids.set(archiveId, [vault]);
    else if (!list.includes(vault)) list.push(vault);
  };
  for (const { account, vaultName, record } of history.start)
    for (const archiveId of record?.context.archives.keys() ?? [])
      add(account, archiveId, elements.id(account, vaultName));
  const deletions: [vault: number, archiveId: string][] = [];
  for (let i = 0; i < targets.length; i++) {
    const { operation, observed } = history.entries[i]!;
    const archiveId = observed.headers["x-amz-archive-id"];
    if (targets[i]! < 0) continue;
    if (operation.name === "DeleteArchive") deletions.push([targets[i]!, operation.archiveId]);
    if (operation.name === "UploadArchive" && archiveId)
      add(elements.vaults[targets[i]!]!.account, archiveId, targets[i]!);
  }
  for (const [vault, archiveId] of deletions)
    for (const home of homes.get(elements.vaults[vault]!.account)?.get(archiveId) ?? []) elements.union(vault, home);
}

/** Joins every vault of an account whose vaults the history lists (the start's too) into one. */
function joinListed(elements: Elements): void {
  for (let x = 0; x < elements.vaults.length; x++) {
    const vault = elements.vaults[x];
    const everything = vault ? elements.everyVault(vault.account) : undefined;
    if (everything !== undefined) elements.union(everything, x);
  }
}

/** The history's independent components, in the order of their first entry. */
export function components(history: History): Component[] {
  const elements = new Elements();
  const targets = targetsOf(history, elements);
  joinArchives(history, elements, targets);
  joinListed(elements);
  const byRoot = new Map<number, Component>();
  const parts: Component[] = [];
  for (let i = 0; i < targets.length; i++) {
    const root = targets[i]! < 0 ? -1 : elements.find(targets[i]!);
    let component = byRoot.get(root);
    if (!component) {
      component = { entries: [], vaults: [] };
      if (root >= 0) byRoot.set(root, component);
      parts.push(component);
    }
    component.entries.push(i);
  }
  const placed = new Uint8Array(elements.vaults.length);
  const addVault = (x: number) => {
    const component = byRoot.get(elements.find(x));
    const vault = elements.vaults[x];
    if (!component || !vault || placed[x]) return;
    component.vaults.push(vault);
    placed[x] = 1;
  };
  for (const target of targets) if (target >= 0) addVault(target);
  for (const { account, vaultName } of history.start) addVault(elements.id(account, vaultName));
  return parts;
}
