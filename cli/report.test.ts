import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { buildDocument } from "../reports/document.js";
import { FAILING, PASSING } from "../reports/fixtures.js";
import { UsageError } from "./args.js";
import { reportCommand } from "./report.js";

describe("report merge", () => {
  const dir = mkdtempSync(join(tmpdir(), "merge-"));
  const file = (name: string, content: unknown) => {
    writeFileSync(join(dir, name), JSON.stringify(content));
    return join(dir, name);
  };

  it("writes every format and counts reports and runs in words that agree with the numbers", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      const one = file("one.json", buildDocument([PASSING]));
      expect(await reportCommand(["merge", one, "--out", join(dir, "a")])).toBe(0);
      expect(log.mock.calls.flat().join("\n")).toContain("merged 1 report (good: 1 run)");
      const two = file("two.json", buildDocument([FAILING]));
      expect(await reportCommand(["merge", one, two, one, "--out", join(dir, "b")])).toBe(1);
      expect(log.mock.calls.flat().join("\n")).toContain("merged 3 reports (good: 2 runs, bad <&>: 1 run)");
      for (const name of ["report.json", "report.md", "report.html", "junit.xml"])
        expect(existsSync(join(dir, "b", name))).toBe(true);
    } finally {
      log.mockRestore();
    }
  });

  it("names a missing file, broken JSON or another schema in one usage error", async () => {
    await expect(reportCommand(["merge", join(dir, "missing.json")])).rejects.toThrow(/cannot read .*missing\.json/);
    writeFileSync(join(dir, "broken.json"), "{");
    await expect(reportCommand(["merge", join(dir, "broken.json")])).rejects.toThrow(UsageError);
    const other = file("other.json", { ...buildDocument([PASSING]), schemaVersion: 99 });
    await expect(reportCommand(["merge", other])).rejects.toThrow(/cannot merge: report schema 99/);
  });
});
