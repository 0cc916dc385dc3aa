/**
 * The bounds of an exhaustive check: which accounts and vaults the requests name, which policies they send,
 * how many lock ids and archives each vault name may be given, and the one clock move. Within them the
 * reachable state space is finite once times are read relative to the clock (`canonical.ts`).
 */
import { examplePolicy } from "../abstract-events.js";
import { LOCK_TTL_MS } from "../rules.js";

const HOUR = 3_600_000;
const policy = (statement: object) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });

/** The policy documents a check can send, by name; `missing` sends none. */
export const CHECK_POLICIES = {
  /** The suite's valid policy: Deny DeleteArchive while the vault carries the tag LegalHold: true. */
  legalHold: examplePolicy("valid"),
  /** The retention example scaled to the clock move: Deny DeleteArchive of archives younger than 1 day. */
  retention: policy({
    Sid: "retention",
    Effect: "Deny",
    Principal: "*",
    Action: "glacier:DeleteArchive",
    Resource: "*",
    Condition: { NumericLessThan: { "glacier:ArchiveAgeInDays": "1" } },
  }),
  /** Deny DeleteVault, for the access policy (removable, so a vault stays deletable). */
  denyDeleteVault: policy({
    Sid: "keep",
    Effect: "Deny",
    Principal: "*",
    Action: "glacier:DeleteVault",
    Resource: "*",
  }),
  missing: undefined,
  invalid: examplePolicy("invalid"),
  tooLarge: examplePolicy("tooLarge"),
  sizeAmbiguous: examplePolicy("sizeAmbiguous"),
} as const;

export type PolicyName = keyof typeof CHECK_POLICIES;

export interface Bounds {
  name: string;
  /** Each account's own vaults; every account also names the others' vaults in its URIs (and is refused). */
  accounts: readonly { id: string; vaults: readonly string[] }[];
  /** Policies Initiate sends. */
  lockPolicies: readonly PolicyName[];
  /** Whether tag requests are sent (AddTags of the LegalHold tag, of too many tags, of a reserved key; RemoveTags; ListTags). */
  tags: boolean;
  /** Policies SetVaultAccessPolicy sends. */
  accessPolicies: readonly PolicyName[];
  /** Successful Initiates per vault name (a vault's lock ids). */
  maxLockIds: number;
  /** Stored archives per vault name. */
  maxArchives: number;
  /** The clock move; lock windows and archive ages are read relative to the clock, capped at `horizonMs`. */
  clockStepMs: number;
  horizonMs: number;
}

const OWNER = "111122223333";
const OTHER = "444455556666";

const ALL_LOCK_POLICIES: PolicyName[] = ["legalHold", "retention", "missing", "invalid", "tooLarge", "sizeAmbiguous"];
const BASE = { maxArchives: 1, clockStepMs: 12 * HOUR, horizonMs: LOCK_TTL_MS };

/**
 * The bounds `npm run model:check -- prove` checks, one search each: one vault with every policy and three
 * lock ids; two vaults of one account (archives named across vaults, ListVaults); two accounts with a vault
 * of the same name each. Vaults interact only through those, so the richer data is checked on one vault.
 */
export const PROOF_BOUNDS: readonly Bounds[] = [
  {
    ...BASE,
    name: "one vault, every policy",
    accounts: [
      { id: OWNER, vaults: ["a"] },
      { id: OTHER, vaults: [] },
    ],
    lockPolicies: ALL_LOCK_POLICIES,
    tags: true,
    accessPolicies: ["denyDeleteVault", "invalid"],
    maxLockIds: 3,
  },
  {
    ...BASE,
    name: "two vaults of one account",
    accounts: [
      { id: OWNER, vaults: ["a", "b"] },
      { id: OTHER, vaults: [] },
    ],
    lockPolicies: ["legalHold"],
    tags: false,
    accessPolicies: [],
    maxLockIds: 1,
  },
  {
    ...BASE,
    name: "two accounts, a vault each",
    accounts: [
      { id: OWNER, vaults: ["a"] },
      { id: OTHER, vaults: ["a"] },
    ],
    lockPolicies: ["legalHold", "missing"],
    tags: false,
    accessPolicies: [],
    maxLockIds: 1,
  },
];

/** Small bounds for the unit tests (seconds): one vault, a second account, three lock policies. */
export const SMALL_BOUNDS: Bounds = {
  ...PROOF_BOUNDS[0]!,
  name: "small",
  lockPolicies: ["legalHold", "missing", "tooLarge"],
  accessPolicies: ["denyDeleteVault"],
  maxLockIds: 2,
};

/** The bounds in one line per bound, as printed and reported. */
export function describeBounds(bounds: Bounds): string[] {
  const hours = (ms: number) => `${ms / HOUR} h`;
  return [
    `accounts: ${bounds.accounts.map((a) => `${a.id} (${a.vaults.length ? `vaults ${a.vaults.join(", ")}` : "no vaults of its own"})`).join("; ")}; each also names the other's vaults`,
    `lock policies sent: ${bounds.lockPolicies.join(", ")}; access policies: ${bounds.accessPolicies.join(", ") || "none"}`,
    `tag requests: ${bounds.tags ? "LegalHold, too many, a reserved key; remove; list" : "none"}`,
    `at most ${bounds.maxLockIds} lock id(s) and ${bounds.maxArchives} archive(s) per vault name`,
    `clock moves of ${hours(bounds.clockStepMs)}; lock windows and archive ages read relative to the clock, capped at ${hours(bounds.horizonMs)}`,
  ];
}
