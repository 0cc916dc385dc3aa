/**
 * Concurrency check of an endpoint: the load generator's history (C clients sending M operations in all over K
 * vaults, through the SDK) checked for linearizability against the model in full, with the time the check took.
 */
import { checkHistory } from "../conformance/linearizability.js";
import { LOAD_MIX, recordLoad, type LoadKind, type LoadShape } from "../conformance/load.js";
import { describeOperation } from "../conformance/requests.js";
import { formatObserved } from "../conformance/invoke.js";
import { clientFor, TargetClock, type Target } from "../conformance/target.js";

export interface ConcurrencyFigures {
  shape: LoadShape;
  requests: number;
  /** 1 when the history has no linearization. */
  violations: number;
  /** The search spent its budget with no verdict (then `violations` is 0 but the history is not checked). */
  undecided: boolean;
  /** Independent parts the check split the history into, and its time. */
  components: number;
  checkMs: number;
  examples: string[];
}

/** Records one load of `shape` on vaults `${prefix}-0…` and checks it; the plan follows from `seed` and `mix`. */
export async function concurrentLoad(
  target: Target,
  prefix: string,
  shape: LoadShape,
  seed: number,
  mix: readonly LoadKind[] = LOAD_MIX,
): Promise<ConcurrencyFigures> {
  const clients = Array.from({ length: shape.clients }, () => clientFor(target));
  const clock = new TargetClock(target);
  try {
    await clock.sync();
    const history = await recordLoad(
      shape,
      seed,
      {
        clients,
        signer: target.accountId,
        region: target.region,
        toleranceMs: 5_000,
        now: () => clock.now(),
        vaultName: (k) => `${prefix}-${k}`,
        allowCompletes: true,
        allowUploads: true,
      },
      mix,
    );
    const start = performance.now();
    const outcome = checkHistory(history);
    const checkMs = performance.now() - start;
    const examples =
      outcome.ok || outcome.undecided
        ? []
        : outcome.unplaceable.slice(0, 3).map((i) => {
            const { operation, observed } = history.entries[i]!;
            return `after ${outcome.longestPrefix.length} operations, unexplained: ${describeOperation(operation)} → ${formatObserved(observed)}`;
          });
    return {
      shape,
      requests: history.entries.length,
      violations: outcome.ok || outcome.undecided ? 0 : 1,
      undecided: !outcome.ok && outcome.undecided,
      components: outcome.components,
      checkMs,
      examples,
    };
  } finally {
    clock.close();
    for (const client of clients) client.destroy();
  }
}
