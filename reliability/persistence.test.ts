import { appendFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Journal } from "../emulator/journal.js";
import { NO_ARCHIVES } from "../model/index.js";
import { killDuringWrites } from "./persistence.js";

describe("persistence with --data-dir", () => {
  it(
    "keeps every acknowledged change across SIGKILL in the middle of a write load, and the clock offset",
    { timeout: 60_000 },
    async () => {
      const figures = await killDuringWrites(mkdtempSync(join(tmpdir(), "vault-data-")), 30);
      expect(figures.examples).toEqual([]);
      expect(figures.acknowledged).toBeGreaterThanOrEqual(30);
      expect(figures.lost).toBe(0);
      expect(figures.clockOffsetKept).toBe(true);
    },
  );

  it("drops a torn last journal line (a write cut by a kill) and recovers the rest", () => {
    const dir = mkdtempSync(join(tmpdir(), "vault-journal-"));
    const { journal } = Journal.open(dir);
    const record = {
      state: "noLock" as const,
      context: { createdAt: 1, retiredLockIds: [], archives: NO_ARCHIVES, tags: {} },
    };
    journal.append({ region: "r", changes: [{ account: "111122223333", vaultName: "kept", record }] });
    journal.close();
    appendFileSync(join(dir, "journal.jsonl"), '{"region":"r","changes":[{"account":"1111');
    const reopened = Journal.open(dir);
    expect(reopened.state.tornLines).toBe(1);
    expect(reopened.state.worlds.get("r")?.vaultNames("111122223333")).toEqual(["kept"]);
    reopened.journal.close();
    const again = Journal.open(dir);
    expect(again.state.tornLines).toBe(0);
    expect(again.state.worlds.get("r")?.vault("111122223333", "kept")).toEqual(record);
    again.journal.close();
  });
});
