import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { stateMachinePage } from "./diagram.js";
import { EDGES } from "./edges.js";
import { transitionCoveringPaths } from "./covering-paths.js";

describe("all-transitions coverage from the machine's graph", () => {
  const paths = transitionCoveringPaths();

  it("reaches every transition by a generated path", () => {
    const unreachable = EDGES.filter((e) => !paths.has(e.id)).map((e) => e.id);
    expect(unreachable).toEqual([]);
  });

  it("ends each path with the transition it is for, starting from an absent vault", () => {
    for (const [edge, steps] of paths) {
      expect(steps.at(-1)!.edge).toBe(edge);
      expect(steps[0]!.edge.startsWith("absent.")).toBe(true);
    }
  });

  it("visits every state", () => {
    const states = new Set(EDGES.map((e) => e.source));
    expect([...states].sort()).toEqual(["absent", "inProgress", "locked", "noLock"]);
  });
});

describe("generated documentation", () => {
  it("docs/state-machine.md is the diagram of the current machine (run `npm run docs`)", () => {
    const page = readFileSync(new URL("../docs/state-machine.md", import.meta.url), "utf8");
    expect(page).toBe(stateMachinePage());
  });

  it("draws one arrow per lock transition and one counted loop per state for the data transitions", () => {
    const page = stateMachinePage();
    const arrows = page.split("\n").filter((l) => / --> /.test(l) && !l.includes("[*]"));
    const loops = arrows.filter((l) => l.includes("archives, tags, access policy"));
    const counted = loops.reduce((sum, l) => sum + Number(/\((\d+) transitions\)/.exec(l)![1]), 0);
    expect(loops).toHaveLength(4);
    expect(arrows.length - loops.length + counted).toBe(EDGES.length);
    for (const edge of EDGES) expect(page).toContain(`| \`${edge.id}\` |`);
  });
});
