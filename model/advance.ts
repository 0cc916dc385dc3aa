/**
 * Taking one transition of the machine, shared by the oracle and the path search, through the lookup compiled from
 * the machine at start-up (`compiled.ts`): XState's own `transition()` builds a machine snapshot and an actor
 * scope per call, most of a step's cost, and gives the same result.
 */
import { compileTransitions, type MachineState } from "./compiled.js";
import { vaultLockMachine, type LockState, type VaultContext, type VaultEvent } from "./machine.js";

/** A vault's machine state: its lock state and context. */
export type Snapshot = MachineState<LockState, VaultContext>;

const transition = compileTransitions<LockState, VaultContext, VaultEvent>(vaultLockMachine);

/** The snapshot without the id of the edge that led to it. */
export function withoutLastEdge(snapshot: Snapshot): Snapshot {
  if (snapshot.context.lastEdge === undefined) return snapshot;
  return { value: snapshot.value, context: { ...snapshot.context, lastEdge: undefined } };
}

/** The next snapshot for `event`; its `context.lastEdge` is the edge taken, undefined when none is. */
export function advance(snapshot: Snapshot, event: VaultEvent): Snapshot {
  return transition(withoutLastEdge(snapshot), event);
}
