import { describe, expect, it } from "vitest";
import type { Operation } from "../model/index.js";
import { initiate, modelHistory, type MadeOperation } from "./history-testing.js";
import { checkHistory } from "./linearizability.js";
import { EMBEDDED_MAX, embedHistory } from "./race-history.js";

const describeVault = (vaultName: string): MadeOperation => ({
  operation: { name: "DescribeVault", accountId: "-", vaultName } as Operation,
});

describe("the history a report carries", () => {
  it("is the whole history, with its linearization, when it is short", () => {
    const history = modelHistory([
      { operation: { name: "CreateVault", accountId: "-", vaultName: "v" } },
      { operation: initiate() },
    ]);
    const { history: embedded, omitted } = embedHistory(history, checkHistory(history));
    expect(omitted).toBe(0);
    expect(embedded.operations.map((o) => [o.client, o.vault, o.observed])).toEqual([
      [0, "v", "201"],
      [1, "v", "201"],
    ]);
    expect(embedded.operations[1]!.request).toMatch(/^InitiateVaultLock\(v, policy \d+ B\)$/);
    expect(embedded.linearization).toEqual({ ok: true, order: [0, 1] });
  });

  it("for a long pass, is the first EMBEDDED_MAX operations of its linearization", () => {
    const history = modelHistory(Array.from({ length: EMBEDDED_MAX + 20 }, (_, k) => describeVault(`v${k % 3}`)));
    const { history: embedded, omitted } = embedHistory(history, checkHistory(history));
    expect(omitted).toBe(20);
    expect(embedded.operations).toHaveLength(EMBEDDED_MAX);
    expect(embedded.linearization).toEqual({ ok: true, order: Array.from({ length: EMBEDDED_MAX }, (_, k) => k) });
  });

  it("for a long failure, keeps what could not be placed and the end of the order before it", () => {
    const ops = [...Array.from({ length: EMBEDDED_MAX + 20 }, () => describeVault("v")), { operation: initiate("v") }];
    const history = modelHistory(ops);
    history.entries.at(-1)!.observed = { status: 201, headers: { "x-amz-lock-id": "L" } };
    const outcome = checkHistory(history);
    const { history: embedded } = embedHistory(history, outcome);
    expect(outcome.ok).toBe(false);
    expect(embedded.operations).toHaveLength(EMBEDDED_MAX);
    expect(embedded.linearization).toMatchObject({ ok: false, unplaceable: [EMBEDDED_MAX - 1] });
    expect(embedded.operations.at(-1)!.observed).toBe("201");
  });
});
