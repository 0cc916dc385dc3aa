/**
 * Helpers to drive the oracle over a MemoryWorld, shared by the model's tests and the emulator's
 * tests: apply the first (reference) branch of each step.
 */
import type { Operation } from "./operations.js";
import { step, type Branch } from "./oracle.js";
import { MemoryWorld } from "./world.js";

export const SIGNER = "111122223333";
export const REGION = "us-east-1";
export const T0 = Date.UTC(2026, 0, 1);

/** A world with a clock, applying the reference outcome of each operation. */
export class ModelDriver {
  readonly world = new MemoryWorld();
  now = T0;
  private ids = 0;

  /** Runs one operation, applies the reference branch, returns all branches. */
  run(operation: Operation, signer = SIGNER): Branch[] {
    const branches = step(this.world, {
      operation,
      signer,
      now: this.now,
      region: REGION,
      freshLockId: `lock-${++this.ids}`,
      ...(operation.name === "UploadArchive" ? { freshArchiveId: `archive-${this.ids}` } : {}),
    });
    this.world.apply(branches[0]!.changes);
    return branches;
  }

  /** The reference branch of one operation on vault `v` of the signer. */
  on(
    vaultName: string,
    operation: DistributiveOmit<Exclude<Operation, { name: "ListVaults" }>, "accountId" | "vaultName">,
  ): Branch {
    return this.run({ ...operation, accountId: "-", vaultName } as Operation)[0]!;
  }

  advance(ms: number): void {
    this.now += ms;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
