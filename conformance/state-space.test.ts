import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  examplePolicy,
  FrozenWorld,
  MemoryWorld,
  step,
  treeHash,
  type Change,
  type Operation,
} from "../model/index.js";
import { REGION, SIGNER, T0 } from "../model/testing.js";
import { initiate, modelHistory, modelRun, observedOf, operationArb, type MadeOperation } from "./history-testing.js";
import type { HistoryEntry } from "./history.js";
import { explains } from "./judge.js";
import { StateSpace } from "./state-space.js";

const context = { signer: SIGNER, region: REGION, toleranceMs: 1000 };
const body = new Uint8Array([1]);
/** Two vaults holding an archive each (ids made-2 and made-3), so deletions meet archives here and elsewhere. */
const PREFIX: MadeOperation[] = [
  { operation: { name: "CreateVault", accountId: "-", vaultName: "a" } },
  { operation: { name: "CreateVault", accountId: "-", vaultName: "b" } },
  { operation: { name: "UploadArchive", accountId: "-", vaultName: "a", body, treeHash: treeHash(body) } },
  { operation: { name: "UploadArchive", accountId: "-", vaultName: "b", body, treeHash: treeHash(body) } },
];

/** A frozen world's records as changes (keys are `account/name`; an account id has no slash). */
function changesOf(world: FrozenWorld): Change[] {
  return [...world.records].map(([key, record]) => {
    const slash = key.indexOf("/");
    return { account: key.slice(0, slash), vaultName: key.slice(slash + 1), record };
  });
}

describe("the search's model step", () => {
  it("reaches exactly the worlds the oracle's step on a MemoryWorld reaches, for any world, request and answer", () => {
    const setup = fc.array(fc.record({ operation: operationArb }), { maxLength: 12 });
    fc.assert(
      fc.property(setup, operationArb, fc.nat(3), fc.boolean(), (made, operation, pick, elsewhere) => {
        const world = modelRun([...PREFIX, ...made]).end;
        const request = {
          operation,
          signer: SIGNER,
          region: REGION,
          now: T0 + 5000,
          freshLockId: "fresh",
          freshArchiveId: "fresh",
        };
        const source = elsewhere ? new MemoryWorld() : world;
        const branches = step(source, request);
        const observed = observedOf(branches[pick % branches.length]!.response);
        const entry: HistoryEntry = { client: 0, operation, observed, called: 0, returned: 1, now: request.now };
        const expected = step(world, { ...request, freshLockId: observed.headers["x-amz-lock-id"] ?? "" })
          .filter((b) => explains(observed, b, context.toleranceMs))
          .map((b) => {
            const next = world.clone();
            next.apply(b.changes);
            return next.fingerprint();
          });
        const space = new StateSpace([entry], context, FrozenWorld.EMPTY.apply(world.toChanges()));
        const reached = space.successors(space.worldsOf(space.start)[0]!, 0).map((id) => {
          const next = new MemoryWorld();
          next.apply(changesOf(space.world(id)));
          return next.fingerprint();
        });
        expect(reached.sort()).toEqual([...new Set(expected)].sort());
      }),
      { numRuns: 500, seed: 20261122 },
    );
  });

  it("reaches one world for writes in either order when they commute: tags as a set, record fields by name", () => {
    const vault = { accountId: "-", vaultName: "v" };
    const pairs: [Operation, Operation][] = [
      [
        { name: "AddTagsToVault", ...vault, tags: { a: "1" } },
        { name: "AddTagsToVault", ...vault, tags: { b: "2" } },
      ],
      [initiate(), { name: "SetVaultAccessPolicy", ...vault, policy: examplePolicy("valid")! }],
    ];
    for (const [first, second] of pairs) {
      const made = modelHistory([
        { operation: { name: "CreateVault", ...vault } },
        { operation: first },
        { operation: second },
      ]);
      const start = FrozenWorld.EMPTY.apply(made.start);
      const space = new StateSpace(made.entries, context, start);
      const created = space.next(space.start, 0);
      const inOrder = space.next(space.next(created, 1), 2);
      const reversed = space.next(space.next(created, 2), 1);
      expect(inOrder).toBeGreaterThanOrEqual(0);
      expect(reversed).toBe(inOrder);
    }
  });
});
