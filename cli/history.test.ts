import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { encodeHistory } from "../conformance/history.js";
import { initiate, modelHistory } from "../conformance/history-testing.js";
import { UsageError } from "./args.js";
import { checkHistoryCommand } from "./history.js";

describe("check-history", () => {
  const dir = mkdtempSync(join(tmpdir(), "histories-"));
  const good = modelHistory([
    { operation: { name: "CreateVault", accountId: "-", vaultName: "v" } },
    { operation: initiate() },
  ]);
  const bad = structuredClone(good);
  bad.entries[1]!.observed = { status: 403, code: "AccessDeniedException", headers: {} };

  it("exits 0 when every history is linearizable and 1 when one is not, naming what could not be placed", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      writeFileSync(join(dir, "good.json"), encodeHistory(good));
      writeFileSync(join(dir, "bad.json"), encodeHistory(bad));
      expect(await checkHistoryCommand([join(dir, "good.json")])).toBe(0);
      expect(await checkHistoryCommand([join(dir, "good.json"), join(dir, "bad.json")])).toBe(1);
      const lines = log.mock.calls.flat().join("\n");
      expect(lines).toMatch(/good\.json: linearizable \(2 operations, 1 independent parts/);
      expect(lines).toMatch(
        /bad\.json: not linearizable \(v\): after 1 operations in order, the model explains none of InitiateVaultLock\(v, policy \d+ B\) → 403 AccessDeniedException/,
      );
    } finally {
      log.mockRestore();
    }
  });

  it("exits 4 when no history fails but one is undecided within --search-budget, and 1 over it when one fails", async () => {
    const tags = Array.from({ length: 8 }, (_, k) => ({
      operation: { name: "AddTagsToVault" as const, accountId: "-", vaultName: "v", tags: { [`k${k}`]: "x" } },
      before: 10 * k + 1,
      after: 10 * (8 - k),
    }));
    const hard = modelHistory([{ operation: { name: "CreateVault", accountId: "-", vaultName: "v" } }, ...tags]);
    hard.entries[8]!.observed = { status: 403, code: "AccessDeniedException", headers: {} };
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      writeFileSync(join(dir, "good.json"), encodeHistory(good));
      writeFileSync(join(dir, "hard.json"), encodeHistory(hard));
      writeFileSync(join(dir, "bad.json"), encodeHistory(bad));
      const [goodFile, hardFile, badFile] = ["good", "hard", "bad"].map((name) => join(dir, `${name}.json`));
      expect(await checkHistoryCommand(["--search-budget", "1000", goodFile!, hardFile!])).toBe(4);
      expect(await checkHistoryCommand(["--search-budget", "1000", hardFile!, badFile!])).toBe(1);
      expect(await checkHistoryCommand([hardFile!])).toBe(1);
      const lines = log.mock.calls.flat().join("\n");
      expect(lines).toMatch(
        /hard\.json: undecided \(v\): the search spent its budget of 1,000 \(1 a placed set and state, 30 a model step\) with no order found and not every order ruled out; the longest order found places \d+ operations \(a larger --search-budget may decide it\)/,
      );
      expect(lines).toMatch(/hard\.json: not linearizable \(v\)/);
    } finally {
      log.mockRestore();
    }
    await expect(checkHistoryCommand(["--search-budget", "0", join(dir, "good.json")])).rejects.toThrow(UsageError);
  });

  it("refuses a missing file or one that is not a history with a usage error", async () => {
    writeFileSync(join(dir, "other.json"), JSON.stringify({ format: "something else" }));
    await expect(checkHistoryCommand([])).rejects.toThrow(UsageError);
    await expect(checkHistoryCommand([join(dir, "missing.json")])).rejects.toThrow(UsageError);
    await expect(checkHistoryCommand([join(dir, "other.json")])).rejects.toThrow(/not a history/);
  });
});
