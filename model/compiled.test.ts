import fc from "fast-check";
import { assign, createMachine, setup, transition } from "xstate";
import { describe, expect, it } from "vitest";
import { compileTransitions } from "./compiled.js";
import { EMPTY_VAULT, vaultLockMachine, type LockState, type VaultContext, type VaultEvent } from "./machine.js";
import { examplePolicy, exampleTags, type PolicyKind, type TagSet } from "./abstract-events.js";
import { LOCK_TTL_MS } from "./rules.js";
import { T0 } from "./testing.js";

const now = fc.constantFrom(T0, T0 + 1000, T0 + LOCK_TTL_MS, T0 + 2 * LOCK_TTL_MS);
const lockId = fc.constantFrom("L1", "L2", "L3");
const archiveId = fc.constantFrom("A1", "A2");
const policy = fc
  .constantFrom<PolicyKind>("valid", "missing", "invalid", "tooLarge", "sizeAmbiguous")
  .map(examplePolicy);
const tags = fc.constantFrom<TagSet>("valid", "invalid", "tooMany", "legalHold").map(exampleTags);
const plain = fc.constantFrom(
  "CREATE_VAULT",
  "DELETE_VAULT",
  "DESCRIBE_VAULT",
  "ABORT",
  "GET",
  "TICK",
  "LIST_TAGS",
  "GET_ACCESS_POLICY",
  "DELETE_ACCESS_POLICY",
);

/** Every event type of the machine, with data drawn from small sets so ids and hashes meet. */
const event: fc.Arbitrary<VaultEvent> = fc.oneof(
  fc.record({ type: plain, now }) as fc.Arbitrary<VaultEvent>,
  fc.record({ type: fc.constant("INITIATE" as const), now, lockId, policy }),
  fc.record({ type: fc.constant("COMPLETE" as const), now, lockId }),
  fc.record({
    type: fc.constant("UPLOAD_ARCHIVE" as const),
    now,
    archiveId,
    size: fc.nat(10),
    treeHash: fc.constantFrom("h1", "h2"),
    bodyTreeHash: fc.constantFrom("h1", "h2"),
  }),
  fc.record({ type: fc.constant("DELETE_ARCHIVE" as const), now, archiveId, storedElsewhere: fc.boolean() }),
  fc.record({ type: fc.constant("ADD_TAGS" as const), now, tags }),
  fc.record({
    type: fc.constant("REMOVE_TAGS" as const),
    now,
    keys: fc.constantFrom<string[]>(["suite"], ["LegalHold"], []),
  }),
  fc.record({
    type: fc.constant("SET_ACCESS_POLICY" as const),
    now,
    policy: fc.constantFrom("valid", "invalid").map(examplePolicy),
  }),
);

describe("the transition lookup compiled from the machine", () => {
  const compiled = compileTransitions<LockState, VaultContext, VaultEvent>(vaultLockMachine);

  it("gives XState's own transition() result, and the transition XState takes, for every event along random runs", () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 40 }), (events) => {
        let snapshot = vaultLockMachine.resolveState({ value: "absent", context: EMPTY_VAULT });
        for (const e of events) {
          const [next] = transition(vaultLockMachine, snapshot, e);
          const taken = vaultLockMachine.getTransitionData(snapshot, e)[0];
          const ours = compiled({ value: snapshot.value as LockState, context: snapshot.context }, e);
          expect(ours.next.value).toBe(next.value);
          expect(ours.next.context).toStrictEqual(next.context);
          expect(ours.taken?.meta).toBe(taken?.meta);
          snapshot = next;
        }
      }),
      { numRuns: 400, seed: 20261122 },
    );
  });

  it("follows guards with parameters, inline guards, object-form assign and parameterised actions", () => {
    const machine = setup({
      types: { context: {} as { n: number; log: string }, events: {} as { type: "GO"; by: number } },
      guards: { atMost: ({ context }, params: { max: number }) => context.n <= params.max },
      actions: {
        bump: assign({ n: ({ context, event }) => context.n + event.by }),
        note: assign((_, params: { text: string }) => ({ log: params.text })),
      },
    }).createMachine({
      initial: "a",
      context: { n: 0, log: "" },
      states: {
        a: {
          on: {
            GO: [
              {
                guard: { type: "atMost", params: { max: 2 } },
                actions: ["bump", { type: "note", params: { text: "low" } }],
              },
              { guard: ({ event }) => event.by > 5, target: "b" },
              { actions: { type: "note", params: ({ context }) => ({ text: `high ${context.n}` }) } },
            ],
          },
        },
        b: {},
      },
    });
    const ours = compileTransitions<"a" | "b", { n: number; log: string }, { type: "GO"; by: number }>(machine);
    fc.assert(
      fc.property(fc.array(fc.nat(8), { maxLength: 12 }), (steps) => {
        let snapshot = machine.resolveState({ value: "a", context: { n: 0, log: "" } });
        for (const by of steps) {
          const [next] = transition(machine, snapshot, { type: "GO", by });
          const mine = ours({ value: snapshot.value as "a" | "b", context: snapshot.context }, { type: "GO", by });
          expect(mine.next).toStrictEqual({ value: next.value, context: next.context });
          snapshot = next;
        }
      }),
      { numRuns: 200, seed: 1 },
    );
  });

  it("refuses at compile time what it cannot follow: entry actions, nested states, actions other than assign", () => {
    const entry = createMachine({ initial: "a", states: { a: { entry: assign({}) } } });
    const nested = createMachine({ initial: "a", states: { a: { initial: "x", states: { x: {} } } } });
    const logging = createMachine({ initial: "a", states: { a: { on: { GO: { actions: () => {} } } } } });
    expect(() => compileTransitions(entry)).toThrow(/entry or exit actions/);
    expect(() => compileTransitions(nested)).toThrow(/nested states/);
    expect(() => compileTransitions(logging)).toThrow(/only assign actions/);
  });
});
