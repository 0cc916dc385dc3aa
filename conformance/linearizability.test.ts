import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LOCK_TTL_MS, MemoryWorld, step, type Operation } from "../model/index.js";
import { ModelDriver, REGION, SIGNER } from "../model/testing.js";
import { initiate, modelHistory, operationArb, PAST_EXPIRY, type MadeOperation } from "./history-testing.js";
import type { History, HistoryEntry } from "./history.js";
import type { Observed } from "./invoke.js";
import { explains } from "./judge.js";
import { checkHistory } from "./linearizability.js";
import { SEARCH_COST } from "./wgl.js";

const won = (id: string): Observed => ({ status: 201, headers: { "x-amz-lock-id": id } });
const denied: Observed = { status: 403, code: "AccessDeniedException", headers: {} };

function raceHistory(answers: [Observed, number, number][]): History {
  const m = new ModelDriver();
  m.on("v", { name: "CreateVault" });
  const entries = answers.map(([observed, called, returned], client): HistoryEntry => {
    return { client, operation: initiate(), observed, called, returned, now: m.now };
  });
  return { signer: SIGNER, region: REGION, toleranceMs: 0, start: m.world.toChanges(), entries };
}

/** Every real-time-respecting order, every branch: the definition, with nothing cut. */
function bruteForce(history: History): boolean {
  const { entries, toleranceMs } = history;
  const search = (world: MemoryWorld, done: Set<number>): boolean => {
    if (done.size === entries.length) return true;
    for (const [i, e] of entries.entries()) {
      if (done.has(i) || entries.some((o, j) => !done.has(j) && j !== i && o.returned < e.called)) continue;
      for (const branch of step(world, requestOf(e), { clockToleranceMs: toleranceMs })) {
        if (!explains(e.observed, branch, toleranceMs)) continue;
        const next = world.clone();
        next.apply(branch.changes);
        if (search(next, new Set([...done, i]))) return true;
      }
    }
    return false;
  };
  const world = new MemoryWorld();
  world.apply(history.start);
  return search(world, new Set());
}

function requestOf(e: HistoryEntry) {
  const archive = e.observed.headers["x-amz-archive-id"];
  return {
    operation: e.operation,
    signer: SIGNER,
    region: REGION,
    now: e.now,
    freshLockId: e.observed.headers["x-amz-lock-id"] ?? "",
    ...(archive ? { freshArchiveId: archive } : {}),
  };
}

/** True when `order` respects real time and some branch explains each answer in turn. */
function isWitness(history: History, order: number[]): boolean {
  let worlds = [new MemoryWorld()];
  worlds[0]!.apply(history.start);
  for (const [k, i] of order.entries()) {
    const e = history.entries[i]!;
    if (order.slice(k + 1).some((j) => history.entries[j]!.returned < e.called)) return false;
    worlds = worlds.flatMap((world) =>
      step(world, requestOf(e), { clockToleranceMs: history.toleranceMs })
        .filter((b) => explains(e.observed, b, history.toleranceMs))
        .map((b) => {
          const next = world.clone();
          next.apply(b.changes);
          return next;
        }),
    );
  }
  return worlds.length > 0 && new Set(order).size === history.entries.length;
}

const madeOperation: fc.Arbitrary<MadeOperation> = fc.record({
  operation: operationArb,
  before: fc.nat(30),
  after: fc.nat(30),
  advance: fc.constantFrom(0, 0, 0, 0, 0, 0, PAST_EXPIRY, LOCK_TTL_MS),
});
/** A model-made history, its entries shuffled, and maybe one answer swapped for another's. */
const historyArb = fc
  .tuple(fc.array(madeOperation, { minLength: 1, maxLength: 7 }), fc.option(fc.tuple(fc.nat(6), fc.nat(6))), fc.nat())
  .map(([ops, swap, seed]) => {
    const h = modelHistory(ops);
    if (swap) {
      const [i, j] = swap.map((x) => x % h.entries.length) as [number, number];
      h.entries[i] = { ...h.entries[i]!, observed: h.entries[j]!.observed };
    }
    const shuffled = h.entries.map((e, k) => ({ e, key: (k * 7919 + seed) % 104729 })).sort((a, b) => a.key - b.key);
    return { ...h, entries: shuffled.map(({ e }) => e) };
  });

