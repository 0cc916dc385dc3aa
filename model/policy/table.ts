/**
 * The policy lab's decision table (issue 20): for each operation a vault policy governs, each principal (the
 * vault owner's root, accounts the policy names, another account, an unsigned caller), each archive-age band and
 * time band cut at the policy's own numbers, and each state of the tags it names, the decision of the lock
 * policy, with the statement that decides it. Requests are built by the oracle's own `policyRequest`
 * (model/authorize.ts), so a cell says what the oracle would. Pure.
 */
import { GOVERNED_OPERATIONS, policyRequest } from "../authorize.js";
import type { VaultContext } from "../machine-types.js";
import type { OperationName, VaultOperation } from "../operations.js";
import { bandsAt, joinBands, memberOf, type Band } from "./bands.js";
import { tagProblem } from "../archive.js";
import { namedIn, otherValue, type NamedTag } from "./dimensions.js";
import { evaluatePolicy, parsePolicy, type Decision, type ParsedPolicy } from "./evaluate.js";
import { NO_ARCHIVES } from "../archive-map.js";

const DAY_MS = 86_400_000;

export interface VaultRef {
  arn: string;
  region: string;
  account: string;
  name: string;
}

const VAULT_ARN = /^arn:(aws|aws-cn|aws-us-gov):glacier:([a-z0-9-]+):(\d{12}):vaults\/([A-Za-z0-9_.-]{1,255})$/;

/** The parts of a vault ARN, or undefined when it is not one. */
export function parseVaultArn(arn: string): VaultRef | undefined {
  const match = VAULT_ARN.exec(arn);
  return match ? { arn, region: match[2]!, account: match[3]!, name: match[4]! } : undefined;
}

/** How a statement is named in explanations: its Sid in quotes, else its position (`#1` for the first). */
export function statementName(policy: ParsedPolicy, index: number): string {
  const sid = policy.statements[index]?.Sid;
  return sid ? `"${sid}"` : `#${index + 1}`;
}

export interface Principal {
  kind: "owner" | "named" | "other" | "anonymous";
  /** Undefined for the unsigned caller. */
  account?: string;
}

/** Ages in whole days; `absent`: DeleteArchive naming an archive the vault does not hold (no age key). */
export type AgeBand = Band | { absent: true };

/** A tag's state: absent, a value the policy names, or a value passing none of its tests. */
export type TagChoice = { kind: "absent" } | { kind: "value" | "other"; value: string };

export interface Cell {
  operation: OperationName;
  principal: number;
  /** Index into `ages`; only DeleteArchive has one. */
  age?: number;
  time: number;
  tags: number;
  /** One decision per policy the table was built for. */
  decisions: Decision[];
}

export interface DecisionTable {
  vault: VaultRef;
  principals: Principal[];
  ages: AgeBand[];
  /** Epoch seconds; one band of all times when the policies compare no time. */
  times: Band[];
  tagKeys: string[];
  tagStates: Record<string, TagChoice>[];
  cells: Cell[];
}

const UNNAMED_ACCOUNTS = ["444455556666", "555566667777", "111122223333", "210987654321"];

function principalsFor(owner: string, named: string[]): Principal[] {
  const others = named.filter((a) => a !== owner);
  const unnamed = UNNAMED_ACCOUNTS.find((a) => a !== owner && !others.includes(a))!;
  return [
    { kind: "owner", account: owner },
    ...others.map((account): Principal => ({ kind: "named", account })),
    { kind: "other", account: unnamed },
    { kind: "anonymous" },
  ];
}

/** The states of the tags a policy names; values no vault can carry (TAGS-RULES) are not states. */
function tagStatesFor(tags: NamedTag[]): Record<string, TagChoice>[] {
  const choices = tags.map((tag) => {
    const other = otherValue(tag);
    const possible = tag.values.filter((value) => tagProblem({ [tag.key]: value }) === undefined);
    return [
      { kind: "absent" } as TagChoice,
      ...possible.map((value): TagChoice => ({ kind: "value", value })),
      ...(other !== undefined ? [{ kind: "other", value: other } as TagChoice] : []),
    ];
  });
  return tags.reduce<Record<string, TagChoice>[]>(
    (states, tag, i) => states.flatMap((state) => choices[i]!.map((choice) => ({ ...state, [tag.key]: choice }))),
    [{}],
  );
}

/** The vault as a request sees it: its tags, and an archive of `age` days when there is one. */
function contextFor(tags: Record<string, TagChoice>, age: AgeBand | undefined, now: number): VaultContext {
  const values = Object.entries(tags).flatMap(([k, c]) => (c.kind === "absent" ? [] : [[k, c.value] as const]));
  const held = age !== undefined && !("absent" in age);
  const archive = { createdAt: now - (held ? memberOf(age, 0) : 0) * DAY_MS, size: 0, treeHash: "" };
  return {
    createdAt: 0,
    archives: held ? NO_ARCHIVES.with("held", archive) : NO_ARCHIVES,
    tags: Object.fromEntries(values),
    retiredLockIds: [],
  };
}

