import { describe, expect, it } from "vitest";
import { EDGES, REQUIREMENTS } from "../model/index.js";
import { buildDocument, mergeDocuments, REPORT_SCHEMA_VERSION } from "./document.js";
import { FAILING, PASSING, runReport } from "./fixtures.js";
import { renderHtml } from "./html.js";
import { renderJunit } from "./junit.js";
import { renderMarkdown } from "./markdown.js";

const document = buildDocument([PASSING, FAILING], new Date("2026-11-22T12:00:00Z"));
const status = (id: string, target: string) => document.requirements.find((r) => r.id === id)!.status[target];

describe("report document", () => {
  it("has a schema version and one row per catalogue requirement and per transition", () => {
    expect(document.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(document.requirements).toHaveLength(REQUIREMENTS.length);
    for (const edge of EDGES) expect(document.transitions.map((t) => t.id)).toContain(edge.id);
  });

  it("derives requirement status per target from results and passing trace steps", () => {
    expect(status("ABORT-LOCKED-DENIED", "good")).toBe("passed");
    expect(status("ABORT-LOCKED-DENIED", "bad <&>")).toBe("failed");
    expect(status("COMP-LOCKS", "bad <&>")).toBe("passed");
    expect(status("LIST-VAULTS", "bad <&>")).toBe("expected-failure");
    expect(status("INIT-EXPIRES-AFTER-24H", "good")).toBe("skipped");
    expect(status("POL-SELF-LOCK", "good")).toBe("not-exercised");
  });

  it("colours transitions: taken and passed, the failing step failed, the rest not exercised", () => {
    const transition = (id: string, target: string) => document.transitions.find((t) => t.id === id)!.status[target];
    expect(transition("locked.ABORT", "good")).toBe("passed");
    expect(transition("locked.ABORT", "bad <&>")).toBe("failed");
    expect(transition("inProgress.COMPLETE.currentId", "bad <&>")).toBe("passed");
    expect(transition("noLock.GET", "good")).toBe("not-exercised");
  });

  it("merges shards of one target and keeps targets side by side", () => {
    const shard = buildDocument([runReport("good", PASSING.results, 7)]);
    const merged = mergeDocuments([document, shard]);
    const good = merged.targets.find((t) => t.name === "good")!;
    expect(good.shards).toBe(2);
    expect(good.seeds).toEqual([1, 7]);
    expect(merged.targets.map((t) => t.name)).toEqual(["good", "bad <&>"]);
    expect(() => mergeDocuments([{ ...document, schemaVersion: 99 as 1 }])).toThrow(/schema/);
  });
});

describe("renderers", () => {
  it("Markdown puts failing requirements first with the minimal counterexample and replay command", () => {
    const md = renderMarkdown(document);
    const failing = md.indexOf("## bad <&>: failing requirements (1)");
    expect(failing).toBeGreaterThan(0);
    expect(md.indexOf("### ABORT-LOCKED-DENIED")).toBeGreaterThan(failing);
    expect(md).toContain("4. AbortVaultLock(v0)");
    expect(md).toContain("--replay 42:1:2@AB:C");
    expect(md).toContain("## good: failing requirements (0)");
  });

  it("JUnit has one testcase per requirement per target, failures for failed ones, and escapes names", () => {
    const xml = renderJunit(document);
    expect(xml.match(/<testcase /g)).toHaveLength(REQUIREMENTS.length * 2);
    expect(xml).toContain('<testsuite name="bad &lt;&amp;&gt;"');
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).toContain('message="expected deviation: known"');
    expect(xml).not.toMatch(/<testsuite name="bad <&>"/);
  });

  it("HTML is one self-contained file: no external resources, one diagram element per machine transition", () => {
    const html = renderHtml(document);
    expect(html).not.toMatch(/\b(src|href)=["']?https?:/);
    expect(html).not.toMatch(/<link /);
    for (const edge of EDGES) expect(html).toContain(`data-edge="${edge.id}"`);
    expect(html).toContain("bad &lt;&amp;&gt;");
    expect(html).not.toContain("bad <&>");
  });
});
