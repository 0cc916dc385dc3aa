/**
 * The model's own speed: one oracle step, the compiled transition lookup against XState's own `transition()` on
 * the same events, and the all-transitions path search (all pure, no HTTP).
 */
import { transition } from "xstate";
import { advance, type Snapshot } from "../model/advance.js";
import { computeCoveringPaths } from "../model/covering-paths.js";
import {
  EMPTY_VAULT,
  examplePolicy,
  MemoryWorld,
  step,
  vaultLockMachine,
  type Operation,
  type VaultEvent,
} from "../model/index.js";

const REQUEST = { signer: "111122223333", region: "us-east-1", freshLockId: "L1" };
const T0 = Date.UTC(2026, 0, 1);

/** Microseconds per call of `f` over `ms`. */
function microsPer(f: (i: number) => unknown, ms: number): number {
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < ms) f(calls++);
  return ((performance.now() - start) * 1000) / calls;
}

/** Microseconds per transition, compiled lookup and XState, over the events of a lock's lifecycle, interleaved. */
function transitionSpeed(ms: number): { compiled: number; xstate: number } {
  const events: VaultEvent[] = [
    { type: "CREATE_VAULT", now: T0 },
    { type: "INITIATE", now: T0, lockId: "L1", policy: examplePolicy("valid") },
    { type: "GET", now: T0 },
    { type: "COMPLETE", now: T0, lockId: "L1" },
    { type: "DESCRIBE_VAULT", now: T0 },
  ];
  const states: Snapshot[] = [{ value: "absent", context: EMPTY_VAULT }];
  for (const event of events.slice(0, -1)) states.push(advance(states.at(-1)!, event).next);
  const snapshots = states.map((s) => vaultLockMachine.resolveState(s));
  const totals = { compiled: 0, xstate: 0 };
  for (let round = 0; round < 3; round++) {
    totals.compiled += microsPer((i) => advance(states[i % 5]!, events[i % 5]!), ms / 6) / 3;
    totals.xstate += microsPer((i) => transition(vaultLockMachine, snapshots[i % 5]!, events[i % 5]!), ms / 6) / 3;
  }
  return totals;
}

/** Microseconds per oracle step (Get, Describe, a wrong-id Complete on an InProgress vault), and the path search. */
export function modelSpeed(ms: number): Record<string, number> {
  const world = new MemoryWorld();
  const vault = { accountId: "-", vaultName: "v" };
  const setUp: Operation[] = [
    { name: "CreateVault", ...vault },
    { name: "InitiateVaultLock", ...vault, policy: examplePolicy("valid")! },
  ];
  for (const operation of setUp) world.apply(step(world, { ...REQUEST, now: T0, operation })[0]!.changes);
  const operations: Operation[] = [
    { name: "GetVaultLock", ...vault },
    { name: "DescribeVault", ...vault },
    { name: "CompleteVaultLock", ...vault, lockId: "nope" },
  ];
  const stepMicros = microsPer((i) => step(world, { ...REQUEST, now: T0 + i, operation: operations[i % 3]! }), ms / 3);
  const { compiled, xstate } = transitionSpeed(ms);
  computeCoveringPaths();
  const pathsStart = performance.now();
  const paths = computeCoveringPaths();
  const pathsMs = performance.now() - pathsStart;
  console.log(
    `oracle step: ${stepMicros.toFixed(1)} µs; one transition: compiled lookup ${compiled.toFixed(2)} µs, XState's transition() ${xstate.toFixed(1)} µs, ratio ${(xstate / compiled).toFixed(0)}; all-transitions paths: ${pathsMs.toFixed(0)} ms for ${paths.size} transitions (warm)`,
  );
  return { oracleStepMicros: stepMicros, transitionMicros: compiled, xstateTransitionMicros: xstate, pathsMs };
}
