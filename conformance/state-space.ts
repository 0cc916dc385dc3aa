/**
 * The model step the linearizability search takes, made cheap: worlds are immutable and share their vault records
 * (the exhaustive checker's `FrozenWorld`: no clone), are interned by content (a number stands for a world, and for
 * a set of worlds), and each (world, entry) pair is stepped once, with the oracle and the judge, the answer
 * remembered. `state-space.test.ts` proves that its successors are exactly those of the oracle's step on a
 * `MemoryWorld`.
 *
 * An entry whose answer is not known (none came, or it broke off) is explained by every branch: whatever it did,
 * it may have done.
 *
 * The search's state is a set of worlds (the power-set construction for a nondeterministic model, as in Porcupine):
 * an answer the model allows in several ways (an unspecified outcome, an expiry within the tolerance) keeps every
 * world it can lead to, so one order of the history is enough to explain it.
 */
import {
  step,
  type ArchiveMap,
  type Branch,
  type FrozenWorld,
  type Request,
  type VaultRecord,
} from "../model/index.js";
import { unknownOutcome, type HistoryEntry } from "./history.js";
import { explains, explainsOutcome } from "./judge.js";

/** What every entry of a history shares: who signed, where, and how far dates may be off. */
export interface StepContext {
  signer: string;
  region: string;
  toleranceMs: number;
  /** Explain each answer by its status and error code alone, not its headers and values (`explainsOutcome`). */
  outcomesOnly?: boolean;
}

/** The oracle's request for a history entry: its operation and time, and the ids its answer gave. */
export function entryRequest({ operation, observed, now }: HistoryEntry, context: StepContext): Request {
  const archiveId = observed.headers["x-amz-archive-id"];
  return {
    operation,
    signer: context.signer,
    region: context.region,
    now,
    freshLockId: observed.headers["x-amz-lock-id"] ?? "",
    ...(archiveId ? { freshArchiveId: archiveId } : {}),
  };
}

/** Interned worlds and sets of worlds over the entries of one (sub-)history, with each step taken once. */
export class StateSpace {
  private readonly worlds: FrozenWorld[] = [];
  private readonly worldIds = new Map<string, number>();
  private readonly worldObjects = new WeakMap<FrozenWorld, number>();
  private readonly recordIds = new WeakMap<VaultRecord, number>();
  private readonly recordsByText = new Map<string, number>();
  private readonly strings = new Map<string, number>();
  private readonly objectIds = new WeakMap<object, number>();
  private readonly objectsByText = new Map<string, number>();
  private readonly archiveIds = new WeakMap<ArchiveMap, number>();
  private readonly archivesByDigest = new Map<string, { archives: ArchiveMap; id: number }[]>();
  private archiveCount = 0;
  private readonly sets: number[][] = [];
  private readonly setIds = new Map<string, number>();
  /** The set holding only world k, by k. */
  private readonly singletons: number[] = [];
  /** Each (set, entry) step taken, by `set * entries + entry`: a world's steps are those of its singleton set. */
  private readonly setSteps = new Map<number, number>();
  private steps = 0;
  /** The set holding only the start world. */
  readonly start: number;

  /**
   * `preserving[i]`: entry i can never change a world it is explained in (a read or a refusal, no expiry due);
   * checked on every step taken, as a guard on the search's reasoning.
   */
  constructor(
    private readonly entries: readonly HistoryEntry[],
    private readonly context: StepContext,
    start: FrozenWorld,
    private readonly preserving: readonly boolean[] = [],
  ) {
    this.start = this.singleton(this.intern(start));
  }

  /** How many (world, entry) steps through the oracle have been taken. */
  get stepsTaken(): number {
    return this.steps;
  }

  /** The world with this id. */
  world(id: number): FrozenWorld {
    return this.worlds[id]!;
  }

  /** The worlds of this set. */
  worldsOf(set: number): readonly number[] {
    return this.sets[set]!;
  }

  /** The set of worlds entry `entry` leads to from the worlds of `set`, or -1 when no world explains its answer. */
  next(set: number, entry: number): number {
    const key = set * this.entries.length + entry;
    let found = this.setSteps.get(key);
    if (found === undefined) {
      found = this.reached(this.sets[set]!, entry);
      this.setSteps.set(key, found);
    }
    return found;
  }

  /** The set of worlds `entry` leads to from any of `worlds`, or -1 when none. */
  private reached(worlds: readonly number[], entry: number): number {
    if (worlds.length === 1) {
      const [world] = worlds as [number];
      const successors = this.stepOnce(world, entry);
      if (this.preserving[entry] && successors.some((id) => id !== world))
        throw new Error(`internal: entry ${entry} was taken to preserve every world, and changed one`);
      if (successors.length === 1) return this.singleton(successors[0]!);
      return successors.length ? this.internSet(successors) : -1;
    }
    const reached = new Set<number>();
    for (const world of worlds) for (const next of this.successors(world, entry)) reached.add(next);
    return reached.size ? this.internSet([...reached]) : -1;
  }

  /** The worlds entry `entry` can lead to from world `world`, given its observed answer. */
  successors(world: number, entry: number): readonly number[] {
    const set = this.next(this.singleton(world), entry);
    return set < 0 ? [] : this.sets[set]!;
  }

  private singleton(world: number): number {
    return (this.singletons[world] ??= this.internSet([world]));
  }

