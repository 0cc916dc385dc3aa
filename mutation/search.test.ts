import { describe, expect, it } from "vitest";
import { MUTANTS, mutantNamed, type Mutant } from "../emulator/mutants/catalogue.js";
import { describeMove, shortestDistinguishing } from "./search.js";

const reference: Mutant = { name: "reference", breaks: "-", description: "no fault", layer: "oracle" };

describe("shortest distinguishing sequences (model × mutant BFS)", () => {
  it("never tells the reference emulator from the model", () => {
    expect(shortestDistinguishing(reference, 4)).toBeUndefined();
  });

  it("tells every oracle-layer mutant apart within 6 moves", () => {
    for (const mutant of MUTANTS.filter((m) => m.layer === "oracle"))
      expect(shortestDistinguishing(mutant, 6), mutant.name).toBeDefined();
  });

  it("finds the documented minimal sequences", () => {
    expect(shortestDistinguishing(mutantNamed("abort-locked-404"))!.map(describeMove)).toEqual([
      "CREATE_VAULT",
      "InitiateVaultLock(valid)",
      "CompleteVaultLock(current id)",
      "ABORT",
    ]);
    expect(shortestDistinguishing(mutantNamed("no-expiry"))!.map(describeMove)).toEqual([
      "CREATE_VAULT",
      "InitiateVaultLock(valid)",
      "AdvanceClock(25 h)",
      "GET",
    ]);
    expect(shortestDistinguishing(mutantNamed("account-id-ignored"))).toHaveLength(1);
  });

  it("has at least 20 mutants, each naming a catalogued requirement", async () => {
    const { isRequirementId } = await import("../model/requirements/index.js");
    expect(MUTANTS.length).toBeGreaterThanOrEqual(20);
    for (const m of MUTANTS) expect(isRequirementId(m.breaks), m.name).toBe(true);
    expect(() => mutantNamed("nope")).toThrow(/unknown mutant/);
  });
});
