/**
 * Durable state for `--data-dir`: a write-ahead journal plus a snapshot, in plain files, with no dependency.
 * Why this store: every change the emulator acknowledges is one small JSON line appended and fsynced before
 * the answer is sent, so an acknowledged change survives SIGKILL; a torn last line (a write cut by the kill,
 * never acknowledged) is dropped on start. On start the state is compacted into `snapshot.json`, written
 * atomically (temporary file, fsync, rename, fsync of the directory), and the journal starts empty.
 *
 * A line stays small however many archives a vault holds: a record whose archives were made from the stored ones by
 * one upload or deletion (`ArchiveMap.madeFrom`) is written without them, naming only that write
 * (`archiveWrite`), and recovery replays the write on the archives it has recovered so far.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { readJsonFile } from "../input/read.js";
import {
  MemoryWorld,
  NO_ARCHIVES,
  type ArchiveRecord,
  type Change,
  type VaultRecord,
  type WorldView,
} from "../model/index.js";

type Entry = { region: string; changes: Change[] } | { clockOffset: number };

/** A change as a journal line holds it: with its record's archives, or, in their place, the one write made to them. */
type JournalChange = Change & { archiveWrite?: { archiveId: string; archive?: ArchiveRecord } };
type JournalEntry = { region: string; changes: JournalChange[] } | { clockOffset: number };

/** `change` as journaled over `before`, the world it is made to. */
function journaled(change: Change, before: WorldView): JournalChange {
  const { account, vaultName, record } = change;
  const stored = before.vault(account, vaultName)?.context.archives;
  const write = stored && record?.context.archives.madeFrom(stored);
  if (!record || !write) return change;
  const { archives, ...context } = record.context;
  const archive = write.stored ? archives.get(write.archiveId) : undefined;
  return {
    account,
    vaultName,
    record: { ...record, context: context as VaultRecord["context"] },
    archiveWrite: { archiveId: write.archiveId, ...(archive ? { archive } : {}) },
  };
}

/** `change` as it was before journaling, its archives rebuilt over `before`, the world recovered so far. */
function recovered(change: JournalChange, before: WorldView): Change {
  const { archiveWrite, ...plain } = change;
  if (!archiveWrite || !plain.record) return plain;
  const stored = before.vault(plain.account, plain.vaultName)?.context.archives ?? NO_ARCHIVES;
  const { archiveId, archive } = archiveWrite;
  const archives = archive ? stored.with(archiveId, archive) : stored.without(archiveId);
  return { ...plain, record: { ...plain.record, context: { ...plain.record.context, archives } } };
}

interface Snapshot {
  version: 1;
  clockOffset: number;
  regions: Record<string, Change[]>;
}

const SNAPSHOT = z.object({
  version: z.literal(1, { error: (issue) => `${JSON.stringify(issue.input)}, but this emulator reads version 1` }),
  clockOffset: z.number(),
  regions: z.record(z.string(), z.array(z.custom<Change>((change) => typeof change === "object" && change !== null))),
}) satisfies z.ZodType<Snapshot>;

export interface DurableState {
  worlds: Map<string, MemoryWorld>;
  clockOffset: number;
  /** Journal lines dropped because a write was cut short. */
  tornLines: number;
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function apply(state: DurableState, entry: JournalEntry): void {
  if ("clockOffset" in entry) state.clockOffset = entry.clockOffset;
  else {
    let world = state.worlds.get(entry.region);
    if (!world) state.worlds.set(entry.region, (world = new MemoryWorld()));
    const before = world;
    world.apply(entry.changes.map((change) => recovered(change, before)));
  }
}

export class Journal {
  private fd: number;

  private constructor(private readonly dir: string) {
    this.fd = openSync(join(dir, "journal.jsonl"), "a");
  }

  /** Opens (or creates) the store in `dir`, recovers its state and compacts it. */
  static open(dir: string): { journal: Journal; state: DurableState } {
    mkdirSync(dir, { recursive: true });
    const state: DurableState = { worlds: new Map(), clockOffset: 0, tornLines: 0 };
    const snapshotFile = join(dir, "snapshot.json");
    if (existsSync(snapshotFile)) {
      const snapshot = readJsonFile(snapshotFile, SNAPSHOT, "an emulator snapshot");
      state.clockOffset = snapshot.clockOffset;
      for (const [region, changes] of Object.entries(snapshot.regions)) apply(state, { region, changes });
    }
    const journalFile = join(dir, "journal.jsonl");
    const lines = existsSync(journalFile) ? readFileSync(journalFile, "utf8").split("\n") : [];
    for (const [i, line] of lines.entries()) {
      if (!line) continue;
      try {
        apply(state, JSON.parse(line) as JournalEntry);
      } catch {
        state.tornLines = lines.length - i - (lines.at(-1) === "" ? 1 : 0);
        break;
      }
    }
    const journal = new Journal(dir);
    journal.compact(state);
    return { journal, state };
  }

  /**
   * Appends one entry and waits until it is on disk; only then may the change be acknowledged. `before`: the world
   * the entry's changes are made to, over which a change to a vault's archives is written as that one write.
   */
  append(entry: Entry, before?: WorldView): void {
    const line =
      before && "changes" in entry ? { ...entry, changes: entry.changes.map((c) => journaled(c, before)) } : entry;
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
    fsyncSync(this.fd);
  }

  /** Writes the whole state as the new snapshot, atomically, and empties the journal. */
  compact(state: DurableState): void {
    const regions = Object.fromEntries([...state.worlds].map(([region, world]) => [region, world.toChanges()]));
    const temporary = join(this.dir, "snapshot.json.tmp");
    const fd = openSync(temporary, "w");
    try {
      writeSync(fd, JSON.stringify({ version: 1, clockOffset: state.clockOffset, regions } satisfies Snapshot));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, join(this.dir, "snapshot.json"));
    fsyncDir(this.dir);
    closeSync(this.fd);
    writeFileSync(join(this.dir, "journal.jsonl"), "");
    this.fd = openSync(join(this.dir, "journal.jsonl"), "a");
    fsyncDir(this.dir);
  }

  close(): void {
    closeSync(this.fd);
  }
}
