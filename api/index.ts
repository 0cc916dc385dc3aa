/**
 * The package's main entry: the conformance suite as a library. `runConformance(target, options)` checks an
 * endpoint through the SDK, as `glacier-vault-lock run` does, and returns the report document (reports/document.ts)
 * that every report format is rendered from. `checkHistory` checks a recorded concurrent history (the JSON format
 * of docs/history-format.md, read by `decodeHistory`) for linearizability, as `glacier-vault-lock check-history`.
 */
import { loadExpectations, type ExpectationFile } from "../conformance/expectations.js";
import type { History } from "../conformance/history.js";
import type { LoadShape } from "../conformance/load.js";
import { runSuite, type RunReport, type Shard } from "../conformance/run.js";
import { parseReplay, replayProblem } from "../conformance/sequences.js";
import type { Target } from "../conformance/target.js";
import { InvalidInput } from "../input/read.js";
import { buildDocument, type ReportDocument } from "../reports/document.js";

export type { Expectation, ExpectationFile } from "../conformance/expectations.js";
export type { CheckResult, Generator, ResultVerdict } from "../conformance/results.js";
export type { RunReport, Shard } from "../conformance/run.js";
export { emulatorTarget, type Capabilities, type Credentials, type Target } from "../conformance/target.js";
export { loadExpectations } from "../conformance/expectations.js";
export { InvalidInput } from "../input/read.js";
export type { ReportDocument } from "../reports/document.js";
export type { LoadShape } from "../conformance/load.js";
export {
  decodeHistory,
  encodeHistory,
  HISTORY_FORMAT,
  HistoryFormatError,
  type History,
  type HistoryEntry,
} from "../conformance/history.js";
export {
  checkHistory,
  defaultSearchBudget,
  type CheckOptions,
  type CheckOutcome,
} from "../conformance/linearizability.js";
export { startEmulator, type Emulator, type EmulatorOptions } from "../emulator/server.js";

export interface ConformanceOptions {
  /** Seed of the generated sequences; default random (the document records it). */
  seed?: number | undefined;
  /** Generated sequences; default 100. */
  runs?: number | undefined;
  /** Known deviations of the target: the file's path, or its content. */
  expectations?: string | ExpectationFile | undefined;
  /** `SEED:PATH@REPLAYPATH` of a failure, as a report prints it: reruns that case alone. */
  replay?: string | undefined;
  shard?: Shard | undefined;
  /** Deadline of one whole answer, ms; default 10,000. */
  requestTimeoutMs?: number | undefined;
  /** State file of pending expiry observations, for targets without clock control (real AWS). */
  pendingFile?: string | undefined;
  /** On real AWS: let CompleteVaultLock lock vaults for good, and let the suite upload small archives. */
  allowPermanentLocks?: boolean | undefined;
  allowArchives?: boolean | undefined;
  /** The load race's clients, operations in all and vaults; default 8 × 200 over 4. */
  load?: LoadShape | undefined;
  /** What each race's linearizability search may spend before it is undecided; default `defaultSearchBudget`. */
  searchBudget?: number | undefined;
  /** Given each race's whole recorded history (the report carries at most 500 operations of one). */
  onHistory?: ((raceId: string, history: History) => void) | undefined;
  /** Stops the run at the next request once aborted (it still cleans up and reports). */
  signal?: AbortSignal | undefined;
  progress?: ((line: string) => void) | undefined;
}

/** 3 a defect of the suite, 2 the target could not be checked with these inputs, 1 it did not conform, else 0. */
export function exitCodeOf(report: RunReport): number {
  if (report.suiteErrors?.length) return 3;
  if (report.refused) return 2;
  return report.unexpected === 0 && !report.interrupted && report.leftovers.length === 0 ? 0 : 1;
}

/** True when every run of the document conforms: no unexpected result, nothing left behind, not interrupted. */
export function conforms(document: ReportDocument): boolean {
  return document.runs.every((run) => exitCodeOf(run) === 0);
}

function replayOf(text: string, target: Target) {
  let replay;
  try {
    replay = parseReplay(text);
  } catch (error) {
    throw new InvalidInput(`replay ${text}: ${(error as Error).message}`);
  }
  const problem = replayProblem(replay, target.capabilities.clockControl);
  if (problem) throw new InvalidInput(`replay ${text}: ${problem}`);
  return replay;
}

/** Refuses a count option that is not a whole number of at least 1 (a `load` given must have all three). */
function checkWholeNumbers({ runs, requestTimeoutMs, searchBudget, load }: ConformanceOptions): void {
  const ofLoad = (field: keyof LoadShape) => (load === undefined ? undefined : (load[field] ?? NaN));
  for (const [name, value] of [
    ["runs", runs],
    ["requestTimeoutMs", requestTimeoutMs],
    ["searchBudget", searchBudget],
    ["load.clients", ofLoad("clients")],
    ["load.operations", ofLoad("operations")],
    ["load.vaults", ofLoad("vaults")],
  ] as const)
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 1))
      throw new InvalidInput(`${name} ${value}: takes a whole number of at least 1`);
}

/**
 * Runs the whole suite against `target` (`emulatorTarget(emulator.url, emulator.accounts)` for an emulator) and
 * returns the report document. Refuses bad options with an `InvalidInput` before sending anything.
 */
export async function runConformance(target: Target, options: ConformanceOptions = {}): Promise<ReportDocument> {
  const { expectations, replay, signal, progress, shard, pendingFile } = options;
  const file = typeof expectations === "string" ? loadExpectations(expectations) : expectations;
  const replayed = replay === undefined ? undefined : replayOf(replay, target);
  const { load, searchBudget, onHistory } = options;
  checkWholeNumbers(options);
  const report = await runSuite({
    target,
    seed: replayed?.seed ?? options.seed ?? Math.floor(Math.random() * 2 ** 31),
    runs: options.runs ?? 100,
    allowPermanentLocks: options.allowPermanentLocks ?? false,
    allowArchives: options.allowArchives ?? false,
    accountIdGiven: true,
    ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(file ? { expectations: file } : {}),
    ...(replayed ? { replay: replayed } : {}),
    ...(shard ? { shard } : {}),
    ...(pendingFile ? { pendingFile } : {}),
    ...(load ? { load } : {}),
    ...(searchBudget ? { searchBudget } : {}),
    ...(onHistory ? { onHistory } : {}),
    ...(progress ? { progress } : {}),
    ...(signal ? { interrupted: () => signal.aborted } : {}),
  });
  return buildDocument([report]);
}
