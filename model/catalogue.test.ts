import { describe, expect, it } from "vitest";
import { EDGES } from "./edges.js";
import { POLICY_EDGES } from "./authorize.js";
import { GATE_EDGES } from "./gate.js";
import { INCONSISTENCIES } from "./inconsistencies.js";
import type { EdgeMeta } from "./machine.js";
import { formatOutcome } from "./outcome.js";
import { isRequirementId, REQUIREMENTS, requirement } from "./requirements/index.js";
import { SOURCES } from "./sources.js";

const ALL_META: EdgeMeta[] = [
  ...EDGES.map((e) => e.meta),
  ...Object.values(GATE_EDGES),
  ...Object.values(POLICY_EDGES),
];
const OUTCOME_TEXT = /^\d{3}( [A-Za-z]+)?$/;

describe("requirements catalogue", () => {
  it("has unique ids in UPPER-KEBAB form", () => {
    const ids = REQUIREMENTS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)+$/);
  });

  it("gives every entry a one-line statement and known sources", () => {
    for (const r of REQUIREMENTS) {
      expect(r.statement.length, r.id).toBeGreaterThan(20);
      expect(r.statement, r.id).not.toContain("\n");
      expect(r.sources.length, r.id).toBeGreaterThan(0);
      for (const s of r.sources) expect(SOURCES, `${r.id} cites ${s}`).toHaveProperty([s]);
    }
  });

  it("gives exactly the unspecified entries a choice, whose chosen behaviour is one it accepts", () => {
    for (const r of REQUIREMENTS) {
      expect(r.choice !== undefined, r.id).toBe(r.level === "unspecified");
      if (r.choice) expect(r.choice.accepts, r.id).toContain(r.choice.chosen);
    }
  });

  it("answers all 18 open questions of the research digest", () => {
    const answered = new Set(REQUIREMENTS.flatMap((r) => (r.choice?.question ? [r.choice.question] : [])));
    for (let q = 1; q <= 18; q++) expect(answered, `Q${q}`).toContain(`Q${q}`);
  });

  it("cites only catalogued requirements from inconsistencies", () => {
    expect(INCONSISTENCIES.length).toBeGreaterThanOrEqual(10);
    for (const inc of INCONSISTENCIES) {
      for (const id of inc.requirements) expect(isRequirementId(id), `${inc.id} → ${id}`).toBe(true);
      for (const s of inc.sources) expect(SOURCES).toHaveProperty([s]);
    }
  });
});

describe("transitions and requirements", () => {
  it("every transition and gate rule names at least one known requirement", () => {
    for (const meta of ALL_META) {
      expect(meta.requirements.length, meta.id).toBeGreaterThan(0);
      for (const id of meta.requirements) expect(isRequirementId(id), `${meta.id} → ${id}`).toBe(true);
    }
  });

  it("edge ids are unique", () => {
    const ids = ALL_META.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("every documented or observed lifecycle/request requirement maps to a transition or gate rule", () => {
    const mapped = new Set(ALL_META.flatMap((m) => m.requirements));
    const unmapped = REQUIREMENTS.filter(
      (r) =>
        (r.scope === "lifecycle" || r.scope === "request") && r.id !== "RACE-ONE-INITIATE-WINS" && !mapped.has(r.id),
    );
    expect(unmapped.map((r) => r.id)).toEqual([]);
  });

  it("only edges implementing an unspecified requirement accept alternatives, and only outcomes it accepts", () => {
    for (const meta of ALL_META.filter((m) => m.alternatives?.length)) {
      const open = meta.requirements.map(requirement).filter((r) => r.level === "unspecified");
      expect(open.length, meta.id).toBeGreaterThan(0);
      const accepted = new Set(open.flatMap((r) => r.choice!.accepts.filter((a) => OUTCOME_TEXT.test(a))));
      for (const alt of meta.alternatives!) expect(accepted, `${meta.id} alternative`).toContain(formatOutcome(alt));
    }
  });

  it("an error edge with alternatives expects the chosen outcome of one of its unspecified requirements", () => {
    for (const meta of ALL_META.filter((m) => m.alternatives?.length && m.expect.code)) {
      const chosen = meta.requirements.map(requirement).flatMap((r) => (r.choice ? [r.choice.chosen] : []));
      expect(chosen, meta.id).toContain(formatOutcome(meta.expect));
    }
  });
});
