import { describe, expect, it } from "vitest";
import type { CheckResult } from "../conformance/results.js";
import { mutantStages, PATH_SHARDS, STAGES } from "./run.js";

const result = (verdict: CheckResult["verdict"], requirements: string[]): CheckResult => ({
  id: "path:x",
  generator: "path",
  target: "emulator",
  requirements,
  verdict,
});

describe("the mutant run's stages", () => {
  it("are the whole suite: every generator once, the paths in shards 1..N of N", () => {
    const generators = STAGES.flatMap((s) => s.generators ?? []);
    const once = ["protocol", "gate", "policy", "race", "sequence"];
    expect(generators.filter((g) => g !== "path").sort()).toEqual([...once].sort());
    const shards = STAGES.filter((s) => s.generators?.includes("path")).map((s) => s.shard);
    expect(shards).toEqual(Array.from({ length: PATH_SHARDS }, (_, k) => ({ index: k + 1, count: PATH_SHARDS })));
    expect(STAGES.filter((s) => s.generators?.includes("path")).every((s) => s.generators!.length === 1)).toBe(true);
  });

  it("start with the checks aimed at the broken requirement, then those covering it, then the whole suite", () => {
    const [aimed, covering, ...rest] = mutantStages("DV-DELETES");
    const scope = (aimedAt: string[], covers: string[]) => ({ aimed: aimedAt, covers: [...aimedAt, ...covers] });
    expect(aimed!.select!(scope(["DV-DELETES"], []))).toBe(true);
    expect(aimed!.select!(scope(["CV-CREATES"], ["DV-DELETES"]))).toBe(false);
    expect(covering!.select!(scope(["CV-CREATES"], ["DV-DELETES"]))).toBe(true);
    expect(covering!.select!(scope(["DV-DELETES"], []))).toBe(false);
    expect(covering!.select!(scope(["CV-CREATES"], ["GET-IN-PROGRESS"]))).toBe(false);
    expect(rest.map(({ generators, shard }) => ({ generators, shard }))).toEqual(
      STAGES.map(({ generators, shard }) => ({ generators, shard })),
    );
    expect(rest.every((s) => s.select === undefined)).toBe(true);
  });

  it("stop at the first kill, among the aimed checks only at one without a length (so the shortest is kept)", () => {
    const [aimed, ...later] = mutantStages("DV-DELETES");
    expect(aimed!.stopAfter!({ ...result("fail", ["DV-DELETES"]), length: 3 })).toBe(false);
    expect(aimed!.stopAfter!({ ...result("fail", ["DV-DELETES"]), generator: "race" })).toBe(true);
    for (const stage of later) {
      expect(stage.stopAfter!(result("fail", ["DV-DELETES"]))).toBe(true);
      expect(stage.stopAfter!(result("notImplemented", ["DV-DELETES"]))).toBe(true);
      expect(stage.stopAfter!(result("fail", ["DV-NOT-EMPTY"]))).toBe(false);
      expect(stage.stopAfter!(result("pass", ["DV-DELETES"]))).toBe(false);
    }
  });
});
