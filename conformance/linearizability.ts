/**
 * Is a recorded concurrent history linearizable against the model? Is there a total order of its operations,
 * consistent with real time (one that returned before another was called comes first), in which the oracle explains
 * every observed answer (outcome, headers and values)? The history is split into independent components
 * (`partition.ts`), each searched on its own (`wgl.ts`) over the cheap model step (`state-space.ts`); every entry
 * is checked, whatever the history's length. Pure.
 */
import {
  FrozenWorld,
  LOCK_TTL_MS,
  MemoryWorld,
  vaultKey,
  withArchiveMap,
  type Change,
  type Operation,
} from "../model/index.js";
import { deadline, type History, type HistoryEntry } from "./history.js";
import { components, type Component, type VaultRef } from "./partition.js";
import { StateSpace } from "./state-space.js";
import { SEARCH_COST, searchComponent } from "./wgl.js";

export type CheckOutcome =
  | {
      ok: true;
      /** A linearization: indices into the history's entries. */
      order: number[];
      /** The world after the history in that order. */
      world: MemoryWorld;
      components: number;
      /** What the search spent over every component (`SEARCH_COST`). */
      spent: number;
    }
  | {
      ok: false;
      /**
       * True when the search spent its budget on this component before finding an order or ruling every one out:
       * no verdict (as Porcupine's `Unknown`), and the prefix below is only the longest found so far.
       */
      undecided: boolean;
      /** The vaults of the first component with no linearization (or none found within the budget). */
      vaults: VaultRef[];
      /** Its longest order found (entry indices), and the entries that could go next but no world explains. */
      longestPrefix: number[];
      unplaceable: number[];
      components: number;
      spent: number;
      /** The budget the check was given. */
      budget: number;
    };

/** How a history is checked. */
export interface CheckOptions {
  /** Explain each answer by its status and error code alone (what a failure owes to wrong values, not to order). */
  outcomesOnly?: boolean;
  /**
   * The most the search may spend (`SEARCH_COST`: pairs entered, model steps taken) over the whole history before
   * it gives up undecided. A linearizable history needs about a pair and a step an operation; ruling every order out
   * can need exponentially many when many operations overlap on one vault.
   */
  budget?: number | undefined;
}

const DEFAULT_BUDGET = { fixed: 3_000_000, perOperation: 1_000 };

/**
 * The budget when none is given, for a history of `operations`: 3,000,000 and 1,000 an operation. A linearizable
 * recorded load of 8 clients on one vault needs 32 an operation, the same load with one impossible answer near its
 * end 600 (the bench's 10,000-operation one), and a failing 96-operation history of 16 lanes on one vault 2.8
 * million in all. The fixed part is spent in 1.2–2.8 s here (RSS under 280 MiB) on failing histories: 16 lanes on
 * one vault, 40 operations of a recorded load all at once, 30 concurrent tag writes.
 */
export function defaultSearchBudget(operations: number): number {
  return DEFAULT_BUDGET.fixed + DEFAULT_BUDGET.perOperation * operations;
}

/** How a budget is counted, and the default, in words: for messages and flags' help. */
export const BUDGET_TERMS = {
  units: `${SEARCH_COST.pair} a placed set and state, ${SEARCH_COST.step} a model step`,
  default: `${DEFAULT_BUDGET.fixed.toLocaleString("en-US")} + ${DEFAULT_BUDGET.perOperation.toLocaleString("en-US")} an operation`,
};

const READS = new Set<Operation["name"]>([
  "DescribeVault",
  "GetVaultLock",
  "ListVaults",
  "ListTagsForVault",
  "GetVaultAccessPolicy",
]);

/** Whether any lock of this component could expire during it (INIT-EXPIRES-AFTER-24H, within the tolerance). */
function expiryPossible(history: History, entries: readonly HistoryEntry[], start: FrozenWorld): boolean {
  let latest = -Infinity;
  let firstInitiate = Infinity;
  for (const { now, operation } of entries) {
    latest = Math.max(latest, now);
    if (operation.name === "InitiateVaultLock") firstInitiate = Math.min(firstInitiate, now);
  }
  const soon = (expiresAt: number) => expiresAt - history.toleranceMs <= latest;
  for (const record of start.records.values())
    if (record.state === "inProgress" && record.context.lock && soon(record.context.lock.expiresAt)) return true;
  return soon(firstInitiate + LOCK_TTL_MS);
}

