/**
 * The decision table agrees with the oracle on every cell: for random policies, each cell is realized at a
 * random point of its bands (archive age, time) and tag state, in a world built through the oracle's `step`
 * (vault, tags, archive, lock InProgress or Locked); the owner's request goes through `step` (denied exactly
 * when the cell says Deny), the other principals' through `authorize`, which the gate keeps them from reaching.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { treeHash } from "../archive.js";
import { authorize } from "../authorize.js";
import type { Operation } from "../operations.js";
import { step } from "../oracle.js";
import { MemoryWorld } from "../world.js";
import type { Band } from "./bands.js";
import { isOtherValue, namedIn } from "./dimensions.js";
import { parsePolicy } from "./evaluate.js";
import { decisionTable, parseVaultArn, sampleOperation, type Cell, type DecisionTable } from "./table.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 22);
const OWNER = "111122223333";
const VAULT = parseVaultArn(`arn:aws:glacier:us-east-1:${OWNER}:vaults/lab`)!;
const iso = (days: number) => new Date(T0 + days * DAY).toISOString();

const ageCondition = fc
  .record({
    op: fc.constantFrom(
      "NumericLessThan",
      "NumericLessThanEquals",
      "NumericGreaterThan",
      "NumericGreaterThanEquals",
      "NumericEquals",
      "NumericNotEquals",
      "ForAnyValue:NumericLessThanIfExists",
      "NumericLessThanIfExists",
    ),
    n: fc.integer({ min: 0, max: 400 }),
  })
  .map(({ op, n }) => ({ [op]: { "glacier:ArchiveAgeinDays": String(n) } }));
const tagCondition = fc
  .record({
    op: fc.constantFrom("StringEquals", "StringLike", "StringNotEquals", "StringEqualsIgnoreCase"),
    key: fc.constantFrom("LegalHold", "Hold"),
    values: fc.subarray(["true", "", "T*"], { minLength: 1, maxLength: 2 }),
  })
  .map(({ op, key, values }) => ({ [op]: { [`glacier:ResourceTag/${key}`]: values } }));
const timeCondition = fc.oneof(
  fc
    .record({
      op: fc.constantFrom("DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateEquals"),
      days: fc.integer({ min: -30, max: 30 }),
    })
    .map(({ op, days }) => ({ [op]: { "aws:CurrentTime": iso(days) } })),
  fc
    .integer({ min: -30, max: 30 })
    .map((days) => ({ NumericGreaterThanEquals: { "aws:EpochTime": String((T0 + days * DAY) / 1000) } })),
);
const condition = fc.oneof(
  { arbitrary: ageCondition, weight: 3 },
  { arbitrary: tagCondition, weight: 2 },
  { arbitrary: timeCondition, weight: 2 },
  fc.constantFrom(
    { Null: { "glacier:ResourceTag/LegalHold": "false" } },
    { StringEquals: { "glacier:ResourceTag/Owner": "${aws:PrincipalAccount}" } },
    { StringEquals: { "aws:PrincipalAccount": OWNER } },
    { StringNotEquals: { "aws:PrincipalAccount": "999999999999" } },
  ),
);

const statement = fc.record({
  Sid: fc.constantFrom("a", "b", "c"),
  Effect: fc.constantFrom("Deny", "Deny", "Allow"),
  Principal: fc.constantFrom<unknown>(
    "*",
    { AWS: OWNER },
    { AWS: `arn:aws:iam::${OWNER}:root` },
    { AWS: "999999999999" },
  ),
  Action: fc.constantFrom<unknown>(
    "glacier:DeleteArchive",
    "glacier:*",
    "glacier:Delete*",
    ["glacier:RemoveTagsFromVault", "glacier:AddTagsToVault"],
    "glacier:DescribeVault",
  ),
  Resource: fc.constantFrom(VAULT.arn, "*", `arn:aws:glacier:*:${OWNER}:vaults/*`, "arn:aws:glacier:*:*:vaults/other"),
  Condition: fc.option(
    fc.array(condition, { minLength: 1, maxLength: 2 }).map((cs) => Object.assign({}, ...cs)),
    { nil: undefined },
  ),
});
const policyArb = fc
  .array(statement, { minLength: 1, maxLength: 3 })
  .map((s) => JSON.stringify({ Version: "2012-10-17", Statement: s }));

/** Numbers in [0, 1) from a seed (mulberry32), so every world of a run gets points of its own. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number inside the band: often one at its edges, where an off-by-one would show, else any. */
const inside = (band: Band, rnd: () => number, span: number, base = 0) => {
  const from = band.from ?? (band.to !== undefined ? band.to - span : base);
  const to = band.to ?? from + span;
  const r = rnd();
  if (r < 0.25) return from;
  if (r < 0.5) return to;
  if (r < 0.6) return Math.min(from + 1, to);
  return from + Math.floor(rnd() * (to - from + 1));
};