/** A request of a governed operation on the vault (DeleteArchive naming `archiveId`). */
export function sampleOperation(name: OperationName, vaultName: string, archiveId = "held"): VaultOperation {
  const base = { accountId: "-", vaultName };
  switch (name) {
    case "UploadArchive":
      return { ...base, name, body: new Uint8Array(), treeHash: "" };
    case "DeleteArchive":
      return { ...base, name, archiveId };
    case "AddTagsToVault":
      return { ...base, name, tags: {} };
    case "RemoveTagsFromVault":
      return { ...base, name, keys: [] };
    default:
      return { ...base, name } as VaultOperation;
  }
}

interface Grid {
  principals: Principal[];
  tagStates: Record<string, TagChoice>[];
  ages: AgeBand[];
  times: Band[];
}

/** Every cell of the grid with the decision of each policy, from the oracle's own request. */
function cellsOf(policies: readonly string[], vault: VaultRef, now: number, grid: Grid): Cell[] {
  const decide = (operation: OperationName, p: Principal, age: AgeBand | undefined, time: Band, tags: number) => {
    const at = memberOf(time, Math.floor(now / 1000)) * 1000;
    const request = policyRequest(
      sampleOperation(operation, vault.name, age && "absent" in age ? "not-held" : "held"),
      contextFor(grid.tagStates[tags]!, age, at),
      { signer: p.account, now: at, vaultArn: vault.arn },
    );
    return policies.map((policy) => evaluatePolicy(policy, request));
  };
  return GOVERNED_OPERATIONS.flatMap((operation) =>
    (operation === "DeleteArchive" ? grid.ages.map((_, i) => i) : [undefined]).flatMap((age) =>
      grid.times.flatMap((time, t) =>
        grid.principals.flatMap((p, principal) =>
          grid.tagStates.map((_, tags): Cell => {
            const decisions = decide(operation, p, age === undefined ? undefined : grid.ages[age], time, tags);
            return { operation, principal, ...(age !== undefined ? { age } : {}), time: t, tags, decisions };
          }),
        ),
      ),
    ),
  );
}

/** The grid with neighbouring bands of equal decisions everywhere joined, and the cells of the joined bands. */
function joinGrid(fine: Cell[], grid: Grid): Pick<DecisionTable, "ages" | "times" | "cells"> {
  const signature = (pick: (c: Cell) => number | undefined, index: number) =>
    JSON.stringify(fine.filter((c) => pick(c) === index).map((c) => c.decisions));
  const ages = joinAges(grid.ages, (i) => signature((c) => c.age, i));
  const times = joinBands(grid.times, (i) => signature((c) => c.time, i));
  const ageIndex = new Map(ages.map((a, i) => [a.first, i]));
  const timeIndex = new Map(times.map((t, i) => [t.first, i]));
  const cells = fine.flatMap((c): Cell[] => {
    const age = c.age === undefined ? undefined : ageIndex.get(c.age);
    const time = timeIndex.get(c.time);
    if ((c.age !== undefined && age === undefined) || time === undefined) return [];
    return [{ ...c, ...(age !== undefined ? { age } : {}), time }];
  });
  return { ages: ages.map((a) => a.band), times: times.map((t) => t.band), cells };
}

/**
 * The decision table of `policies` (JSON strings Initiate accepts) for the vault, over the bands and tag states
 * all of them name, so tables of two policies line up cell by cell. `now` (epoch ms) stands for every time when
 * the policies compare none. Neighbouring bands with the same decisions everywhere are joined.
 */
export function decisionTable(policies: readonly string[], vault: VaultRef, now: number): DecisionTable {
  const named = namedIn(policies.map(parsePolicy), vault.account);
  const grid: Grid = {
    principals: principalsFor(vault.account, named.accounts),
    tagStates: tagStatesFor(named.tags),
    ages: [...bandsAt(named.ageThresholds, 0), { absent: true }],
    times: bandsAt(named.timeThresholds),
  };
  const { ages, times, cells } = joinGrid(cellsOf(policies, vault, now, grid), grid);
  const { principals, tagStates } = grid;
  return { vault, principals, ages, times, tagKeys: named.tags.map((t) => t.key), tagStates, cells };
}

/** Joined age bands, the band of archives the vault does not hold kept last and apart. */
function joinAges(ages: AgeBand[], signature: (index: number) => string): { band: AgeBand; first: number }[] {
  const bands = ages.filter((a): a is Band => !("absent" in a));
  return [...joinBands(bands, signature), { band: { absent: true }, first: bands.length }];
}
