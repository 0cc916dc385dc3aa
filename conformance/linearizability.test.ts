import { describe, expect, it } from "vitest";
import { examplePolicy, MemoryWorld, type Operation } from "../model/index.js";
import { ModelDriver, REGION, SIGNER } from "../model/testing.js";
import type { Observed } from "./invoke.js";
import { checkLinearizable, linearize, type HistoryEntry } from "./linearizability.js";

const initiate: Operation = {
  name: "InitiateVaultLock",
  accountId: "-",
  vaultName: "v",
  policy: examplePolicy("valid")!,
};
const won = (id: string): Observed => ({ status: 201, headers: { "x-amz-lock-id": id } });
const denied: Observed = { status: 403, code: "AccessDeniedException", headers: {} };
const entry = (observed: Observed, called: number, returned: number, operation = initiate): HistoryEntry => ({
  operation,
  observed,
  called,
  returned,
});

function world(): { world: MemoryWorld; now: number } {
  const m = new ModelDriver();
  m.on("v", { name: "CreateVault" });
  return { world: m.world, now: m.now };
}

describe("linearize", () => {
  it("explains one winner among overlapping Initiates, whatever the order they were recorded in", () => {
    const { world: w, now } = world();
    const history = [entry(denied, 0, 10), entry(denied, 1, 9), entry(won("L1"), 2, 8)];
    const found = linearize(w, history, { signer: SIGNER, region: REGION, now, toleranceMs: 0 });
    expect(found?.order[0]).toBe(2);
    expect(found?.world.vault(SIGNER, "v")?.context.lock?.lockId).toBe("L1");
  });

  it("rejects two winners", () => {
    const { world: w, now } = world();
    const history = [entry(won("L1"), 0, 10), entry(won("L2"), 1, 9)];
    expect(linearize(w, history, { signer: SIGNER, region: REGION, now, toleranceMs: 0 })).toBeUndefined();
  });

  it("respects real time: a denial that returned before the winner was called cannot be explained", () => {
    const { world: w, now } = world();
    const history = [entry(denied, 0, 1), entry(won("L1"), 5, 6)];
    expect(linearize(w, history, { signer: SIGNER, region: REGION, now, toleranceMs: 0 })).toBeUndefined();
    const overlapping = [entry(denied, 0, 7), entry(won("L1"), 5, 6)];
    expect(linearize(w, overlapping, { signer: SIGNER, region: REGION, now, toleranceMs: 0 })).toBeDefined();
  });
});

describe("checkLinearizable", () => {
  it("reports the longest linearizable prefix and the operations that cannot follow it", () => {
    const { world: w, now } = world();
    const history = [entry(won("L1"), 0, 10), entry(won("L2"), 1, 9), entry(denied, 2, 8)];
    const checked = checkLinearizable(w, history, { signer: SIGNER, region: REGION, now, toleranceMs: 0 });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.longestPrefix).toHaveLength(2);
    expect(checked.longestPrefix[0]).toBe(0);
    expect(checked.unplaceable).toEqual([1]);
  });

  it("gives the order when one exists, and an empty prefix when nothing can go first", () => {
    const { world: w, now } = world();
    const context = { signer: SIGNER, region: REGION, now, toleranceMs: 0 };
    expect(checkLinearizable(w, [entry(denied, 0, 10), entry(won("L1"), 2, 8)], context)).toMatchObject({
      ok: true,
      order: [1, 0],
    });
    expect(checkLinearizable(w, [entry(denied, 0, 1), entry(won("L1"), 5, 6)], context)).toEqual({
      ok: false,
      longestPrefix: [],
      unplaceable: [0],
    });
  });
});
