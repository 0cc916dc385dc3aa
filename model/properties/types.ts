/**
 * What a property reads: a state of the checked system (its world, its clock and what the checker has
 * observed so far), or a transition between two such states. Properties are data: a name, the statement in
 * words, the requirement ids it states, and a predicate that names the violation, or returns undefined.
 */
import type { FrozenWorld } from "../check/frozen-world.js";
import type { Request } from "../operations.js";
import type { Branch } from "../oracle.js";

/** What the checker has seen of one vault name (ghost state, from answers only): for properties and bounds. */
export interface VaultHistory {
  /** Lock ids successful Initiates returned for this vault name, oldest first. */
  issued: readonly string[];
  /** Archives it stored. */
  uploads: number;
  /** The archive it deleted last, named again by "gone" deletions. */
  deleted?: string;
}

export interface CheckState {
  world: FrozenWorld;
  /** The endpoint's clock, epoch ms. */
  now: number;
  /** By `account/name`. */
  history: ReadonlyMap<string, VaultHistory>;
}

/** The vault a request addresses, once the account id in its URI resolved to the signer's. */
export interface Addressed {
  account: string;
  name: string;
  key: string;
}

/** One request and one of the outcomes the checked system accepts for it. */
export interface RequestStep {
  request: Request;
  /** Undefined for ListVaults and for a URI naming another account. */
  vault?: Addressed;
  branch: Branch;
  /** Every outcome accepted for the request, `branch` among them. */
  branches: readonly Branch[];
}

/** A request step, or the clock moving by `advancedMs`. */
export interface Transition {
  before: CheckState;
  after: CheckState;
  step?: RequestStep;
  advancedMs?: number;
}

interface Described {
  id: string;
  /** What is guaranteed, in words. */
  statement: string;
  /** Catalogue ids the property states. */
  requirements: readonly string[];
}

/** Holds in every reachable state. */
export interface StateProperty extends Described {
  kind: "state";
  violation(state: CheckState): string | undefined;
}

/** Holds on every transition, each accepted outcome of every request and every clock move. */
export interface TransitionProperty extends Described {
  kind: "transition";
  violation(transition: Transition): string | undefined;
}

/** Liveness within the bounds: from every reachable state where `from` holds for a vault, each goal is reachable. */
export interface ReachabilityProperty extends Described {
  kind: "reachability";
  from(state: CheckState, vault: Addressed): boolean;
  goals: readonly { name: string; holds(state: CheckState, vault: Addressed): boolean }[];
}

export type Property = StateProperty | TransitionProperty | ReachabilityProperty;
