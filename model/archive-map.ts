/**
 * A vault's archives (ARCH-UPLOAD, ARCH-DELETE) as a persistent map: an upload or a deletion makes a new map that
 * shares all but a few nodes with the one it came from (an Immutable `OrderedMap` inside: ids kept in upload
 * order), so a write costs O(log n) whatever the vault holds, where copying a plain object cost O(n). That keeps
 * the model, and the linearizability checker that steps it thousands of times, linear in a history's length.
 *
 * Each map carries its totals (DESC-VAULT's counts, DV-NOT-EMPTY) and an order-free digest of its content, kept
 * from the map it was made from, so reading them costs no walk over the archives. As JSON it is the plain
 * `{ archiveId: archive }` object it always was (`toJSON`); `ArchiveMap.from` reads that form back.
 *
 * A map also knows the one write it was made by (`madeFrom`), so an index over many vaults' archives (the world's
 * archive holders) follows a write in O(1), not by walking the vault's archives twice.
 */
import { OrderedMap } from "immutable";
import type { ArchiveRecord } from "./machine-types.js";

/** FNV-1a over `text` from `seed`: one 32-bit half of an entry's digest. */
function fnv(text: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** What a map holds besides its entries: how many, their bytes, and the digest's two 32-bit halves. */
interface Summary {
  count: number;
  bytes: number;
  low: number;
  high: number;
}

/** `into` with one entry added (`sign` 1) or taken away (-1). */
function counted(into: Summary, archiveId: string, { createdAt, size, treeHash }: ArchiveRecord, sign: 1 | -1) {
  const text = `${archiveId}\u0000${createdAt}\u0000${size}\u0000${treeHash}`;
  return {
    count: into.count + sign,
    bytes: into.bytes + sign * size,
    low: (into.low + sign * fnv(text, 0x811c9dc5)) >>> 0,
    high: (into.high + sign * fnv(text, 0x050c5d1f)) >>> 0,
  };
}

const NOTHING: Summary = { count: 0, bytes: 0, low: 0, high: 0 };

/** One write to a map: the archive id, and whether it was stored (`with`) or taken away (`without`). */
export interface ArchiveWrite {
  archiveId: string;
  stored: boolean;
}

/** The write that made a map, and the serial of the map it was made from. */
interface Derivation {
  from: number;
  write: ArchiveWrite;
}

/** Numbers maps by creation, so a map can name the one it came from without holding on to it. */
let serials = 0;

/** Archive id → archive, in upload order; never changed in place. */
export class ArchiveMap implements Iterable<[string, ArchiveRecord]> {
  /** The archives of a vault that holds none. */
  static readonly EMPTY = new ArchiveMap(OrderedMap(), NOTHING);

  readonly #entries: OrderedMap<string, ArchiveRecord>;
  readonly #summary: Summary;
  readonly #serial = ++serials;
  readonly #derivation: Derivation | undefined;

  private constructor(entries: OrderedMap<string, ArchiveRecord>, summary: Summary, derivation?: Derivation) {
    this.#entries = entries;
    this.#summary = summary;
    this.#derivation = derivation;
  }

  /** The archives of `value`: the map itself, or the JSON form's entries (an id set to undefined holds none). */
  static from(value: ArchiveMap | Readonly<Record<string, ArchiveRecord | undefined>>): ArchiveMap {
    if (value instanceof ArchiveMap) return value;
    let map = ArchiveMap.EMPTY;
    for (const [archiveId, archive] of Object.entries(value))
      if (archive !== undefined) map = map.with(archiveId, archive);
    return map;
  }

  get size(): number {
    return this.#summary.count;
  }

  /** The number of archives and their bytes. */
  totals(): { archives: number; size: number } {
    return { archives: this.#summary.count, size: this.#summary.bytes };
  }

  /**
   * A digest of the content that ignores upload order: equal maps have equal digests; unequal ones almost never
   * do (`same` tells them apart).
   */
  digest(): string {
    const { count, low, high } = this.#summary;
    return `${count}:${low}:${high}`;
  }

  get(archiveId: string): ArchiveRecord | undefined {
    return this.#entries.get(archiveId);
  }

  has(archiveId: string): boolean {
    return this.#entries.has(archiveId);
  }

  /** The ids, in upload order. */
  keys(): IterableIterator<string> {
    return this.#entries.keys();
  }

  /** The id uploaded first of those still held. */
  firstId(): string | undefined {
    return this.#entries.keySeq().first();
  }

  [Symbol.iterator](): IterableIterator<[string, ArchiveRecord]> {
    return this.#entries.entries();
  }

  /** A new map: this one with `archive` stored under `archiveId` (ARCH-UPLOAD). */
  with(archiveId: string, archive: ArchiveRecord): ArchiveMap {
    const replaced = this.#entries.get(archiveId);
    const kept = replaced ? counted(this.#summary, archiveId, replaced, -1) : this.#summary;
    const derivation = { from: this.#serial, write: { archiveId, stored: true } };
    return new ArchiveMap(this.#entries.set(archiveId, archive), counted(kept, archiveId, archive, 1), derivation);
  }

  /** A new map: this one without `archiveId` (ARCH-DELETE); this one when it holds no such archive. */
  without(archiveId: string): ArchiveMap {
    const removed = this.#entries.get(archiveId);
    if (!removed) return this;
    const derivation = { from: this.#serial, write: { archiveId, stored: false } };
    return new ArchiveMap(this.#entries.delete(archiveId), counted(this.#summary, archiveId, removed, -1), derivation);
  }

  /**
   * The write that made this map from `earlier` (`with`: stored, `without`: not), when `earlier` is the map it was
   * made from; undefined otherwise.
   */
  madeFrom(earlier: ArchiveMap): ArchiveWrite | undefined {
    const derivation = this.#derivation;
    return derivation?.from === earlier.#serial ? derivation.write : undefined;
  }

  /** Whether `other` holds the same archives under the same ids, whatever their order. */
  same(other: ArchiveMap): boolean {
    if (other === this) return true;
    if (other.digest() !== this.digest()) return false;
    for (const [archiveId, archive] of this.#entries) {
      const theirs = other.get(archiveId);
      if (!theirs || theirs.createdAt !== archive.createdAt || theirs.size !== archive.size) return false;
      if (theirs.treeHash !== archive.treeHash) return false;
    }
    return true;
  }

  /** The JSON form: a plain object of the archives by id, in upload order (an id such as `__proto__` kept as own). */
  toJSON(): Record<string, ArchiveRecord> {
    const json: Record<string, ArchiveRecord> = {};
    for (const [archiveId, archive] of this.#entries)
      Object.defineProperty(json, archiveId, { value: archive, enumerable: true, writable: true, configurable: true });
    return json;
  }
}

/** The archives of a vault that holds none. */
export const NO_ARCHIVES = ArchiveMap.EMPTY;
