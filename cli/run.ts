/**
 * `glacier-vault-lock run`: the suite against an endpoint, or against the embedded emulator when none is
 * given. Writes the reports (JSON, Markdown, HTML, JUnit) in every case. Exit 0 when every result is a pass or
 * expected; 1 on unexpected results, an interrupted run or vaults left behind; 2 on usage, a refusal, or a target
 * that cannot be checked with these inputs (unreachable, credentials refused); 3 on a defect of the suite itself.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exitCodeOf } from "../api/index.js";
import { loadExpectations, type ExpectationFile } from "../conformance/expectations.js";
import { encodeHistory, type History } from "../conformance/history.js";
import { BUDGET_TERMS } from "../conformance/linearizability.js";
import { parseLoadShape } from "../conformance/load.js";
import { loadPending } from "../conformance/pending.js";
import { runSuite, type RunOptions, type Shard } from "../conformance/run.js";
import { formatReplay, parseReplay, replayProblem } from "../conformance/sequences.js";
import { summarize } from "../conformance/summary.js";
import { emulatorTarget, type Target } from "../conformance/target.js";
import { startEmulator } from "../emulator/server.js";
import { InvalidInput } from "../input/read.js";
import { proofHeadline, prove } from "../model/check/prove.js";
import { buildDocument } from "../reports/document.js";
import { writeReports } from "../reports/write.js";
import {
  parseCommandLine,
  parsed,
  text,
  toggle,
  usage,
  UsageError,
  whole,
  writableDirectory,
  type FlagValues,
} from "./args.js";
import { checkCredentials, SECOND_PRINCIPAL_FLAGS, TARGET_FLAGS, targetFromFlags } from "./target.js";

/** `I/N` with 1 <= I <= N, else undefined. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const shard = match ? { index: Number(match[1]), count: Number(match[2]) } : undefined;
  return shard && shard.index >= 1 && shard.index <= shard.count ? shard : undefined;
}

const replayOf = (raw: string) => {
  try {
    return parseReplay(raw);
  } catch {
    return undefined;
  }
};

const FLAGS = {
  ...TARGET_FLAGS,
  "target-name": text("name of the target in reports").optional(),
  ...SECOND_PRINCIPAL_FLAGS,
  "allow-permanent-locks": toggle("on real AWS, let CompleteVaultLock lock vaults for good"),
  "allow-archives": toggle("on real AWS, let the suite upload small archives (their vaults are deletable a day later)"),
  "state-file": text("pending expiry observations (default on real AWS: .vault-lock-pending.json)").optional(),
  shard: parsed(
    "I/N: run the I-th of N deterministic shares of the work",
    "I/N with 1 <= I <= N",
    parseShard,
  ).optional(),
  "request-timeout": whole(
    "ms a whole answer may take before the step fails (a target that never answers cannot hang a run)",
    { min: 1 },
  ).or("10000"),
  load: parsed(
    "CxMxK: the load race's C clients sending M operations in all over K vaults (default 8x200x4)",
    "CxMxK: clients, operations in all and vaults, each a whole number >= 1",
    parseLoadShape,
  ).optional(),
  "search-budget": whole(
    `what a race's linearizability search may spend (${BUDGET_TERMS.units}) before it stops undecided (default ${BUDGET_TERMS.default})`,
    { min: 1 },
  ).optional(),
  seed: whole("seed of the generated sequences (default: random, printed)").optional(),
  runs: whole("number of generated sequences", { min: 1 }).or("100"),
  expectations: text("expectation file of known deviations").optional(),
  replay: parsed(
    "SEED:PATH[@REPLAYPATH] of a failure to rerun alone",
    "SEED:PATH[@REPLAYPATH] as a failing run prints it",
    replayOf,
  ).optional(),
  out: text("directory for report.json, report.md, report.html, junit.xml").or("out"),
  json: toggle("print the JSON report document on stdout instead of the summary"),
  prove: toggle("also prove the model's properties within bounds (model:check prove) and add them to the reports"),
};

type Flags = FlagValues<typeof FLAGS>;

/** A file flag's input, its refusal prefixed with the flag. */
function fileInput<T>(flag: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof InvalidInput) throw new UsageError(`--${flag} ${error.message}`);
    throw error;
  }
}

/** Everything read from files and flags, checked before anything starts so a typo costs nothing. */
function checkedInputs(flags: Flags, capabilities: Target["capabilities"]) {
  const { replay } = flags;
  const problem = replay && replayProblem(replay, capabilities.clockControl);
  if (problem)
    throw new UsageError(
      `--replay ${formatReplay(replay)}: ${problem}; pass the SEED:PATH@REPLAYPATH a failing run printed`,
    );
  const expectations = flags.expectations
    ? fileInput("expectations", () => loadExpectations(flags.expectations!))
    : undefined;
  const pendingFile = flags["state-file"] ?? (capabilities.realAws ? ".vault-lock-pending.json" : undefined);
  if (pendingFile) fileInput("state-file", () => loadPending(pendingFile));
  writableDirectory("out", flags.out);
  return { replay, expectations, pendingFile };
}

type Options = Omit<RunOptions, "interrupted" | "progress">;