/** Entries that can never change a world they are explained in: reads and refusals, when no lock can expire. */
function preservingEntries(history: History, entries: readonly HistoryEntry[], start: FrozenWorld): boolean[] {
  if (expiryPossible(history, entries, start)) return entries.map(() => false);
  return entries.map(({ operation, observed }) => READS.has(operation.name) || observed.status >= 300);
}

function checkComponent(
  history: History,
  component: Component,
  starts: ReadonlyMap<string, Change>,
  outcomesOnly: boolean,
  budget: number,
) {
  const entries = component.entries.map((i) => history.entries[i]!);
  const start = FrozenWorld.EMPTY.apply(
    component.vaults.flatMap((v) => starts.get(vaultKey(v.account, v.vaultName)) ?? []),
  );
  const preserving = preservingEntries(history, entries, start);
  const { signer, region, toleranceMs } = history;
  const space = new StateSpace(entries, { signer, region, toleranceMs, outcomesOnly }, start, preserving);
  const result = searchComponent(entries, space, preserving, budget);
  const global = (local: number[]) => local.map((i) => component.entries[i]!);
  if (!result.ok)
    return { ...result, longestPrefix: global(result.longestPrefix), unplaceable: global(result.unplaceable) };
  const end = space.world(space.worldsOf(result.state)[0]!);
  return { ok: true as const, order: global(result.order), end, spent: result.spent };
}

/**
 * One total order of the whole history from the components' orders: each next entry is the head of a component's
 * order that no unplaced entry must precede in real time (a single component's order already is one). Locality
 * guarantees one always exists.
 */
function merge(history: History, orders: number[][]): number[] {
  if (orders.length === 1) return orders[0]!;
  const due = history.entries.map(deadline);
  const byReturn = due.map((_, i) => i).sort((a, b) => (due[a]! < due[b]! ? -1 : due[a]! > due[b]! ? 1 : 0));
  const placed = new Uint8Array(history.entries.length);
  const heads = orders.map(() => 0);
  const order: number[] = [];
  let earliest = 0;
  while (order.length < history.entries.length) {
    while (placed[byReturn[earliest]!]) earliest++;
    const bound = due[byReturn[earliest]!]!;
    const c = orders.findIndex((o, k) => heads[k]! < o.length && history.entries[o[heads[k]!]!]!.called <= bound);
    if (c < 0) throw new Error("internal: the components' orders admit no common order");
    const next = orders[c]![heads[c]!++]!;
    placed[next] = 1;
    order.push(next);
  }
  return order;
}

/**
 * Checks the whole history; on failure, names the first component that has no linearization, or the one on which
 * the budget ran out (`undecided`). The start's records may hold their archives in the JSON form: they are read as
 * maps here, once.
 */
export function checkHistory(
  given: History,
  { outcomesOnly = false, budget = defaultSearchBudget(given.entries.length) }: CheckOptions = {},
): CheckOutcome {
  const start = given.start.map((change) => ({ ...change, record: withArchiveMap(change.record) }));
  const history = { ...given, start };
  const parts = components(history);
  const orders: number[][] = [];
  const world = new MemoryWorld();
  world.apply(history.start);
  const starts = new Map(history.start.map((c) => [vaultKey(c.account, c.vaultName), c]));
  let spent = 0;
  for (const component of parts) {
    const result = checkComponent(history, component, starts, outcomesOnly, budget - spent);
    spent += result.spent;
    if (!result.ok) return { ...result, spent, budget, vaults: component.vaults, components: parts.length };
    orders.push(result.order);
    world.apply(component.vaults.map((v) => ({ ...v, record: result.end.vault(v.account, v.vaultName) })));
  }
  return { ok: true, order: merge(history, orders), world, components: parts.length, spent };
}
