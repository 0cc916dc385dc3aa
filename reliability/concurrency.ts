/**
 * Concurrency check of an endpoint: rounds of parallel requests from separate clients, on one vault or spread
 * over several; each round's history must be linearizable against the model (the suite's WGL checker).
 */
import fc from "fast-check";
import { invoke } from "../conformance/invoke.js";
import { linearizations, type HistoryEntry } from "../conformance/linearizability.js";
import { clientFor, type Target } from "../conformance/target.js";
import { examplePolicy, MemoryWorld, type Operation } from "../model/index.js";

export interface ConcurrencyFigures {
  rounds: number;
  requests: number;
  /** Rounds with no linearization. */
  violations: number;
  /** Rounds where more than one Initiate on one vault succeeded. */
  doubleWinners: number;
  examples: string[];
}

type Kind =
  | "CreateVault"
  | "DeleteVault"
  | "DescribeVault"
  | "GetVaultLock"
  | "AbortVaultLock"
  | "InitiateVaultLock"
  | "CompleteVaultLock";
const KINDS: Kind[] = [
  "CreateVault",
  "DeleteVault",
  "DescribeVault",
  "GetVaultLock",
  "AbortVaultLock",
  "InitiateVaultLock",
  "InitiateVaultLock",
  "CompleteVaultLock",
  "CompleteVaultLock",
];

function operation(kind: Kind, vaultName: string, world: MemoryWorld, account: string): Operation {
  if (kind === "InitiateVaultLock") return { name: kind, accountId: "-", vaultName, policy: examplePolicy("valid")! };
  if (kind === "CompleteVaultLock")
    return {
      name: kind,
      accountId: "-",
      vaultName,
      lockId: world.vault(account, vaultName)?.context.lock?.lockId ?? "NONE",
    };
  return { name: kind, accountId: "-", vaultName };
}

/**
 * Runs `rounds` rounds of `width` parallel requests over `vaults` vault names with this prefix. Between rounds
 * it keeps every world the history so far can have ended in, so an ambiguous round is not a false alarm.
 */
export async function concurrentRounds(
  target: Target,
  prefix: string,
  rounds: number,
  width: number,
  vaults: number,
  seed: number,
): Promise<ConcurrencyFigures> {
  const clients = Array.from({ length: width }, () => clientFor(target));
  const plan = fc.sample(
    fc.array(fc.tuple(fc.constantFrom(...KINDS), fc.nat({ max: vaults - 1 })), { minLength: width, maxLength: width }),
    { numRuns: rounds, seed },
  );
  const figures: ConcurrencyFigures = { rounds, requests: 0, violations: 0, doubleWinners: 0, examples: [] };
  let worlds = [new MemoryWorld()];
  for (const round of plan) {
    const operations = round.map(([kind, v]) => operation(kind, `${prefix}-${v}`, worlds[0]!, target.accountId));
    const history: HistoryEntry[] = await Promise.all(
      operations.map(async (op, i) => {
        const called = Date.now();
        const observed = await invoke(clients[i]!, op);
        return { operation: op, observed, called, returned: Date.now() };
      }),
    );
    figures.requests += history.length;
    const winners = new Map<string, number>();
    for (const h of history)
      if (h.operation.name === "InitiateVaultLock" && h.observed.status === 201)
        winners.set(h.operation.vaultName, (winners.get(h.operation.vaultName) ?? 0) + 1);
    if ([...winners.values()].some((n) => n > 1)) figures.doubleWinners++;
    const found = linearizations(worlds, history, {
      signer: target.accountId,
      region: target.region,
      now: Date.now(),
      toleranceMs: 60_000,
    });
    if (!found.length) {
      figures.violations++;
      if (figures.examples.length < 3)
        figures.examples.push(
          history
            .map(
              (h) =>
                `${h.operation.name}(${h.operation.name === "ListVaults" ? "" : h.operation.vaultName}) → ${h.observed.status}`,
            )
            .join("; "),
        );
      break;
    }
    worlds = found;
  }
  return figures;
}