function realAwsNotice(options: Options): string {
  const locks = options.allowPermanentLocks
    ? "PERMANENT LOCKS ALLOWED: vaults this run locks keep their lock policy for good; the policy denies only glacier:DeleteArchive while a LegalHold tag is set (clean-up removes it), so the empty vaults stay deletable and are deleted at the end."
    : "CompleteVaultLock is never sent where it would lock a vault (--allow-permanent-locks to allow).";
  const archives = options.allowArchives
    ? "ARCHIVES ALLOWED: small archives (under 100 bytes each) are uploaded and deleted; their vaults cannot be deleted until the next inventory, about a day later, so they are recorded in the state file as DEFERRED and deleted by a later run."
    : "No archive is uploaded (--allow-archives to allow), so the vaults stay empty and no storage is billed.";
  return `REAL AWS: about ${500 + options.runs * 10} Glacier API requests (request charges apply); only vaults named vlc-* are touched and deleted. ${locks} ${archives}`;
}

/** The external target, refused before anything is sent when the rails say so; undefined: the embedded emulator. */
function externalTarget(flags: Flags): Target | undefined {
  if (flags.endpoint === undefined && !process.env.AWS_ENDPOINT_URL_GLACIER) {
    const ignored = Object.keys(SECOND_PRINCIPAL_FLAGS).find((name) => flags[name as keyof Flags] !== undefined);
    if (ignored)
      throw new UsageError(
        `--${ignored} is for a target given with --endpoint; the embedded emulator has its own second account`,
      );
    return undefined;
  }
  const target = targetFromFlags(flags);
  if (target.capabilities.realAws && flags["account-id"] === undefined)
    throw new UsageError(
      "--account-id is required against real AWS: the suite compares vault ARNs and the URI account id with it",
    );
  return target;
}

function runOptions(
  flags: Flags,
  target: Target,
  inputs: ReturnType<typeof checkedInputs>,
  embedded: boolean,
): Options {
  const { replay, expectations, pendingFile } = inputs;
  return {
    target,
    seed: replay?.seed ?? flags.seed ?? Math.floor(Math.random() * 2 ** 31),
    requestTimeoutMs: flags["request-timeout"],
    accountIdGiven: flags["account-id"] !== undefined || embedded,
    runs: flags.runs,
    allowPermanentLocks: flags["allow-permanent-locks"],
    allowArchives: flags["allow-archives"],
    ...(replay ? { replay } : {}),
    ...(flags.shard ? { shard: flags.shard } : {}),
    ...(flags.load ? { load: flags.load } : {}),
    ...(flags["search-budget"] ? { searchBudget: flags["search-budget"] } : {}),
    ...(pendingFile ? { pendingFile } : {}),
    ...(expectations ? { expectations } : {}),
  };
}

/** Writes a race's whole history to `out/histories/<id>.json`; returns the path. */
function writeHistory(out: string, id: string, history: History): string {
  const dir = join(out, "histories");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${id.replaceAll(":", "-")}.json`);
  writeFileSync(file, encodeHistory(history));
  return file;
}

function expectationsWarning(file: string, expectations: ExpectationFile, target: Target): string | undefined {
  if (expectations.target === target.name) return undefined;
  return `warning: --expectations ${file} is for target "${expectations.target}", this run's target is "${target.name}" (--target-name names it): its entries may match nothing and be listed as stale`;
}

const SUMMARY =
  "Check an endpoint against the vault-lock model. Exit 0 conforms, 1 unexpected results, 2 usage, refusal or a target that cannot be checked (unreachable, credentials refused), 3 a defect of the suite.";

export async function runCommand(argv: string[]): Promise<number> {
  const { flags, help } = parseCommandLine("run", argv, FLAGS);
  if (help) return (console.log(usage("run", SUMMARY, FLAGS)), 0);
  const external = externalTarget(flags);
  if (external?.capabilities.realAws && !flags["allow-real-aws"]) {
    console.error(
      `refusing to run against ${external.endpoint ?? "real AWS"}: it is not loopback. Pass --allow-real-aws to opt in.`,
    );
    return 2;
  }
  const inputs = checkedInputs(flags, external?.capabilities ?? { clockControl: true, realAws: false });
  if (external) await checkCredentials(external);
  const emulator = external ? undefined : await startEmulator({ clockControl: true });
  const target = emulator ? emulatorTarget(emulator.url, emulator.accounts) : external!;
  const options = runOptions(flags, target, inputs, emulator !== undefined);
  const warning = options.expectations && expectationsWarning(flags.expectations!, options.expectations, target);
  if (warning) console.error(warning);
  if (target.capabilities.realAws) console.error(realAwsNotice(options));
  let interrupted = false;
  const onSignal = () => (interrupted = true);
  process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
  const progress = process.stderr.isTTY ? (line: string) => process.stderr.write(`${line}\n`) : undefined;
  console.error(
    `seed ${options.seed}; target ${target.name}${options.shard ? `; shard ${options.shard.index}/${options.shard.count}` : ""}`,
  );
  try {
    const histories: string[] = [];
    const onHistory = (id: string, history: History) => histories.push(writeHistory(flags.out, id, history));
    const report = await runSuite({
      ...options,
      target,
      ...(progress ? { progress } : {}),
      interrupted: () => interrupted,
      onHistory,
    });
    const proof = flags.prove ? prove() : undefined;
    if (proof) console.error(proofHeadline(proof));
    const document = buildDocument([report], new Date(), proof);
    const written = [...writeReports(document, flags.out), ...histories];
    console.log(
      flags.json ? JSON.stringify(document, null, 2) : `${summarize(report)}\nreports: ${written.join(", ")}`,
    );
    return exitCodeOf(report);
  } finally {
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
    await emulator?.close();
  }
}
