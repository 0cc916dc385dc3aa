/** The model's own speed: one oracle step, and the all-transitions path search (both pure, no HTTP). */
import { examplePolicy, MemoryWorld, step, transitionCoveringPaths, type Operation } from "../model/index.js";

const REQUEST = { signer: "111122223333", region: "us-east-1", freshLockId: "L1" };
const T0 = Date.UTC(2026, 0, 1);

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
  let steps = 0;
  const start = performance.now();
  while (performance.now() - start < ms / 3)
    step(world, { ...REQUEST, now: T0 + steps, operation: operations[steps++ % 3]! });
  const stepMicros = ((performance.now() - start) * 1000) / steps;
  transitionCoveringPaths();
  const pathsStart = performance.now();
  const paths = transitionCoveringPaths();
  const pathsMs = performance.now() - pathsStart;
  console.log(
    `oracle step: ${stepMicros.toFixed(0)} µs (${steps} steps); all-transitions paths: ${pathsMs.toFixed(0)} ms for ${paths.size} transitions (warm)`,
  );
  return { oracleStepMicros: stepMicros, pathsMs };
}
