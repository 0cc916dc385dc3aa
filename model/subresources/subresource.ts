/**
 * The shape of a subresource module: one file defines everything the model knows of a vault subresource that a
 * lock policy can govern (its operations' model half, machine events, transitions, guards and updates, and how
 * the path search, the suite's sequences and `concretize` make its events). Its types join the model's unions
 * by declaration merging (`SubresourceOperations`, `SubresourceEvents`, `SubresourceAbstractEvents`,
 * `VaultContext`); its HTTP binding is `protocol/operations.ts`. `index.ts` lists the modules.
 */
import type { AbstractEvent } from "../abstract-events.js";
import type { VaultContext, VaultEvent } from "../machine-types.js";
import type { Operation, OperationDefinition, OperationName } from "../operations.js";
import type { Present, Transition } from "../transitions.js";

/** What a guard or an update is given. */
export interface RuleArgs {
  context: VaultContext;
  event: VaultEvent;
}

/** A vault named in an operation the suite sends: the account is the signer's (`-`). */
export interface VaultRef {
  accountId: string;
  vaultName: string;
}

/**
 * One subresource, defined once. `Event` are its machine events, `Guard` and `Update` the names of its guards and
 * context updates.
 */
export interface Subresource<Event extends string, Guard extends string, Update extends string> {
  /** The model half of each of its operations (governance, machine event, answer). */
  operations: { [N in OperationName]?: OperationDefinition<N> };
  /** Its machine events; on a vault that does not exist each is 404 (VAULT-OPS-MISSING). */
  events: readonly Event[];
  /** Its transitions in each state where the vault exists. */
  transitions: (state: Present) => Record<Event, Transition | Transition[]>;
  guards: Record<Guard, (args: RuleArgs) => boolean>;
  updates: Record<Update, (args: RuleArgs) => Partial<VaultContext>>;
  /** The concrete events the path search tries from a vault, each with its abstract description. */
  explore: (context: VaultContext, now: number) => [VaultEvent, AbstractEvent][];
  /** Whether the vault holds a value of it: the path search tells such states apart. */
  held: (context: VaultContext) => boolean;
  /** The abstract events the suite's random sequences draw. */
  sequenceEvents: readonly AbstractEvent[];
  /**
   * The operation one of its data-carrying abstract events is on `vault`; undefined for any other event (one
   * without data is its operation's on the vault, by the operation's machine event).
   */
  concretize: (event: AbstractEvent, vault: VaultRef) => Operation | undefined;
}
