import { describe, expect, it } from "vitest";
import { mutantNamed } from "../emulator/mutants/catalogue.js";
import { measureMutant, STAGES } from "./run.js";

describe("the suite against a mutant emulator started out of process", () => {
  it("kills abort-locked-404 with the broken requirement and a counterexample as short as possible", async () => {
    const outcome = await measureMutant(mutantNamed("abort-locked-404"), 20261122, 50, "process");
    expect(outcome.killed).toBe(true);
    expect(outcome.reported).toContain("ABORT-LOCKED-DENIED");
    expect(outcome.counterexample).toBe(outcome.shortest);
    expect(outcome.stages).toBeLessThan(STAGES.length);
  });

  it("kills the auth-layer mutant with a protocol check", async () => {
    const outcome = await measureMutant(mutantNamed("signatures-not-checked"), 20261122, 5, "process");
    expect(outcome).toMatchObject({ killed: true, generators: ["protocol"], stages: 1 });
    expect(outcome.reported).toContain("PROTO-BAD-SIGNATURE");
  });
});
