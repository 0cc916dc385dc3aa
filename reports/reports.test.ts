import { describe, expect, it } from "vitest";
import { EDGES, REQUIREMENTS } from "../model/index.js";
import { buildDocument, mergeDocuments, REPORT_SCHEMA_VERSION } from "./document.js";
import { FAILING, PASSING, RACING, runReport } from "./fixtures.js";
import { renderHtml, SECTIONS } from "./html.js";
import { renderJunit } from "./junit.js";
import { layoutDiagram, type Rect } from "./layout.js";
import { renderMarkdown } from "./markdown.js";
import { STATUS, STATUSES } from "./status.js";
import { raceTimeline } from "./timeline.js";

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

  it("counts requirements, transitions and checks per target so that every count adds up to its total", () => {
    const merged = buildDocument([PASSING, FAILING, RACING]);
    for (const target of merged.targets) {
      const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
      expect(sum(target.counts.requirements)).toBe(REQUIREMENTS.length);
      expect(sum(target.counts.transitions)).toBe(merged.transitions.length);
      expect(sum(target.counts.checks)).toBe(target.checks);
    }
    expect(merged.targets.find((t) => t.name === "non-atomic")!.counts.checks).toMatchObject({ failed: 2, passed: 1 });
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

describe("the status table", () => {
  const luminance = (hex: string) => {
    const channel = (i: number) => {
      const v = parseInt(hex.slice(i, i + 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  };
  const contrast = (a: string, b: string) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  };

  it("gives every status its own colour, symbol and label, with legible text on the colour", () => {
    for (const key of ["colour", "symbol", "label"] as const)
      expect(new Set(STATUSES.map((s) => STATUS[s][key])).size).toBe(STATUSES.length);
    for (const s of STATUSES) expect(contrast(STATUS[s].colour, STATUS[s].ink)).toBeGreaterThanOrEqual(4.5);
  });
});

describe("the diagram layout", () => {
  const layout = layoutDiagram(document.transitions);
  const corners = (r: Rect) => ({
    left: r.x - r.width / 2,
    right: r.x + r.width / 2,
    top: r.y - r.height / 2,
    bottom: r.y + r.height / 2,
  });
  const overlap = (a: Rect, b: Rect) => {
    const [p, q] = [corners(a), corners(b)];
    return p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom;
  };
  const onBorder = (point: { x: number; y: number }, r: Rect) => {
    const c = corners(r);
    const within = point.x >= c.left - 1 && point.x <= c.right + 1 && point.y >= c.top - 1 && point.y <= c.bottom + 1;
    const edge =
      [c.left, c.right].some((x) => Math.abs(point.x - x) < 1) ||
      [c.top, c.bottom].some((y) => Math.abs(point.y - y) < 1);
    return within && edge;
  };

  it("has one routed edge per transition between states and groups every self-loop under its state", () => {
    const machine = EDGES.filter((e) => e.source !== e.target);
    expect(layout.edges.map((e) => e.transition.id).sort()).toEqual(machine.map((e) => e.id).sort());
    expect(layout.states.reduce((n, s) => n + s.loops.length, 0)).toBe(EDGES.length - machine.length);
  });

  it("places no label on a state box or on another label, and starts and ends every edge on its boxes' borders", () => {
    const box = (state: string) => layout.states.find((s) => s.state === state)!;
    for (const [i, edge] of layout.edges.entries()) {
      for (const state of layout.states)
        expect(overlap(edge.label, state), `${edge.transition.id} on ${state.state}`).toBe(false);
      for (const other of layout.edges.slice(i + 1)) expect(overlap(edge.label, other.label)).toBe(false);
      expect(onBorder(edge.points[0]!, box(edge.transition.source))).toBe(true);
      expect(onBorder(edge.points.at(-1)!, box(edge.transition.target))).toBe(true);
    }
  });
});

describe("the race timeline", () => {
  const race = (id: string) => RACING.results.find((r) => r.id === id)!;

  it("draws one bar per operation, numbers the longest linearizable prefix and marks what cannot follow it", () => {
    const svg = raceTimeline(race("race:initiate-x8"));
    expect(svg.match(/<g class="op /g)).toHaveLength(8);
    expect(svg.match(/<g class="op st-failed"/g)).toHaveLength(4);
    expect(svg).toContain("4. InitiateVaultLock → 403 AccessDeniedException");
    expect(svg).toContain(
      "Not linearizable</b>: the longest linearizable prefix places 4 of 8 (c0 → c5 → c6 → c7); c1, c2, c3, c4 cannot",
    );
  });

  it("calls a race undecided when the search's budget ran out, marking nothing as impossible", () => {
    const failed = race("race:initiate-x8");
    const linearization = { ...failed.history!.linearization, undecided: true as const };
    const svg = raceTimeline({ ...failed, verdict: "skip", history: { ...failed.history!, linearization } });
    expect(svg.match(/<g class="op st-failed"/g)).toBeNull();
    expect(svg.match(/<g class="op st-passed"/g)).toHaveLength(4);
    expect(svg).toContain(
      "<b>Undecided</b>: the search spent its budget before finding an order or ruling every one out",
    );
  });

  it("numbers a passing race in its linearization, and draws nothing for a result without history", () => {
    const svg = raceTimeline(race("race:complete-vs-abort"));
    expect(svg.match(/<g class="op st-passed"/g)).toHaveLength(5);
    expect(svg).toContain("5. GetVaultLock → 200");
    expect(raceTimeline(PASSING.results[0]!)).toBe("");
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
    expect(md).toContain("## good: failing requirements (0)\n\nNone.\n\n## ");
  });

  it("Markdown: every heading stands apart, and every count row adds up to its total", () => {
    const md = renderMarkdown(buildDocument([PASSING, FAILING, RACING]));
    const lines = md.split("\n");
    for (const [i, line] of lines.entries()) if (line.startsWith("#") && i > 0) expect(lines[i - 1]).toBe("");
    const sums = lines
      .filter((l) => l.startsWith("| "))
      .map((l) =>
        l
          .split("|")
          .slice(1, -1)
          .map((c) => c.trim()),
      )
      .filter(
        (cells) =>
          cells.slice(-(STATUSES.length + 1)).every((c) => /^\d+$/.test(c)) && cells.length > STATUSES.length + 1,
      )
      .map((cells) => cells.slice(-(STATUSES.length + 1)).map(Number));
    // 3 targets: 3 requirement levels, the transitions and the checks each
    expect(sums).toHaveLength(15);
    for (const numbers of sums) expect(numbers.slice(0, -1).reduce((a, b) => a + b, 0)).toBe(numbers.at(-1));
    expect(md).toContain("✗ cannot be placed: InitiateVaultLock(vlc-test-race-init, policy 204 B) → 201");
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
    for (const section of SECTIONS) expect(html).toContain(`<a href="#${section.id}">`);
    expect(html).toContain('<section id="races">');
    expect(html).toContain("bad &lt;&amp;&gt;");
    expect(html).toContain("DELETE /-/vaults/v/lock-policy\nx-amz-glacier-version: 2012-06-01\n\nHTTP 400 (2 ms)");
    expect(html).toContain("&quot;message&quot;:&quot;&lt;no&gt;&quot;");
    expect(html).not.toContain("bad <&>");
  });
});
