/**
 * Taking one transition of the machine, shared by the oracle and the path search, through the lookup compiled from
 * the machine at start-up (`compiled.ts`): XState's own `transition()` builds a machine snapshot and an actor
 * scope per call, most of a step's cost, and gives the same result. The edge taken is the taken transition's own
 * `meta`, as XState's `getTransitionData` reads it.
 */
import { compileTransitions, type MachineState } from "./compiled.js";
import { vaultLockMachine, type EdgeMeta, type LockState, type VaultContext, type VaultEvent } from "./machine.js";

/** A vault's machine state: its lock state and context. */
export type Snapshot = MachineState<LockState, VaultContext>;

/** One step of the machine: the next snapshot, and the edge taken (none when no transition is enabled). */
export interface Step {
  next: Snapshot;
  edge?: EdgeMeta;
}

const transition = compileTransitions<LockState, VaultContext, VaultEvent>(vaultLockMachine);

/** The next snapshot for `event` and the edge it takes; `snapshot` itself when it takes none. */
export function advance(snapshot: Snapshot, event: VaultEvent): Step {
  const { next, taken } = transition(snapshot, event);
  return taken ? { next, edge: taken.meta as EdgeMeta } : { next };
}
