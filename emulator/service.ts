/**
 * The vault service: one world per region, the service clock and lock-id generation around the
 * model's oracle. `execute` is synchronous, so each request's read-decide-write is atomic and the
 * histories it produces are linearizable (RACE-ONE-INITIATE-WINS).
 */
import { randomBytes, randomInt } from "node:crypto";
import { MemoryWorld, step, type Operation, type Response } from "../model/index.js";
import type { ServiceClock } from "./clock.js";
import type { Journal } from "./journal.js";
import { mutatedStep, type Mutant } from "./mutants/catalogue.js";

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
  /** A behavioural mutant, for measuring the suite; never set in normal use. */
  mutant?: Mutant;
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

  /**
   * Serves one operation for `signer` in `region` with the reference outcome, applying its changes. Read, decide,
   * journal and write happen without yielding, so the answer comes at once; only under the `non-atomic-initiate`
   * mutant does an Initiate yield between deciding and writing (the answer is then a promise).
   */
  execute(operation: Operation, signer: string, region: string): Response | Promise<Response> {
    const world = this.world(region);
    const fresh = operation.name === "UploadArchive" ? { freshArchiveId: newArchiveId() } : {};
    const freshLockId = operation.name === "InitiateVaultLock" ? this.lockIds() : "";
    const request = { operation, signer, region, now: this.clock.now(), freshLockId, ...fresh };
    const chosen = mutatedStep(this.options.mutant, world, request, step);
    const commit = () => {
      if (chosen.changes.length) this.options.journal?.append({ region, changes: chosen.changes });
      world.apply(chosen.changes);
      return chosen.response;
    };
    if (this.options.mutant?.layer === "concurrency" && operation.name === "InitiateVaultLock")
      return new Promise((resolve) => setTimeout(resolve, 5)).then(commit);
    return commit();
  }

  private world(region: string): MemoryWorld {
    let world = this.worlds.get(region);
    if (!world) this.worlds.set(region, (world = new MemoryWorld()));
    return world;
  }
}
