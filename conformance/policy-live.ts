/**
 * `policy verify`'s live part (issue 20): the decision table exercised on the vault itself, through the SDK, one
 * owner's request per cell; a cell agrees when the answer is 403 AccessDeniedException exactly where the table
 * says Deny. On the emulator every governed operation is sent, tags are set to each state the policy names, the
 * clock (with clock control) is moved into each time band and back, and archives of each age are made by moving
 * the clock back before uploading; tags, clock, scratch archives and the scratch access policy are put back
 * where the policy allows. Real AWS keeps the rails: read-only requests, and archives only with --allow-archives.
 */
import type { GlacierClient } from "@aws-sdk/client-glacier";
import { treeHash, type Operation } from "../model/index.js";
import type { Band } from "../model/policy/bands.js";
import type { NamedTag } from "../model/policy/dimensions.js";
import { tagStateLabel, timeLabel } from "../model/policy/labels.js";
import type { Cell, DecisionTable } from "../model/policy/table.js";
import { formatObserved, invoke, type Observed } from "./invoke.js";
import { reach, restoreTags, stateOf, succeeded as ok } from "./policy-tags.js";
import type { TargetClock } from "./target.js";

const DAY = 86_400_000;
const SCRATCH_TAG = "policy-verify";
/** Requests a real-AWS vault may get without --allow-archives: they change nothing. */
const READ_ONLY = new Set(["DescribeVault", "ListTagsForVault", "GetVaultAccessPolicy"]);
/** The order cells are sent in, so scratch things made by one are removed by the next. */
const ORDER = [
  "DescribeVault",
  "ListTagsForVault",
  "GetVaultAccessPolicy",
  "CreateVault",
  "UploadArchive",
  "DeleteArchive",
  "DeleteVault",
  "SetVaultAccessPolicy",
  "DeleteVaultAccessPolicy",
  "AddTagsToVault",
  "RemoveTagsFromVault",
];

export interface LiveCell {
  cell: Cell;
  /** What the endpoint answered, e.g. `403 AccessDeniedException`, `204`. */
  observed?: string;
  agrees?: boolean;
  /** Why the cell was not exercised. */
  skipped?: string;
}

export interface LiveSetup {
  client: GlacierClient;
  vaultName: string;
  table: DecisionTable;
  tags: NamedTag[];
  /** The service clock: moved only when `clockControl`. */
  clock: { now(): number } & Partial<Pick<TargetClock, "advance">>;
  expiresAt: number;
  /** Real AWS, or --read-only: only requests that change nothing (and archives with `allowArchives`). */
  railed: boolean;
  allowArchives: boolean;
}

export interface LiveOutcome {
  cells: LiveCell[];
  leftovers: string[];
}

const denied = (o: Observed) => o.status === 403 && o.code === "AccessDeniedException";

class Exercise {
  readonly cells: LiveCell[] = [];
  readonly leftovers: string[] = [];
  private archives: string[] = [];
  /** Scratch things a later cell should remove: the access policy and the tag. */
  readonly scratch = new Set<"access policy" | "tag">();
  constructor(private readonly s: LiveSetup) {}

  send(op: object): Promise<Observed> {
    return invoke(this.s.client, { accountId: "-", vaultName: this.s.vaultName, ...op } as Operation);
  }

  async upload(daysAgo: number): Promise<Observed> {
    const body = new TextEncoder().encode(`policy verify ${daysAgo}`);
    const back = daysAgo * DAY + 60_000;
    if (daysAgo > 0) await this.s.clock.advance!(-back);
    const observed = await this.send({ name: "UploadArchive", body, treeHash: treeHash(body) });
    if (daysAgo > 0) await this.s.clock.advance!(back);
    const id = observed.headers["x-amz-archive-id"];
    if (id) this.archives.push(id);
    return observed;
  }

  record(cell: Cell, observed: Observed | string): void {
    if (typeof observed === "string") this.cells.push({ cell, skipped: observed });
    else {
      const made = { SetVaultAccessPolicy: "access policy", AddTagsToVault: "tag" } as const;
      const removed = { DeleteVaultAccessPolicy: "access policy", RemoveTagsFromVault: "tag" } as const;
      const op = cell.operation as keyof typeof made & keyof typeof removed;
      if (ok(observed) && made[op]) this.scratch.add(made[op]);
      if (ok(observed) && removed[op]) this.scratch.delete(removed[op]);
      const agrees = denied(observed) === (cell.decisions[0]!.effect === "Deny");
      this.cells.push({ cell, observed: formatObserved(observed), agrees });
    }
  }

  /** The request of one cell, or why it is not sent. */
  async request(cell: Cell): Promise<Observed | string> {
    const { railed, allowArchives } = this.s;
    const archive = /Archive$/.test(cell.operation);
    if (railed && !READ_ONLY.has(cell.operation) && !(allowArchives && archive))
      return archive ? "read-only: archives only with --allow-archives" : "read-only: it would change the vault";
    switch (cell.operation) {
      case "UploadArchive":
        return this.upload(0);
      case "DeleteArchive":
        return this.deleteArchive(cell);
      case "DeleteVault":
        return this.deleteVault();
      case "SetVaultAccessPolicy":
        return this.send({ name: cell.operation, policy: scratchPolicy(this.s.table) });
      case "AddTagsToVault":
        return this.send({ name: cell.operation, tags: { [SCRATCH_TAG]: "1" } });
      case "RemoveTagsFromVault":
        return this.send({ name: cell.operation, keys: [SCRATCH_TAG] });
      default:
        return this.send({ name: cell.operation });
    }
  }

