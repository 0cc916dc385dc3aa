/**
 * `glacier-vault-lock check-history FILE…`: checks recorded histories (the JSON of `docs/history-format.md`, as
 * `run` writes them to `out/histories/`, or from any recorder that speaks the format) for linearizability against
 * the model, every operation of each. Exit 0 all are linearizable, 1 one is not, 2 usage or a file that is not one,
 * 4 none is not but one is undecided (its search spent `--search-budget`).
 */
import { readFileSync } from "node:fs";
import { decodeHistory, HistoryFormatError } from "../conformance/history.js";
import { BUDGET_TERMS, checkHistory } from "../conformance/linearizability.js";
import { describeFailure } from "../conformance/race-history.js";
import { parseCommandLine, usage, UsageError, whole } from "./args.js";

const FLAGS = {
  "search-budget": whole(
    `what a history's search may spend (${BUDGET_TERMS.units}) before it stops undecided (default ${BUDGET_TERMS.default})`,
    { min: 1 },
  ).optional(),
};

function load(file: string) {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message}`);
  }
  try {
    return decodeHistory(text);
  } catch (error) {
    if (error instanceof HistoryFormatError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
}

export async function checkHistoryCommand(argv: string[]): Promise<number> {
  const { positionals, flags, help } = parseCommandLine("check-history", argv, FLAGS, {
    max: Infinity,
    names: "FILE…",
  });
  const summary =
    "Check recorded histories for linearizability against the model. Exit 0 all are, 1 one is not, 2 usage, 4 none is not but one is undecided.";
  if (help) {
    console.log(usage("check-history FILE…", summary, FLAGS));
    return 0;
  }
  if (!positionals.length) throw new UsageError("check-history needs at least one history file");
  const budget = flags["search-budget"];
  let [failed, undecided] = [0, 0];
  for (const file of positionals) {
    const history = load(file);
    const start = performance.now();
    const outcome = checkHistory(history, { budget });
    const took = `${history.entries.length} operations, ${outcome.components} independent parts, checked in ${(performance.now() - start).toFixed(0)} ms`;
    if (!outcome.ok && outcome.undecided) undecided++;
    else if (!outcome.ok) failed++;
    console.log(`${file}: ${outcome.ok ? "linearizable" : describeFailure(history, outcome)} (${took})`);
  }
  return failed ? 1 : undecided ? 4 : 0;
}
