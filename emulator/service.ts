/**
 * The vault service: one world per region, the service clock and lock-id generation around the
 * model's oracle. `execute` reads, decides, journals and writes without yielding, so each request is atomic and
 * the histories it produces are linearizable (RACE-ONE-INITIATE-WINS).
 */
import { randomBytes, randomInt } from "node:crypto";
import {
  MemoryWorld,
  step,
  type Branch,
  type Operation,
  type Request,
  type Response,
  type WorldView,
} from "../model/index.js";
import type { ServiceClock } from "./clock.js";
import type { Journal } from "./journal.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** 24 random characters of [A-Za-z0-9], the shape of the documented example lock ids. */
export function newLockId(): string {
  let id = "";
  for (let i = 0; i < 24; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

/** 138 URL-safe characters, the length of Glacier's archive ids. */
export function newArchiveId(): string {
  return randomBytes(104).toString("base64url").slice(0, 138);
}

export interface ServiceOptions {
  lockIds?: () => string;
  /** The branch served for a request; by default the oracle's first (reference) branch. */
  decide?: (world: WorldView, request: Request) => Branch;
  /** Durable store: every change is journaled (and on disk) before it is applied and answered. */
  journal?: Journal;
  /** The state to start from, per region (recovered from the journal). */
  worlds?: Map<string, MemoryWorld>;
}

export class VaultService {
  private readonly worlds: Map<string, MemoryWorld>;
  private readonly lockIds: () => string;

  constructor(
    readonly clock: ServiceClock,
    private readonly options: ServiceOptions = {},
  ) {
    this.worlds = options.worlds ?? new Map();
    this.lockIds = options.lockIds ?? newLockId;
  }

  /** Serves one operation for `signer` in `region`: decides and commits at once, atomically. */
  execute(operation: Operation, signer: string, region: string): Response {
    return this.decide(operation, signer, region)();
  }

  /**
   * Decides one operation against the world as it is now; the returned commit journals and applies the decision's
   * changes and gives the answer. Between the two nothing is atomic: `execute` runs them back to back.
   */
  decide(operation: Operation, signer: string, region: string): () => Response {
    const world = this.world(region);
    const fresh = operation.name === "UploadArchive" ? { freshArchiveId: newArchiveId() } : {};
    const freshLockId = operation.name === "InitiateVaultLock" ? this.lockIds() : "";
    const request = { operation, signer, region, now: this.clock.now(), freshLockId, ...fresh };
    const chosen = this.options.decide?.(world, request) ?? step(world, request)[0]!;
    return () => {
      if (chosen.changes.length) this.options.journal?.append({ region, changes: chosen.changes }, world);
      world.apply(chosen.changes);
      return chosen.response;
    };
  }

  private world(region: string): MemoryWorld {
    let world = this.worlds.get(region);
    if (!world) this.worlds.set(region, (world = new MemoryWorld()));
    return world;
  }
}
