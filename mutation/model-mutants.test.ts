import { describe, expect, it } from "vitest";
import { SMALL_BOUNDS } from "../model/check/bounds.js";
import { mutantNamed } from "../emulator/mutants/catalogue.js";
import { checkModelMutant, MODEL_MUTANTS } from "./model-mutants.js";

describe("model mutants against the properties (exhaustive checker)", () => {
  it("each oracle-layer mutant, applied to the model, violates at least one property", () => {
    const survivors = MODEL_MUTANTS.map((m) => checkModelMutant(m, [SMALL_BOUNDS])).filter((r) => !r.violated.length);
    expect(MODEL_MUTANTS.length).toBeGreaterThanOrEqual(20);
    expect(survivors.map((r) => r.mutant)).toEqual([]);
  }, 60_000);

  it("finds the shortest counterexamples, as concrete requests", () => {
    const stale = checkModelMutant(mutantNamed("stale-id-completes"), [SMALL_BOUNDS]);
    expect(stale.violated).toEqual(expect.arrayContaining(["one-completable-id", "retired-id-never-completes"]));
    expect(stale.steps).toEqual([
      "as 111122223333: CreateVault(a) → 201",
      "as 111122223333: InitiateVaultLock(a, legalHold) → 201",
      "as 111122223333: AbortVaultLock(a) → 204",
      "as 111122223333: InitiateVaultLock(a, legalHold) → 201",
      "as 111122223333: CompleteVaultLock(a, retired) → 204",
    ]);
    const noExpiry = checkModelMutant(mutantNamed("no-expiry"), [SMALL_BOUNDS]);
    expect(noExpiry.steps.slice(2, 4)).toEqual(["AdvanceClock(12 h)", "AdvanceClock(12 h)"]);
    expect(noExpiry.length).toBe(5);
    expect(checkModelMutant(mutantNamed("account-id-ignored"), [SMALL_BOUNDS])).toMatchObject({
      violated: ["account-isolation"],
      length: 1,
    });
  });
});
