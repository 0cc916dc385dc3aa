/**
 * A transition lookup compiled from an XState machine's definition at start-up: per state and event type, the
 * candidate transitions in XState's order, each with its guard and its `assign` actions resolved to the
 * machine's own implementations. For the machines it accepts it gives what XState's `transition()` gives
 * (`compiled.test.ts` proves it on random states and events) without building a machine snapshot and an actor
 * scope per call. The machine stays the one source: nothing here names a state, an event or a rule.
 *
 * It accepts flat machines whose transitions are keyed by exact event types and whose actions are all `assign`;
 * guards by name, with parameters or inline. Anything else (nested or parallel states, entry or exit actions,
 * eventless, delayed or wildcard transitions, built-in guard combinators, other actions) is refused when
 * compiling, so a change to the machine this lookup cannot follow fails at start-up instead of drifting.
 */
import type { AnyStateMachine } from "xstate";

/** A machine state as plain data: the state's key and the context. */
export interface MachineState<Value extends string, Context> {
  value: Value;
  context: Context;
}

type Args = { context: never; event: never };
type Fn = (args: Args, params?: unknown) => unknown;
type Params = unknown | ((args: Args) => unknown);

interface Assignment {
  apply: Fn | Record<string, unknown>;
  params: Params;
}

interface Candidate {
  guard?: { check: Fn; params: Params };
  target?: string;
  assignments: Assignment[];
  meta: unknown;
}

/** One step: the next state, and the `meta` of the transition taken (undefined when none is enabled). */
export interface CompiledStep<Value extends string, Context> {
  next: MachineState<Value, Context>;
  taken?: { meta: unknown };
}

interface DefinitionLike {
  guard?: unknown;
  target?: readonly { key: string }[];
  actions: readonly unknown[];
  eventType: string;
  meta?: unknown;
}

function refuse(what: string): never {
  throw new Error(`compiled transitions: ${what} is not supported; extend model/compiled.ts or use XState directly`);
}

function paramsOf(reference: unknown): Params {
  return typeof reference === "object" && reference !== null && "params" in reference ? reference.params : undefined;
}

function resolved(params: Params, args: Args): unknown {
  return typeof params === "function" ? (params as (a: Args) => unknown)(args) : params;
}

function compileGuard(machine: AnyStateMachine, guard: unknown): Candidate["guard"] {
  if (guard === undefined) return undefined;
  const name = typeof guard === "string" ? guard : (guard as { type?: string }).type;
  const check = typeof guard === "function" ? guard : name !== undefined ? machine.implementations.guards[name] : guard;
  if (typeof check !== "function") refuse(`guard ${String(name)} (not a function)`);
  if ("check" in check) refuse(`built-in guard ${String(name ?? check.name)}`);
  return { check: check as Fn, params: typeof guard === "function" ? undefined : paramsOf(guard) };
}

function compileAction(machine: AnyStateMachine, action: unknown): Assignment {
  const name = typeof action === "string" ? action : (action as { type?: string }).type;
  const implementation =
    typeof action === "function" ? action : name !== undefined ? machine.implementations.actions[name] : undefined;
  const assignment = (implementation as { type?: string; assignment?: Assignment["apply"] } | undefined)?.assignment;
  if ((implementation as { type?: string } | undefined)?.type !== "xstate.assign" || assignment === undefined)
    refuse(`action ${String(name)} (only assign actions are)`);
  return { apply: assignment, params: typeof action === "function" ? undefined : paramsOf(action) };
}

function compileNode(machine: AnyStateMachine, key: string, node: AnyStateMachine["root"]): Map<string, Candidate[]> {
  if (Object.keys(node.states).length) refuse(`nested states under ${key}`);
  if (node.entry.length || node.exit.length) refuse(`entry or exit actions of ${key}`);
  if (node.always?.length) refuse(`eventless transitions of ${key}`);
  const byEvent = new Map<string, Candidate[]>();
  for (const [eventType, definitions] of node.transitions as Map<string, DefinitionLike[]>) {
    if (eventType.includes("*") || eventType.startsWith("xstate.")) refuse(`event descriptor ${eventType}`);
    const candidates = definitions.map((definition) => {
      if ((definition.target?.length ?? 0) > 1) refuse(`several targets from ${key} on ${eventType}`);
      const guard = compileGuard(machine, definition.guard);
      const target = definition.target?.[0]?.key;
      return {
        ...(guard ? { guard } : {}),
        ...(target !== undefined ? { target } : {}),
        assignments: definition.actions.map((action) => compileAction(machine, action)),
        meta: definition.meta,
      };
    });
    byEvent.set(eventType, candidates);
  }
  return byEvent;
}

function assign(context: object, event: object, { apply, params }: Assignment): object {
  const args = { context, event } as unknown as Args;
  const value = resolved(params, args);
  if (typeof apply === "function") return { ...context, ...(apply(args, value) as object) };
  const update: Record<string, unknown> = {};
  for (const key of Object.keys(apply)) {
    const part = apply[key];
    update[key] = typeof part === "function" ? (part as Fn)(args, value) : part;
  }
  return { ...context, ...update };
}

/**
 * The machine's transition function as a lookup: the next state for `event` and the transition taken, or `state`
 * itself (the same object) and nothing taken when no transition is enabled. Throws at compile time for
 * definitions it does not support.
 */
export function compileTransitions<Value extends string, Context extends object, Event extends { type: string }>(
  machine: AnyStateMachine,
): (state: MachineState<Value, Context>, event: Event) => CompiledStep<Value, Context> {
  if (machine.root.type !== "compound") refuse(`a ${machine.root.type} root`);
  if (machine.root.transitions.size || machine.root.entry.length || machine.root.exit.length)
    refuse("transitions or actions on the root");
  const table = new Map<string, Map<string, Candidate[]>>();
  for (const [key, node] of Object.entries(machine.root.states)) table.set(key, compileNode(machine, key, node));
  return (state, event) => {
    const candidates = table.get(state.value)?.get(event.type);
    if (!candidates) return { next: state };
    const args = { context: state.context, event } as unknown as Args;
    const taken = candidates.find((c) => !c.guard || Boolean(c.guard.check(args, resolved(c.guard.params, args))));
    if (!taken) return { next: state };
    let context: object = state.context;
    for (const assignment of taken.assignments) context = assign(context, event, assignment);
    const next = { value: (taken.target ?? state.value) as Value, context: context as Context };
    return { next, taken: { meta: taken.meta } };
  };
}
