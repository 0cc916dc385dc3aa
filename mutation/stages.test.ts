import { describe, expect, it } from "vitest";
import { PATH_SHARDS, STAGES } from "./run.js";

describe("the mutant run's stages", () => {
  it("are the whole suite: every generator once, the paths in shards 1..N of N", () => {
    const generators = STAGES.flatMap((s) => s.generators ?? []);
    const once = ["protocol", "gate", "policy", "race", "sequence"];
    expect(generators.filter((g) => g !== "path").sort()).toEqual([...once].sort());
    const shards = STAGES.filter((s) => s.generators?.includes("path")).map((s) => s.shard);
    expect(shards).toEqual(Array.from({ length: PATH_SHARDS }, (_, k) => ({ index: k + 1, count: PATH_SHARDS })));
    expect(STAGES.filter((s) => s.generators?.includes("path")).every((s) => s.generators!.length === 1)).toBe(true);
  });
});
