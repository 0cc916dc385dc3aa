/**
 * Taking one transition of the machine, shared by the oracle and the path search: XState's pure `transition()`
 * builds a whole actor per call (most of a step's cost), so one inert actor scope serves every call. The
 * machine has no children, delays or side effects, so nothing is ever deferred, spawned or emitted through it.
 */
import { createActor, type ActorScope } from "xstate";
import { vaultLockMachine, type VaultEvent } from "./machine.js";

export type Snapshot = ReturnType<typeof vaultLockMachine.resolveState>;

const SCOPE = inertScope();

function inertScope(): ActorScope<Snapshot, VaultEvent> {
  const self = createActor(vaultLockMachine);
  const none = () => {};
  return {
    self,
    system: self.system,
    id: "",
    sessionId: "",
    logger: none,
    defer: none,
    stopChild: none,
    emit: none,
    actionExecutor: none,
  } as unknown as ActorScope<Snapshot, VaultEvent>;
}

/** The snapshot without the id of the edge that led to it. */
export function withoutLastEdge(snapshot: Snapshot): Snapshot {
  if (snapshot.context.lastEdge === undefined) return snapshot;
  return vaultLockMachine.resolveState({
    value: snapshot.value,
    context: { ...snapshot.context, lastEdge: undefined },
  });
}

/** The next snapshot for `event`; its `context.lastEdge` is the edge taken, undefined when none is. */
export function advance(snapshot: Snapshot, event: VaultEvent): Snapshot {
  return vaultLockMachine.transition(withoutLastEdge(snapshot), event, SCOPE);
}
