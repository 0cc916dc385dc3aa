/**
 * The exhaustive checker: breadth-first search over every state the checked system (the model's `step`, or a
 * mutated one) reaches within the bounds, states deduplicated by their canonical fingerprint, every accepted
 * outcome of every move followed. Every state property is checked on every state and every transition
 * property on every transition; the first violation of a property is found at the shortest depth, so its
 * trace from the initial state is a shortest counterexample. Reachability properties are then checked over
 * the graph of reference answers (`reach.ts`). Pure.
 */
import { step as modelStep } from "../oracle.js";
import type { CheckState, Property, StateProperty, TransitionProperty } from "../properties/types.js";
import { PROPERTIES } from "../properties/index.js";
import type { Bounds } from "./bounds.js";
import { canonicalKey } from "./canonical.js";
import { vaultKey } from "./frozen-world.js";
import { movesOf, type Move } from "./moves.js";
import { vaultLocalMemo } from "./memo.js";
import { unreachableGoals, type Graph } from "./reach.js";
import { concretelyEqual, INITIAL_STATE, successors, type Answer, type StepFunction } from "./successors.js";

/** One move of a trace and which of its accepted outcomes was taken (0: the reference one). */
export interface TraceStep {
  move: Move;
  branch: number;
}

export interface Violation {
  property: string;
  detail: string;
  /** From the initial state (no vaults, nothing issued); for a transition property, its last step is the violating one. */
  trace: TraceStep[];
}

export interface ExploreOptions {
  bounds: Bounds;
  /** The checked system; default: the oracle's `step`, memoised per vault record (`memo.ts`). */
  step?: StepFunction;
  properties?: readonly Property[];
  /** Stop after the depth of the first violation (every property violated as early is still reported). */
  stopAtFirstViolation?: boolean;
  /**
   * Check that each kept state and the first other state merged into it answer every move alike, lead to
   * states of equal fingerprints and break the same properties (doubles the work).
   */
  verifyAbstraction?: boolean;
  /** Give up (complete: false) beyond this many states. */
  maxStates?: number;
}

export interface Exploration {
  states: number;
  transitions: number;
  /** The longest shortest path to a state. */
  depth: number;
  /** False when `maxStates` or `stopAtFirstViolation` cut the search short. */
  complete: boolean;
  /** The first violation of each violated property, shortest first. */
  violations: Violation[];
  elapsedMs: number;
}

/** Explores the bounds and checks the properties; see the module comment. */
export function explore(options: ExploreOptions): Exploration {
  return new Search(options).run();
}

class Search {
  private readonly started = performance.now();
  private readonly bounds: Bounds;
  private readonly moves: readonly Move[];
  private readonly answer: Answer;
  private readonly properties: readonly Property[];
  private readonly stateProps: readonly StateProperty[];
  private readonly transitionProps: readonly TransitionProperty[];
  private readonly states: CheckState[] = [];
  private readonly parents: number[] = [];
  private readonly via: (TraceStep | undefined)[] = [];
  private readonly depths: number[] = [];
  private readonly index = new Map<string, number>();
  private readonly graph: Graph = { from: [], to: [] };
  private readonly found = new Map<string, Violation>();
  private readonly signatures = new Map<number, string>();
  private transitions = 0;

  constructor(private readonly options: ExploreOptions) {
    this.bounds = options.bounds;
    this.moves = movesOf(options.bounds);
    const step = options.step ?? modelStep;
    this.answer = options.step ? (world, request) => step(world, request) : vaultLocalMemo(step);
    this.properties = options.properties ?? PROPERTIES;
    this.stateProps = this.properties.filter((p) => p.kind === "state");
    this.transitionProps = this.properties.filter((p) => p.kind === "transition");
  }

  run(): Exploration {
    this.add(INITIAL_STATE, -1, undefined);
    let stopDepth = Infinity;
    let complete = true;
    for (let i = 0; i < this.states.length; i++) {
      if (this.depths[i]! > stopDepth || this.states.length > (this.options.maxStates ?? Infinity)) {
        complete = false;
        break;
      }
      this.expand(i);
      if (this.found.size && this.options.stopAtFirstViolation) stopDepth = Math.min(stopDepth, this.depths[i]!);
    }
    if (complete) this.checkReachability();
    return {
      states: this.states.length,
      transitions: this.transitions,
      depth: Math.max(...this.depths),
      complete,
      violations: [...this.found.values()].sort((a, b) => a.trace.length - b.trace.length),
      elapsedMs: performance.now() - this.started,
    };
  }

  private expand(i: number): void {
    for (const { move, branch, transition } of successors(this.states[i]!, this.moves, this.bounds, this.answer)) {
      this.transitions++;
      const how = { move, branch };
      for (const p of this.transitionProps) this.report(p.id, p.violation(transition), () => [...this.traceTo(i), how]);
      const j = this.add(transition.after, i, how);
      if (branch === 0) (this.graph.from.push(i), this.graph.to.push(j));
    }
  }

  private add(state: CheckState, parent: number, how: TraceStep | undefined): number {
    const key = canonicalKey(state, this.bounds.horizonMs);
    const known = this.index.get(key);
    if (known !== undefined) {
      if (this.options.verifyAbstraction && !this.signatures.has(known) && !concretelyEqual(this.states[known]!, state))
        this.verifyMerge(known, state, key);
      return known;
    }
    const i = this.states.push(state) - 1;
    this.index.set(key, i);
    this.parents.push(parent);
    this.via.push(how);
    this.depths.push(how ? this.depths[parent]! + 1 : 0);
    for (const p of this.stateProps) this.report(p.id, p.violation(state), () => this.traceTo(i));
    return i;
  }

  private report(property: string, detail: string | undefined, trace: () => TraceStep[]): void {
    if (detail !== undefined && !this.found.has(property))
      this.found.set(property, { property, detail, trace: trace() });
  }

  private traceTo(i: number): TraceStep[] {
    const trace: TraceStep[] = [];
    for (let at = i; this.via[at]; at = this.parents[at]!) trace.unshift(this.via[at]!);
    return trace;
  }

  /** Every move's answers, successor fingerprints and broken properties, in one string. */
  private signature(state: CheckState): string {
    return [...successors(state, this.moves, this.bounds, this.answer)]
      .map(({ move, branch, transition: t }) => {
        const broken = this.transitionProps.filter((p) => p.violation(t) !== undefined).map((p) => p.id);
        const answer = t.step ? `${t.step.branch.outcome.status}${t.step.branch.outcome.code ?? ""}` : "";
        return `${JSON.stringify(move)}#${branch}:${answer}:${canonicalKey(t.after, this.bounds.horizonMs)}:${broken.join()}`;
      })
      .join("\n");
  }

  private verifyMerge(known: number, state: CheckState, key: string): void {
    this.signatures.set(known, this.signature(this.states[known]!));
    if (this.signatures.get(known) !== this.signature(state))
      throw new Error(`the fingerprint merges states that answer differently: ${key}`);
  }

  private checkReachability(): void {
    for (const p of this.properties)
      if (p.kind === "reachability")
        for (const account of this.bounds.accounts)
          for (const name of account.vaults) {
            const vault = { account: account.id, name, key: vaultKey(account.id, name) };
            const miss = unreachableGoals(this.graph, this.states, p, vault);
            if (miss) this.report(p.id, `${miss.goal} is unreachable for ${vault.key}`, () => this.traceTo(miss.state));
          }
  }
}