  private stepOnce(world: number, index: number): number[] {
    this.steps++;
    const entry = this.entries[index]!;
    const from = this.worlds[world]!;
    const { toleranceMs, outcomesOnly } = this.context;
    const unknown = unknownOutcome(entry.observed);
    const fits = (branch: Branch) =>
      outcomesOnly ? explainsOutcome(entry.observed, branch) : explains(entry.observed, branch, toleranceMs);
    const reached: number[] = [];
    for (const branch of step(from, entryRequest(entry, this.context), { clockToleranceMs: toleranceMs })) {
      if (!unknown && !fits(branch)) continue;
      const id = this.intern(from.apply(branch.changes));
      if (!reached.includes(id)) reached.push(id);
    }
    return reached;
  }

  /**
   * A record's id by content, built from the ids of its parts (its state, then each context field in order): a
   * string, such as a policy, is interned once per text, an object (a lock, the tags) once per object, and the
   * archives by their digest, so a write costs a short key per field, not the text of the whole record. Read as JSON
   * would: a field set to undefined is absent; and in field order, whatever order the steps added them in.
   */
  private recordId(record: VaultRecord): number {
    let id = this.recordIds.get(record);
    if (id === undefined) {
      const { context } = record;
      const parts: string[] = [];
      for (const field in context) {
        const value = context[field as keyof typeof context];
        if (field === "archives") parts.push(`archives=a${this.archivesId(value as ArchiveMap)}`);
        else if (value !== undefined) parts.push(`${field}=${this.valueId(value)}`);
      }
      const key = `${record.state},${parts.sort().join(",")}`;
      this.recordIds.set(record, (id = interned(this.recordsByText, key)));
    }
    return id;
  }

  /**
   * A field's value as a short text standing for its content: its JSON when a number or boolean, else an id; an
   * object's by its JSON with every object's keys sorted, since no answer depends on their order (the tags a vault
   * was given one by one are the same tags, whatever the order: the judge compares them sorted). Without this,
   * concurrent AddTagsToVault calls made a world for every order, not every set, and the memo missed.
   */
  private valueId(value: unknown): string {
    if (typeof value === "string") return `s${interned(this.strings, value)}`;
    if (typeof value !== "object" || value === null) return JSON.stringify(value);
    let id = this.objectIds.get(value);
    if (id === undefined) {
      this.objectIds.set(value, (id = interned(this.objectsByText, sortedJson(value))));
    }
    return `o${id}`;
  }

  /**
   * An archive map's id by content, whatever the upload order: maps are looked up by their digest, kept alongside
   * them as they are made (`ArchiveMap.digest`, no walk over the archives), and told apart by content only when two
   * digests are equal.
   */
  private archivesId(archives: ArchiveMap): number {
    let id = this.archiveIds.get(archives);
    if (id === undefined) {
      const digest = archives.digest();
      let bucket = this.archivesByDigest.get(digest);
      if (!bucket) this.archivesByDigest.set(digest, (bucket = []));
      id = bucket.find((known) => known.archives.same(archives))?.id;
      if (id === undefined) bucket.push({ archives, id: (id = this.archiveCount++) });
      this.archiveIds.set(archives, id);
    }
    return id;
  }

  /** A world's id by content: a step that changes nothing gives back the same object, known without a key. */
  private intern(world: FrozenWorld): number {
    let id = this.worldObjects.get(world);
    if (id !== undefined) return id;
    const parts: string[] = [];
    for (const [key, record] of world.records) parts.push(`${key}=${this.recordId(record)}`);
    const key = parts.sort().join("\u0000");
    id = this.worldIds.get(key);
    if (id === undefined) {
      this.worldIds.set(key, (id = this.worlds.length));
      this.worlds.push(world);
    }
    this.worldObjects.set(world, id);
    return id;
  }

  private internSet(worlds: number[]): number {
    const sorted = worlds.sort((a, b) => a - b);
    const key = sorted.join(",");
    let id = this.setIds.get(key);
    if (id === undefined) {
      this.setIds.set(key, (id = this.sets.length));
      this.sets.push(sorted);
    }
    return id;
  }
}

const isObject = (value: unknown) => typeof value === "object" && value !== null;

/**
 * `JSON.stringify(value)` with every object's keys in sorted order (the data here has no `toJSON`); the native one
 * where nothing needs sorting: an array of plain values, an object with sorted keys and plain values.
 */
function sortedJson(value: unknown): string {
  if (!isObject(value)) return JSON.stringify(value) ?? "null";
  const values = Object.values(value as object);
  if (Array.isArray(value))
    return values.some(isObject) ? `[${values.map(sortedJson).join(",")}]` : JSON.stringify(value);
  const keys = Object.keys(value as object);
  if (!values.some(isObject) && keys.every((key, k) => k === 0 || keys[k - 1]! < key)) return JSON.stringify(value);
  const fields: string[] = [];
  for (const key of keys.sort()) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) fields.push(`${JSON.stringify(key)}:${sortedJson(field)}`);
  }
  return `{${fields.join(",")}}`;
}

/** The number standing for `text` in `ids`, a new one the first time. */
function interned(ids: Map<string, number>, text: string): number {
  let id = ids.get(text);
  if (id === undefined) ids.set(text, (id = ids.size));
  return id;
}