function world(table: DecisionTable, cell: Cell, policy: string, rnd: () => number, locked: boolean) {
  const w = new MemoryWorld();
  const now = inside(table.times[cell.time]!, rnd, 60 * 86_400, T0 / 1000) * 1000 + Math.floor(rnd() * 1000);
  const age = cell.age === undefined ? undefined : table.ages[cell.age]!;
  const days = age && !("absent" in age) ? inside(age, rnd, 500) : 0;
  const createdAt = now - days * DAY - 61_000 - Math.floor(rnd() * (DAY - 62_000));
  const run = (operation: Operation, at: number) =>
    step(w, { operation, signer: OWNER, now: at, region: VAULT.region, freshLockId: "lock", freshArchiveId: "held" });
  const on = (op: object, at: number) =>
    w.apply(run({ accountId: "-", vaultName: VAULT.name, ...op } as Operation, at)[0]!.changes);
  on({ name: "CreateVault" }, createdAt - 1);
  const tags = Object.entries(table.tagStates[cell.tags]!).flatMap(([k, c]) =>
    c.kind === "absent" ? [] : [[k, c.value]],
  );
  on({ name: "AddTagsToVault", tags: Object.fromEntries(tags) }, createdAt);
  on({ name: "UploadArchive", body: new Uint8Array([1]), treeHash: treeHash(new Uint8Array([1])) }, createdAt);
  on({ name: "InitiateVaultLock", policy }, now - 60_000);
  if (locked) on({ name: "CompleteVaultLock", lockId: "lock" }, now - 30_000);
  return { w, now, run };
}

/** Checks every cell of one realized world (same archive age, time and tag state). */
function agrees(table: DecisionTable, policy: string, cells: Cell[], rnd: () => number, locked: boolean): void {
  const { w, now, run } = world(table, cells[0]!, policy, rnd, locked);
  const record = w.vault(OWNER, VAULT.name)!;
  for (const cell of cells) {
    const deny = cell.decisions[0]!.effect === "Deny";
    const age = cell.age === undefined ? undefined : table.ages[cell.age]!;
    const operation = sampleOperation(cell.operation, VAULT.name, age && "absent" in age ? "not-held" : "held");
    const principal = table.principals[cell.principal]!;
    const label = `${cell.operation} ${principal.kind} age ${JSON.stringify(age)} tags ${cell.tags} at ${now}`;
    if (principal.kind === "owner") {
      const edge = run(operation, now)[0]!.edges.at(-1)!;
      expect(edge.startsWith("policy.lockDenied"), label).toBe(deny);
    } else {
      const auth = { signer: principal.account, now, vaultArn: VAULT.arn };
      expect(authorize(record.state, record.context, operation, auth) !== undefined, label).toBe(deny);
    }
  }
}

/** The cells grouped by the world they need: archive age, time band, tag state. */
function byWorld(table: DecisionTable): Cell[][] {
  const groups = new Map<string, Cell[]>();
  for (const cell of table.cells) {
    const id = `${cell.age}|${cell.time}|${cell.tags}`;
    groups.set(id, [...(groups.get(id) ?? []), cell]);
  }
  return [...groups.values()];
}

describe("the decision table agrees with the oracle's policy decision", () => {
  it("on every cell, at random points of its bands and for random tag values of the 'other' state", () => {
    fc.assert(
      fc.property(
        policyArb,
        fc.integer(),
        fc.boolean(),
        fc.stringMatching(/^[a-z]{1,6}$/),
        (policy, seed, locked, other) => {
          const rnd = random(seed);
          const table = decisionTable([policy], VAULT, T0);
          const tags = namedIn([parsePolicy(policy)], OWNER).tags;
          for (const state of table.tagStates)
            for (const tag of tags) {
              const choice = state[tag.key]!;
              if (choice.kind === "other" && isOtherValue(tag, other)) state[tag.key] = { kind: "other", value: other };
            }
          for (const cells of byWorld(table)) agrees(table, policy, cells, rnd, locked);
        },
      ),
      { seed: 20261122, numRuns: 25 },
    );
  });
});
