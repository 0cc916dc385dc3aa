/**
 * The machine's transitions as data, read from the machine itself: used by the oracle to find an
 * edge's meaning, by the coverage tests and by the diagram. Nothing here restates a rule.
 */
import type { EdgeMeta, LockState } from "./machine.js";
import { vaultLockMachine } from "./machine.js";

export interface Edge {
  id: string;
  source: LockState;
  /** Same as source for a transition that stays in its state. */
  target: LockState;
  event: string;
  guard?: string;
  meta: EdgeMeta;
}

function guardName(guard: unknown): string | undefined {
  if (typeof guard === "string") return guard;
  if (guard && typeof guard === "object" && "type" in guard) return String(guard.type);
  return undefined;
}

function readEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const [stateKey, node] of Object.entries(vaultLockMachine.root.states)) {
    const source = stateKey as LockState;
    for (const [event, definitions] of node.transitions) {
      for (const definition of definitions) {
        const meta = definition.meta as EdgeMeta | undefined;
        if (!meta) throw new Error(`transition ${source} --${event}--> has no meta`);
        const target = (definition.target?.[0]?.key ?? source) as LockState;
        const guard = guardName(definition.guard);
        edges.push({ id: meta.id, source, target, event, meta, ...(guard ? { guard } : {}) });
      }
    }
  }
  return edges;
}

/** Every transition of the vault-lock machine, in declaration order. */
export const EDGES: readonly Edge[] = readEdges();

const byId = new Map(EDGES.map((e) => [e.id, e]));

/** The edge with this id; throws on an unknown id. */
export function edgeById(id: string): Edge {
  const found = byId.get(id);
  if (!found) throw new Error(`unknown edge ${id}`);
  return found;
}