describe("checkHistory", () => {
  it("explains one winner among overlapping Initiates, whatever the order they were recorded in", () => {
    const found = checkHistory(
      raceHistory([
        [denied, 0, 10],
        [denied, 1, 9],
        [won("L1"), 2, 8],
      ]),
    );
    expect(found.ok && found.order[0]).toBe(2);
    expect(found.ok && found.world.vault(SIGNER, "v")?.context.lock?.lockId).toBe("L1");
  });

  it("rejects two winners, naming the longest order found and what could not follow it", () => {
    const found = checkHistory(
      raceHistory([
        [won("L1"), 0, 10],
        [won("L2"), 1, 9],
      ]),
    );
    expect(found).toMatchObject({
      ok: false,
      vaults: [{ account: SIGNER, vaultName: "v" }],
      longestPrefix: [0],
      unplaceable: [1],
    });
  });

  it("reports the longest order found and the operations that cannot follow it; none when nothing can go first", () => {
    const found = checkHistory(
      raceHistory([
        [won("L1"), 0, 10],
        [won("L2"), 1, 9],
        [denied, 2, 8],
      ]),
    );
    expect(found).toMatchObject({ ok: false, unplaceable: [1] });
    expect(!found.ok && found.longestPrefix).toHaveLength(2);
    expect(!found.ok && found.longestPrefix[0]).toBe(0);
    expect(
      checkHistory(
        raceHistory([
          [denied, 0, 1],
          [won("L1"), 5, 6],
        ]),
      ),
    ).toMatchObject({
      ok: false,
      longestPrefix: [],
      unplaceable: [0],
    });
  });

  it("respects real time: a denial that returned before the winner was called cannot be explained", () => {
    expect(
      checkHistory(
        raceHistory([
          [denied, 0, 1],
          [won("L1"), 5, 6],
        ]),
      ).ok,
    ).toBe(false);
    expect(
      checkHistory(
        raceHistory([
          [denied, 0, 7],
          [won("L1"), 5, 6],
        ]),
      ).ok,
    ).toBe(true);
  });

  it("lets an operation that got no answer (status 0) take effect at any time after its call, or never", () => {
    const lost: Observed = { status: 0, unrecognized: "no answer (TimeoutError)", headers: {} };
    expect(
      checkHistory(
        raceHistory([
          [lost, 0, 1],
          [denied, 2, 3],
        ]),
      ).ok,
    ).toBe(true);
    expect(
      checkHistory(
        raceHistory([
          [lost, 0, 1],
          [won("L1"), 2, 3],
        ]),
      ).ok,
    ).toBe(true);
    expect(
      checkHistory(
        raceHistory([
          [lost, 5, 6],
          [denied, 2, 3],
        ]),
      ).ok,
    ).toBe(false);
  });

  it("agrees with the brute-force definition on random small histories, and its orders are witnesses", () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const found = checkHistory(h);
        expect(found.ok).toBe(bruteForce(h));
        if (found.ok) expect(isWitness(h, found.order)).toBe(true);
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });

  it("decides within a budget of what an unbounded search spends, and stops undecided one short", () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const full = checkHistory(h, { budget: Infinity });
        expect(checkHistory(h)).toMatchObject({ ok: full.ok, spent: full.spent });
        expect(checkHistory(h, { budget: full.spent })).toMatchObject({ ok: full.ok, spent: full.spent });
        if (!full.ok) expect(full.undecided).toBe(false);
        if (full.spent === 0) return;
        const short = checkHistory(h, { budget: full.spent - 1 });
        expect(short).toMatchObject({ ok: false, undecided: true });
        expect(short.spent).toBeLessThan(full.spent);
      }),
      { numRuns: 200, seed: 20261203 },
    );
  });

  it("rules out every order of concurrent tag writes in one pair and world a subset, and stops undecided below", () => {
    const tags = Array.from({ length: 12 }, (_, k): MadeOperation => {
      const operation: Operation = { name: "AddTagsToVault", accountId: "-", vaultName: "v", tags: { [`k${k}`]: "x" } };
      return { operation, before: 10 * k + 1, after: 10 * (12 - k) };
    });
    const h = modelHistory([{ operation: { name: "CreateVault", accountId: "-", vaultName: "v" } }, ...tags]);
    h.entries[12] = {
      ...h.entries[12]!,
      observed: { status: 418, code: "InvalidParameterValueException", headers: {} },
    };
    const full = checkHistory(h, { budget: Infinity });
    // The vault's creation, then each nonempty subset of the 11 placeable tag writes once, trying at most the 12
    // entries left from it: worlds are told apart by their tags as a set, so the memo merges the orders that reach a
    // subset (it once told them apart: 11! orders, and ran out of memory).
    expect(full).toMatchObject({ ok: false, undecided: false });
    expect(full.spent).toBeGreaterThan(2 ** 11 * SEARCH_COST.step);
    expect(full.spent).toBeLessThanOrEqual(2 ** 11 * (SEARCH_COST.pair + 12 * SEARCH_COST.step));
    const stopped = checkHistory(h, { budget: 10_000 });
    expect(stopped).toMatchObject({ ok: false, undecided: true, vaults: [{ vaultName: "v" }] });
    expect(stopped.spent).toBeLessThanOrEqual(10_000);
    expect(!stopped.ok && stopped.longestPrefix.length).toBeGreaterThan(0);
  });

  it("checks a fully concurrent 32-operation history on one vault", () => {
    const kinds: Operation["name"][] = [
      "CreateVault",
      "InitiateVaultLock",
      "GetVaultLock",
      "DescribeVault",
      "AbortVaultLock",
    ];
    const ops = Array.from({ length: 32 }, (_, k): MadeOperation => {
      const name = kinds[(k * 7) % kinds.length]!;
      const operation =
        name === "InitiateVaultLock" ? initiate() : ({ name, accountId: "-", vaultName: "v" } as Operation);
      return { operation, before: 10 * k + 1, after: 10 * (32 - k) };
    });
    expect(checkHistory(modelHistory(ops)).ok).toBe(true);
  });
});
