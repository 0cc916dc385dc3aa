import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ERRORS } from "./errors.js";
import type { Operation } from "./operations.js";
import { step } from "./oracle.js";
import { treeHash } from "./archive.js";
import { examplePolicy, exampleTags, type PolicyKind } from "./abstract-events.js";
import { LOCK_TTL_MS } from "./rules.js";
import { REGION, SIGNER, T0 } from "./testing.js";
import { MemoryWorld } from "./world.js";

const vaultName = fc.constantFrom("a", "b", "bad name");
const accountId = fc.constantFrom("-", "-", "-", SIGNER, "999988887777", "12-34");
const policyKind = fc.constantFrom<PolicyKind>("valid", "valid", "missing", "invalid", "tooLarge", "sizeAmbiguous");
const lockRef = fc.constantFrom("issued-1", "issued-2", "issued-3", "random");
const body = fc.constantFrom(Buffer.from("a"), Buffer.from("b"));
const archiveRef = fc.constantFrom("issued-1", "issued-2", "issued-3", "issued-4");
const accessPolicy = fc.constantFrom(
  examplePolicy("valid"),
  examplePolicy("invalid"),
  JSON.stringify({ Statement: { Effect: "Deny", Principal: "*", Action: "glacier:*", Resource: "*" } }),
);

/** Archive, tag and access-policy operations; a Deny-everything access policy makes the policy decision bite. */
const dataOperation = fc.oneof(
  fc.record({
    name: fc.constant("UploadArchive" as const),
    accountId,
    vaultName,
    body,
    treeHash: body.map((b) => treeHash(b)),
  }),
  fc.record({ name: fc.constant("DeleteArchive" as const), accountId, vaultName, archiveId: archiveRef }),
  fc.record({
    name: fc.constant("AddTagsToVault" as const),
    accountId,
    vaultName,
    tags: fc.constantFrom(exampleTags("legalHold"), exampleTags("tooMany"), exampleTags("invalid")),
  }),
  fc.record({
    name: fc.constant("RemoveTagsFromVault" as const),
    accountId,
    vaultName,
    keys: fc.constant(["LegalHold"]),
  }),
  fc.record({ name: fc.constant("SetVaultAccessPolicy" as const), accountId, vaultName, policy: accessPolicy }),
  fc.record({
    name: fc.constantFrom("ListTagsForVault", "GetVaultAccessPolicy", "DeleteVaultAccessPolicy" as const),
    accountId,
    vaultName,
  }),
);

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    name: fc.constantFrom("CreateVault", "DeleteVault", "DescribeVault", "GetVaultLock", "AbortVaultLock" as const),
    accountId,
    vaultName,
  }),
  fc.record({
    name: fc.constant("InitiateVaultLock" as const),
    accountId,
    vaultName,
    policy: policyKind.map(examplePolicy),
  }),
  fc.record({ name: fc.constant("CompleteVaultLock" as const), accountId, vaultName, lockId: lockRef }),
  fc.record({ name: fc.constant("ListVaults" as const), accountId, limit: fc.constantFrom(undefined, "1", "10", "0") }),
  dataOperation,
) as fc.Arbitrary<Operation>;
const command = fc.record({
  operation,
  advance: fc.constantFrom(0, 1000, LOCK_TTL_MS / 2, LOCK_TTL_MS, 366 * LOCK_TTL_MS),
});

/** Runs commands, applying the reference branch; returns every request's branches. */
function runAll(commands: { operation: Operation; advance: number }[]) {
  const world = new MemoryWorld();
  let now = T0;
  let issued = 0;
  const log = commands.map(({ operation, advance }) => {
    now += advance;
    const fresh = `issued-${++issued}`;
    const branches = step(world, {
      operation,
      signer: SIGNER,
      now,
      region: REGION,
      freshLockId: fresh,
      freshArchiveId: fresh,
    });
    world.apply(branches[0]!.changes);
    return { operation, branches };
  });
  return { world, log };
}

const params = { numRuns: 300, seed: 20261122 };

describe("oracle properties", () => {
  it("is total: every request in every reachable world has at least one outcome, consistent with the error table", () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
        for (const { branches } of runAll(commands).log) {
          expect(branches.length).toBeGreaterThan(0);
          for (const b of branches) {
            expect(b.response.status).toBe(b.outcome.status);
            if (b.outcome.code) expect(ERRORS[b.outcome.code].status).toBe(b.outcome.status);
            expect(b.requirements.length).toBeGreaterThan(0);
          }
        }
      }),
      params,
    );
  });

  it("is deterministic: the same requests give the same answers and the same world", () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
        const a = runAll(commands);
        const b = runAll(commands);
        expect(b.log).toEqual(a.log);
        expect(b.world.fingerprint()).toBe(a.world.fingerprint());
      }),
      params,
    );
  });

  it("never lets a refused request change the world, beyond an expiry it observed", () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
        for (const { branches } of runAll(commands).log)
          for (const b of branches)
            if (b.outcome.code && !b.edges.includes("inProgress.TICK.expired")) expect(b.changes).toEqual([]);
      }),
      params,
    );
  });

  it("keeps documented idempotency: a repeated Abort, Complete, CreateVault or DeleteVault that succeeded succeeds again and changes nothing", () => {
    const repeatable = new Set(["AbortVaultLock", "CompleteVaultLock", "CreateVault", "DeleteVault"]);
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
        const { world, log } = runAll(commands);
        const last = log.at(-1);
        if (!last || !repeatable.has(last.operation.name) || last.branches[0]!.outcome.code) return;
        const now = T0 + commands.reduce((sum, c) => sum + c.advance, 0);
        const again = step(world, {
          operation: last.operation,
          signer: SIGNER,
          now,
          region: REGION,
          freshLockId: "again",
        });
        expect(again[0]!.outcome).toEqual(last.branches[0]!.outcome);
        expect(again[0]!.changes).toEqual([]);
      }),
      params,
    );
  });
});
