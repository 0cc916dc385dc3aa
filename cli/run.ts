/**
 * `glacier-vault-lock run`: the suite against an endpoint, or against the embedded emulator when none is
 * given. Writes the reports (JSON, Markdown, HTML, JUnit) in every case. Exit 0 when every result is a pass or
 * expected; 1 on unexpected results, an interrupted run or vaults left behind; 2 on usage, a refusal, or a target
 * that cannot be checked with these inputs (unreachable, credentials refused); 3 on a defect of the suite itself.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadExpectations } from "../conformance/expectations.js";
import { encodeHistory, type History } from "../conformance/history.js";
import { parseLoadShape } from "../conformance/load.js";
import { runSuite, type RunOptions, type RunReport, type Shard } from "../conformance/run.js";
import { parseReplay } from "../conformance/sequences.js";
import { summarize } from "../conformance/summary.js";
import { emulatorTarget, type Target } from "../conformance/target.js";
import { startEmulator, type Emulator } from "../emulator/server.js";
import { proofHeadline, prove } from "../model/check/prove.js";
import { buildDocument } from "../reports/document.js";
import { writeReports } from "../reports/write.js";
import { parseFlags, usage, UsageError, type FlagSpec } from "./args.js";
import { targetFromFlags } from "./target.js";

const FLAGS: FlagSpec = {
  endpoint: { type: "string", description: "endpoint URL; none: start the embedded emulator" },
  region: { type: "string", description: "signing region (else AWS_REGION, else us-east-1)" },
  "target-name": { type: "string", description: "name of the target in reports" },
  "account-id": {
    type: "string",
    description: "the signer's 12-digit account id; required on real AWS (default on loopback: 123456789012, moto's)",
  },
  "access-key-id": { type: "string", description: "credentials (else the SDK's default chain)" },
  "secret-access-key": { type: "string", description: "credentials (else the SDK's default chain)" },
  "clock-control": { type: "boolean", description: "the endpoint serves /__emulator/clock", default: false },
  "allow-real-aws": {
    type: "boolean",
    description: "allow an endpoint that is not loopback (real AWS)",
    default: false,
  },
  "allow-permanent-locks": {
    type: "boolean",
    description: "on real AWS, let CompleteVaultLock lock vaults for good",
    default: false,
  },
  "allow-archives": {
    type: "boolean",
    description: "on real AWS, let the suite upload small archives (their vaults are deletable a day later)",
    default: false,
  },
  "state-file": {
    type: "string",
    description: "pending expiry observations (default on real AWS: .vault-lock-pending.json)",
  },
  shard: { type: "string", description: "I/N: run the I-th of N deterministic shares of the work" },
  "request-timeout": {
    type: "string",
    description: "ms a whole answer may take before the step fails (a target that never answers cannot hang a run)",
    default: "10000",
  },
  load: {
    type: "string",
    description: "CxMxK: the load race's C clients sending M operations in all over K vaults (default 8x200x4)",
  },
  seed: { type: "string", description: "seed of the generated sequences (default: random, printed)" },
  runs: { type: "string", description: "number of generated sequences", default: "100" },
  expectations: { type: "string", description: "expectation file of known deviations" },
  replay: { type: "string", description: "SEED:PATH[@REPLAYPATH] of a failure to rerun alone" },
  out: { type: "string", description: "directory for report.json, report.md, report.html, junit.xml", default: "out" },
  json: {
    type: "boolean",
    description: "print the JSON report document on stdout instead of the summary",
    default: false,
  },
  prove: {
    type: "boolean",
    description: "also prove the model's properties within bounds (model:check prove) and add them to the reports",
    default: false,
  },
};

type Flags = Record<string, string | boolean | undefined>;
const str = (flags: Flags, name: string) => (typeof flags[name] === "string" ? (flags[name] as string) : undefined);

/** `I/N` → shard; throws a usage error otherwise. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const shard = match ? { index: Number(match[1]), count: Number(match[2]) } : undefined;
  if (!shard || shard.index < 1 || shard.index > shard.count)
    throw new UsageError("--shard takes I/N with 1 <= I <= N");
  return shard;
}

/** Writes a race's whole history to `out/histories/<id>.json`; returns the path. */
function writeHistory(out: string, id: string, history: History): string {
  const dir = join(out, "histories");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${id.replaceAll(":", "-")}.json`);
  writeFileSync(file, encodeHistory(history));
  return file;
}

async function resolveTarget(flags: Flags): Promise<{ target: Target; emulator?: Emulator }> {
  if (str(flags, "endpoint") === undefined && !process.env.AWS_ENDPOINT_URL_GLACIER) {
    const emulator = await startEmulator({ clockControl: true });
    return { target: emulatorTarget(emulator.url, emulator.accounts), emulator };
  }
  const target = targetFromFlags({
    endpoint: str(flags, "endpoint"),
    region: str(flags, "region"),
    name: str(flags, "target-name"),
    accountId: str(flags, "account-id"),
    accessKeyId: str(flags, "access-key-id"),
    secretAccessKey: str(flags, "secret-access-key"),
    clockControl: Boolean(flags["clock-control"]),
  });
  return { target };
}

type Work = Pick<RunOptions, "replay" | "shard" | "load">;

/** Replay, shard and load, read before anything starts so a typo costs nothing. */
function parseWork(flags: Flags): Work {
  let replay;
  try {
    replay = str(flags, "replay") !== undefined ? parseReplay(str(flags, "replay")!) : undefined;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const load = str(flags, "load") !== undefined ? parseLoadShape(str(flags, "load")!) : undefined;
  if (str(flags, "load") !== undefined && !load)
    throw new UsageError("--load takes CxMxK: clients, operations in all and vaults, each a whole number >= 1");
  return {
    ...(replay ? { replay } : {}),
    ...(str(flags, "shard") ? { shard: parseShard(str(flags, "shard")!) } : {}),
    ...(load ? { load } : {}),
  };
}

function runOptions(
  flags: Flags,
  target: Target,
  work: Work,
  embedded: boolean,
): Omit<RunOptions, "interrupted" | "progress"> {
  const { replay } = work;
  const seed =
    replay?.seed ??
    (str(flags, "seed") !== undefined ? Number(str(flags, "seed")) : Math.floor(Math.random() * 2 ** 31));
  const pendingFile =
    str(flags, "state-file") ?? (target.capabilities.realAws ? ".vault-lock-pending.json" : undefined);
  const requestTimeoutMs = Number(str(flags, "request-timeout") ?? 10_000);
  if (!Number.isInteger(requestTimeoutMs) || requestTimeoutMs < 1)
    throw new UsageError("--request-timeout takes a whole number of milliseconds, at least 1");
  return {
    target,
    seed,
    requestTimeoutMs,
    accountIdGiven: str(flags, "account-id") !== undefined || embedded,
    runs: Number(str(flags, "runs") ?? 100),
    allowPermanentLocks: Boolean(flags["allow-permanent-locks"]),
    allowArchives: Boolean(flags["allow-archives"]),
    ...work,
    ...(pendingFile ? { pendingFile } : {}),
    ...(str(flags, "expectations") ? { expectations: loadExpectations(str(flags, "expectations")!) } : {}),
  };
}

function realAwsNotice(options: ReturnType<typeof runOptions>): string {
  const locks = options.allowPermanentLocks
    ? "PERMANENT LOCKS ALLOWED: vaults this run locks keep their lock policy for good; the policy denies only glacier:DeleteArchive while a LegalHold tag is set (clean-up removes it), so the empty vaults stay deletable and are deleted at the end."
    : "CompleteVaultLock is never sent where it would lock a vault (--allow-permanent-locks to allow).";
  const archives = options.allowArchives
    ? "ARCHIVES ALLOWED: small archives (under 100 bytes each) are uploaded and deleted; their vaults cannot be deleted until the next inventory, about a day later, so they are recorded in the state file as DEFERRED and deleted by a later run."
    : "No archive is uploaded (--allow-archives to allow), so the vaults stay empty and no storage is billed.";
  return `REAL AWS: about ${500 + options.runs * 10} Glacier API requests (request charges apply); only vaults named vlc-* are touched and deleted. ${locks} ${archives}`;
}

/** 3 a defect of the suite, 2 the target could not be checked with these inputs, 1 it did not conform, else 0. */
export function exitCode(report: RunReport): number {
  if (report.suiteErrors?.length) return 3;
  if (report.refused) return 2;
  return report.unexpected === 0 && !report.interrupted && report.leftovers.length === 0 ? 0 : 1;
}

export async function runCommand(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  if (flags.help) {
    console.log(
      usage(
        "run",
        "Check an endpoint against the vault-lock model. Exit 0 conforms, 1 unexpected results, 2 usage, refusal or a target that cannot be checked (unreachable, credentials refused), 3 a defect of the suite.",
        FLAGS,
      ),
    );
    return 0;
  }
  const work = parseWork(flags);
  const { target, emulator } = await resolveTarget(flags);
  if (target.capabilities.realAws && str(flags, "account-id") === undefined) {
    await emulator?.close();
    throw new UsageError(
      "--account-id is required against real AWS: the suite compares vault ARNs and the URI account id with it",
    );
  }
  if (target.capabilities.realAws && !flags["allow-real-aws"]) {
    console.error(
      `refusing to run against ${target.endpoint ?? "real AWS"}: it is not loopback. Pass --allow-real-aws to opt in.`,
    );
    await emulator?.close();
    return 2;
  }
  const options = runOptions(flags, target, work, emulator !== undefined);
  if (target.capabilities.realAws) console.error(realAwsNotice(options));
  let interrupted = false;
  const onSignal = () => (interrupted = true);
  process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
  const progress = process.stderr.isTTY ? (line: string) => process.stderr.write(`${line}\n`) : undefined;
  console.error(
    `seed ${options.seed}; target ${target.name}${options.shard ? `; shard ${options.shard.index}/${options.shard.count}` : ""}`,
  );
  try {
    const out = str(flags, "out") ?? "out";
    const histories: string[] = [];
    const onHistory = (id: string, history: History) => histories.push(writeHistory(out, id, history));
    const report = await runSuite({
      ...options,
      ...(progress ? { progress } : {}),
      interrupted: () => interrupted,
      onHistory,
    });
    const proof = flags.prove ? prove() : undefined;
    if (proof) console.error(proofHeadline(proof));
    const document = buildDocument([report], new Date(), proof);
    const written = [...writeReports(document, out), ...histories];
    console.log(
      flags.json ? JSON.stringify(document, null, 2) : `${summarize(report)}\nreports: ${written.join(", ")}`,
    );
    return exitCode(report);
  } finally {
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
    await emulator?.close();
  }
}
