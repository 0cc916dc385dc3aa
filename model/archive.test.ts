import { Hash } from "@smithy/hash-node";
import { TreeHash } from "@aws-sdk/sha256-tree-hash";
import { createHash, randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { archiveAgeInDays, tagProblem, treeHash } from "./archive.js";

const MIB = 1024 * 1024;
const sha = (...parts: Buffer[]) => parts.reduce((h, p) => h.update(p), createHash("sha256")).digest();

async function sdkTreeHash(body: Uint8Array): Promise<string> {
  const hash = new TreeHash(Hash.bind(null, "sha256"), (text: string) => Buffer.from(text));
  hash.update(body);
  return Buffer.from(await hash.digest()).toString("hex");
}

describe("ARCH-TREE-HASH: the SHA-256 tree hash", () => {
  it("is the plain SHA-256 for bodies up to 1 MiB, empty included", () => {
    for (const body of [Buffer.alloc(0), Buffer.from("abc"), randomBytes(MIB)])
      expect(treeHash(body)).toBe(sha(body).toString("hex"));
  });

  it("combines 1 MiB leaf hashes pairwise, carrying an odd one up", () => {
    const body = randomBytes(3 * MIB + 5);
    const leaves = [0, 1, 2, 3].map((i) => sha(body.subarray(i * MIB, (i + 1) * MIB)));
    const expected = sha(sha(leaves[0]!, leaves[1]!), sha(leaves[2]!, leaves[3]!));
    expect(treeHash(body)).toBe(expected.toString("hex"));
    const three = body.subarray(0, 3 * MIB);
    expect(treeHash(three)).toBe(sha(sha(leaves[0]!, leaves[1]!), leaves[2]!).toString("hex"));
  });

  // The SDK's TreeHash throws on an empty body, so sizes start at 1 byte.
  it("agrees with the AWS SDK's own tree hash on random sizes around the leaf boundaries", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 5 }), fc.integer({ min: -3, max: 3 }), async (leaves, delta) => {
        const body = randomBytes(Math.max(1, leaves * MIB + delta));
        expect(treeHash(body)).toBe(await sdkTreeHash(body));
      }),
      { numRuns: 25 },
    );
  });
});

describe("archive age and tags", () => {
  it("counts whole days (POL-RETENTION-EXAMPLE)", () => {
    const day = 86_400_000;
    expect(archiveAgeInDays(0, day - 1)).toBe(0);
    expect(archiveAgeInDays(0, 365 * day)).toBe(365);
    expect(archiveAgeInDays(10, 0)).toBe(0);
  });

  it("TAGS-RULES: rejects empty, long and aws: keys, values over 255 characters, and other characters", () => {
    expect(tagProblem({ project: "x", "": "y" })).toMatch(/1–128/);
    expect(tagProblem({ ["k".repeat(129)]: "y" })).toMatch(/1–128/);
    expect(tagProblem({ "AWS:owner": "y" })).toMatch(/reserved/);
    expect(tagProblem({ k: "v".repeat(256) })).toMatch(/255/);
    expect(tagProblem({ "bad#key": "y" })).toMatch(/character other than/);
    expect(tagProblem({ key: "semi;colon" })).toMatch(/value .* character other than/);
    expect(tagProblem({ ["k".repeat(128)]: "v".repeat(255) })).toBeUndefined();
    expect(tagProblem({ "Ünïcode Key_1.2/3=4+5-6@7": "", 日本: "値 value" })).toBeUndefined();
    expect(tagProblem({ ["é".repeat(128)]: "ü".repeat(255) })).toBeUndefined();
  });
});
