/**
 * The subresource modules, each defining one policy-governed vault subresource once (`subresource.ts`), and
 * what the model derives from them: their operations, machine events, transitions, guards and updates, and the
 * events the path search and the suite's sequences make. Adding a subresource is one module listed here and
 * its HTTP binding in `protocol/operations.ts`.
 */
import type { AbstractEvent } from "../abstract-events.js";
import type { VaultContext, VaultEvent } from "../machine-types.js";
import type { Operation } from "../operations.js";
import type { Present, Transition } from "../transitions.js";
import { notifications } from "./notifications.js";
import type { RuleArgs, VaultRef } from "./subresource.js";

export { EXAMPLE_NOTIFICATIONS, type NotificationConfig } from "./notifications.js";

/** The modules, in the order reports and routes list their operations. */
const SUBRESOURCES = [notifications] as const;

type Module = (typeof SUBRESOURCES)[number];
/** The name of a subresource's guard. */
export type SubresourceGuard = keyof Module["guards"];
/** The name of a subresource's context update. */
export type SubresourceUpdate = keyof Module["updates"];

const merged = <T>(pick: (module: Module) => unknown): T => Object.assign({}, ...SUBRESOURCES.map(pick)) as T;

/** The subresources' guards, by name. */
export const SUBRESOURCE_GUARDS = merged<Record<SubresourceGuard, (args: RuleArgs) => boolean>>((m) => m.guards);
/** The subresources' context updates, by name. */
export const SUBRESOURCE_UPDATES = merged<Record<SubresourceUpdate, (args: RuleArgs) => Partial<VaultContext>>>(
  (m) => m.updates,
);
/** The model half of the subresources' operations (`OPERATIONS` joins it to the others). */
export const SUBRESOURCE_OPERATIONS = merged<Module["operations"]>((m) => m.operations);

/** The subresources' machine events. */
export const SUBRESOURCE_EVENTS: readonly VaultEvent["type"][] = SUBRESOURCES.flatMap((m) => m.events);

/** Their transitions in a state where the vault exists. */
export function subresourceTransitions(state: Present): Record<string, Transition | Transition[]> {
  return merged<Record<string, Transition | Transition[]>>((m) => m.transitions(state));
}

/** The concrete events the path search tries from a vault, with their abstract descriptions. */
export function exploreSubresources(context: VaultContext, now: number): [VaultEvent, AbstractEvent][] {
  return SUBRESOURCES.flatMap((m) => m.explore(context, now));
}

/** What the path search tells apart: which subresources hold a value. */
export function heldSubresources(context: VaultContext): string[] {
  return SUBRESOURCES.flatMap((m, i) => (m.held(context) ? [String(i)] : []));
}

/** The subresources' abstract events the suite's random sequences draw. */
export const SUBRESOURCE_SEQUENCE_EVENTS: readonly AbstractEvent[] = SUBRESOURCES.flatMap((m) => m.sequenceEvents);

/** The operation a subresource's data-carrying abstract event is on `vault`; undefined for others. */
export function concretizeSubresource(event: AbstractEvent, vault: VaultRef): Operation | undefined {
  for (const m of SUBRESOURCES) {
    const operation = m.concretize(event, vault);
    if (operation) return operation;
  }
  return undefined;
}
