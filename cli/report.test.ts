import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { InvalidInput } from "../input/read.js";
import { buildDocument, type ReportDocument } from "../reports/document.js";
import { FAILING, PASSING } from "../reports/fixtures.js";
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
      expect(await reportCommand(["merge", one, two, "--out", join(dir, "b")])).toBe(1);
      expect(log.mock.calls.flat().join("\n")).toContain("merged 2 reports (good: 1 run, bad <&>: 1 run)");
      for (const name of ["report.json", "report.md", "report.html", "junit.xml"])
        expect(existsSync(join(dir, "b", name))).toBe(true);
    } finally {
      log.mockRestore();
    }
  });

  it("merges a run found twice once, with a one-line warning (a report merged with itself)", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const warn = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const one = file("one.json", buildDocument([PASSING]));
      expect(await reportCommand(["merge", one, one, "--out", join(dir, "c")])).toBe(0);
      expect(log.mock.calls.flat().join("\n")).toContain("merged 2 reports (good: 1 run)");
      expect(warn.mock.calls.flat()).toEqual([
        `warning: duplicate run: ${one} repeats run ${PASSING.prefix} of good from ${one}; merged once`,
      ]);
      const merged = JSON.parse(readFileSync(join(dir, "c", "report.json"), "utf8")) as ReportDocument;
      expect(merged.targets[0]!.checks).toBe(PASSING.results.length);
    } finally {
      log.mockRestore();
      warn.mockRestore();
    }
  });

  it("names a missing file, broken JSON or another schema in one line", async () => {
    const refusal = (name: string) => reportCommand(["merge", join(dir, name)]);
    await expect(refusal("missing.json")).rejects.toThrow(/missing\.json: no such file \(expected a report\.json/);
    writeFileSync(join(dir, "broken.json"), "{");
    await expect(refusal("broken.json")).rejects.toThrow(/broken\.json: not JSON \(.*\); expected a report\.json/);
    file("other.json", { ...buildDocument([PASSING]), schemaVersion: 99 });
    await expect(refusal("other.json")).rejects.toThrow(
      /other\.json: not a report\.json of schema 1: schemaVersion: 99, /,
    );
    file("runs.json", { ...buildDocument([PASSING]), runs: [{ target: "x" }] });
    await expect(refusal("runs.json")).rejects.toThrow(
      /runs\.json: not a report\.json of schema 1: runs\[0\]\.suiteVersion: /,
    );
    file("expectations.json", { target: "moto", expectations: [] });
    await expect(refusal("expectations.json")).rejects.toThrow(InvalidInput);
  });
});
