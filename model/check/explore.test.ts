import { describe, expect, it } from "vitest";
import { step } from "../oracle.js";
import { isRequirementId } from "../requirements/index.js";
import { PROPERTIES } from "../properties/index.js";
import type { TransitionProperty } from "../properties/types.js";
import { SMALL_BOUNDS, type Bounds } from "./bounds.js";
import { explore } from "./explore.js";
import { describeMove } from "./moves.js";
import { formatProof, prove } from "./prove.js";
import { concreteTrace } from "./trace.js";

/** Smaller still: for the checks that do the work twice. */
const TINY: Bounds = {
  ...SMALL_BOUNDS,
  name: "tiny",
  lockPolicies: ["legalHold", "retention"],
  tags: false,
  maxLockIds: 1,
};

describe("the exhaustive checker", () => {
  it("proves every property over every state reachable within the small bounds", () => {
    const summary = prove([SMALL_BOUNDS]);
    const [search] = summary.searches;
    expect(search!.complete).toBe(true);
    expect(search!.states).toBeGreaterThan(300);
    expect(search!.transitions).toBeGreaterThan(10 * search!.states);
    expect(summary.properties.filter((p) => p.status !== "proven")).toEqual([]);
    expect(formatProof(summary)).toContain(
      `${summary.properties.length}/${summary.properties.length} proven within 1 bounds`,
    );
  }, 60_000);

  it("merges only states that answer every move alike, and memoising the oracle changes nothing", () => {
    const memoised = explore({ bounds: TINY, verifyAbstraction: true });
    const direct = explore({ bounds: TINY, step: (w, r) => step(w, r) });
    expect(memoised.complete).toBe(true);
    expect([direct.states, direct.transitions]).toEqual([memoised.states, memoised.transitions]);
    expect(memoised.violations).toEqual([]);
  });

  it("finds a broken property with a shortest trace that replays as concrete requests", () => {
    const wrongOnLocked: TransitionProperty = {
      id: "test-complete-never-twice",
      kind: "transition",
      statement: "(false on purpose) Complete never succeeds on a Locked vault.",
      requirements: ["COMP-IDEMPOTENT"],
      violation: (t) =>
        t.step?.request.operation.name === "CompleteVaultLock" &&
        t.before.world.records.get(t.step.vault?.key ?? "")?.state === "locked" &&
        !t.step.branch.outcome.code
          ? "Complete succeeded on a Locked vault"
          : undefined,
    };
    const result = explore({ bounds: TINY, properties: [wrongOnLocked], stopAtFirstViolation: true });
    const [violation] = result.violations;
    expect(result.complete).toBe(false);
    expect(violation!.trace.map((s) => describeMove(s.move))).toEqual([
      "as 111122223333: CreateVault(a)",
      "as 111122223333: InitiateVaultLock(a, legalHold)",
      "as 111122223333: CompleteVaultLock(a, current)",
      "as 111122223333: CompleteVaultLock(a, current)",
    ]);
    const steps = concreteTrace(TINY, violation!.trace);
    expect(steps.map((s) => s.text.split(" → ")[1])).toEqual(["201", "201", "204", "204"]);
    expect(steps[2]!.request!.operation).toMatchObject({ name: "CompleteVaultLock", accountId: "-", lockId: "a-L1" });
  });

  it("reports a reachability goal no state reaches, from the nearest state", () => {
    const result = explore({
      bounds: TINY,
      properties: [
        {
          id: "test-locked-again",
          kind: "reachability",
          statement:
            "(false within one lock id a vault name) from a Locked vault, one Locked under another id is reachable.",
          requirements: ["INIT-REPEATABLE"],
          from: (s, v) => s.world.records.get(v.key)?.state === "locked",
          goals: [
            {
              name: "another lock",
              holds: (s, v) => (s.world.records.get(v.key)?.context.lock?.lockId ?? "a-L1") !== "a-L1",
            },
          ],
        },
      ],
    });
    expect(result.violations.map((v) => [v.detail, v.trace.length])).toEqual([
      ["another lock is unreachable for 111122223333/a", 3],
    ]);
  });

  it("has properties with unique ids, each citing known requirements", () => {
    expect(new Set(PROPERTIES.map((p) => p.id)).size).toBe(PROPERTIES.length);
    for (const p of PROPERTIES) {
      expect(p.requirements.length, p.id).toBeGreaterThan(0);
      for (const id of p.requirements) expect(isRequirementId(id), `${p.id}: ${id}`).toBe(true);
    }
  });
});