  async deleteArchive(cell: Cell): Promise<Observed | string> {
    const age = this.s.table.ages[cell.age!]!;
    if ("absent" in age) return this.send({ name: "DeleteArchive", archiveId: "policy-verify-no-such-archive" });
    const days = age.from ?? 0;
    if (days > 0 && !this.s.clock.advance) return `an archive ${days} days old needs clock control`;
    const uploaded = await this.upload(days);
    const id = uploaded.headers["x-amz-archive-id"];
    if (!id) return `no archive of that age could be made: UploadArchive answered ${formatObserved(uploaded)}`;
    const observed = await this.send({ name: "DeleteArchive", archiveId: id });
    if (ok(observed)) this.archives = this.archives.filter((a) => a !== id);
    return observed;
  }

  async deleteVault(): Promise<Observed | string> {
    if (this.archives.length === 0 && !ok(await this.upload(0)))
      return "sent only while the vault holds an archive, and UploadArchive is refused";
    const observed = await this.send({ name: "DeleteVault" });
    if (ok(observed)) throw new Error(`DeleteVault answered ${formatObserved(observed)}: the vault is gone`);
    return observed;
  }

  /** Puts the scratch archives, access policy and tag away, where the policy lets it. */
  async tidy(): Promise<void> {
    const away = async (what: string, op: object) => {
      const observed = await this.send(op);
      if (!ok(observed)) this.leftovers.push(`${what} (answered ${formatObserved(observed)})`);
    };
    for (const id of this.archives) await away(`archive ${id}`, { name: "DeleteArchive", archiveId: id });
    if (this.scratch.has("access policy"))
      await away(`access policy "${SCRATCH_TAG}"`, { name: "DeleteVaultAccessPolicy" });
    if (this.scratch.has("tag")) await away(`tag ${SCRATCH_TAG}`, { name: "RemoveTagsFromVault", keys: [SCRATCH_TAG] });
  }
}

/** An access policy that denies nothing, for the SetVaultAccessPolicy cell. */
function scratchPolicy(table: DecisionTable): string {
  const statement = {
    Sid: SCRATCH_TAG,
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${table.vault.account}:root` },
    Action: "glacier:ListTagsForVault",
    Resource: table.vault.arn,
  };
  return JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
}

/** Moves the clock into the band (before the lock expires); the total shift so far, or why it cannot. */
async function moveInto(setup: LiveSetup, band: Band, shift: number): Promise<number | string> {
  const inBand = (ms: number) => {
    const s = Math.floor(ms / 1000);
    return (band.from === undefined || s >= band.from) && (band.to === undefined || s <= band.to);
  };
  const now = setup.clock.now();
  if (inBand(now)) return shift;
  const real = now - shift;
  const target = inBand(real) ? real : band.from !== undefined ? band.from * 1000 + 500 : band.to! * 1000;
  if (target >= setup.expiresAt - 300_000) return `${timeLabel(band)} lies after the lock expires`;
  if (!setup.clock.advance) return `reaching ${timeLabel(band)} needs clock control`;
  await setup.clock.advance(target - now);
  return shift + target - now;
}

/** Every owner's cell of the table, sent to the vault; then tags, clock and scratch things put back. */
export async function exerciseLive(setup: LiveSetup, original: Record<string, string>): Promise<LiveOutcome> {
  const ex = new Exercise(setup);
  const rank = (c: Cell) => ORDER.indexOf(c.operation);
  const owner = setup.table.cells.filter((c) => c.principal === 0).sort((a, b) => rank(a) - rank(b));
  const current = { ...original };
  const here = stateOf(setup.table, setup.tags, original);
  const states = setup.table.tagStates.map((_, i) => i).sort((a, b) => Number(b === here) - Number(a === here));
  let shift = 0;
  try {
    for (const s of states) {
      const cells = owner.filter((c) => c.tags === s);
      const label = tagStateLabel(setup.table.tagStates[s]!);
      const refusal =
        s === here
          ? undefined
          : setup.railed
            ? "read-only: the tags are not changed"
            : await reach((op) => ex.send(op), setup.tags, setup.table.tagStates[s]!, current);
      if (refusal !== undefined) {
        for (const cell of cells) ex.record(cell, `tags ${label}: ${refusal}`);
        continue;
      }
      for (const cell of cells) {
        const moved = await moveInto(setup, setup.table.times[cell.time]!, shift);
        if (typeof moved === "string") ex.record(cell, moved);
        else ex.record(cell, await ex.request(cell));
        if (typeof moved === "number") shift = moved;
      }
    }
  } finally {
    if (shift) await setup.clock.advance!(-shift);
    if (!setup.railed) ex.leftovers.push(...(await restoreTags((op) => ex.send(op), setup.tags, original, current)));
    await ex.tidy();
  }
  return { cells: ex.cells, leftovers: ex.leftovers };
}
