import { appendFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createClock } from "../emulator/clock.js";
import { Journal } from "../emulator/journal.js";
import { VaultService } from "../emulator/service.js";
import { NO_ARCHIVES, treeHash, type Operation } from "../model/index.js";
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

  it("journals an upload or a deletion as that one write, whatever the vault holds, and recovers every archive", () => {
    const dir = mkdtempSync(join(tmpdir(), "vault-journal-"));
    const opened = Journal.open(dir);
    const service = new VaultService(createClock(), { journal: opened.journal });
    const send = (operation: Operation) => service.execute(operation, "111122223333", "us-east-1");
    const vault = { accountId: "-", vaultName: "full" };
    const body = new TextEncoder().encode("archive");
    send({ name: "CreateVault", ...vault });
    const ids = Array.from({ length: 600 }, () => {
      const answer = send({ name: "UploadArchive", ...vault, body, treeHash: treeHash(body) });
      return answer.headers["x-amz-archive-id"]!;
    });
    for (const archiveId of ids.filter((_, k) => k % 3 === 0)) send({ name: "DeleteArchive", ...vault, archiveId });
    opened.journal.close();
    const lines = readFileSync(join(dir, "journal.jsonl"), "utf8").trim().split("\n");
    expect(lines).toHaveLength(1 + 600 + 200);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(2_000);
    const before = service.execute({ name: "DescribeVault", ...vault }, "111122223333", "us-east-1");
    const reopened = Journal.open(dir);
    const world = reopened.state.worlds.get("us-east-1")!;
    const kept = ids.filter((_, k) => k % 3 !== 0);
    expect([...world.vault("111122223333", "full")!.context.archives.keys()]).toEqual(kept);
    expect(kept.every((id) => world.archiveHolder("111122223333", id) === "full")).toBe(true);
    expect(ids.filter((_, k) => k % 3 === 0).some((id) => world.archiveHolder("111122223333", id))).toBe(false);
    const recovered = new VaultService(createClock(), { worlds: reopened.state.worlds });
    expect(recovered.execute({ name: "DescribeVault", ...vault }, "111122223333", "us-east-1").body).toEqual(
      before.body,
    );
    reopened.journal.close();
  });
});
