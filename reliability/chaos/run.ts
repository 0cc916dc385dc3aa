/**
 * `runChaos(options)`: the project's own chaos test. For each (seed, fault kind) it starts a fresh emulator with
 * clock control, puts the chaos proxy in front of it injecting only that kind (and, for `mixed`, every kind on
 * both route scopes), runs the suite's CLI against the proxy as a child process, and records what a user of the
 * suite would suffer: a crash (a stack trace, or an exit code other than 0–3), a hang (killed after
 * `timeoutMs`), reports not written, vaults left on the emulator that the report does not list, and which
 * results failed with which requirements.
 */
import { ListVaultsCommand } from "@aws-sdk/client-glacier";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AccountCredentials } from "../../emulator/accounts.js";
import { startEmulator } from "../../emulator/server.js";
import { sdkClient } from "../../emulator/testing.js";
import { FAULT_KINDS, faultOf, type Fault, type Route } from "./faults.js";
import { crashOf, runSuiteCli, type Child } from "./child.js";
import { startChaosProxy, type ChaosProxyOptions } from "./proxy.js";

/** The run with every kind at once, on the AWS and the clock-control routes. */
export const MIXED = "mixed";
export const DEFAULT_RATE = { aws: 0.05, clock: 0.5 };
/** Long enough for a slow run on a busy machine (a whole run takes 5–60 s on 2 shared cores); a hang costs this. */
export const DEFAULT_TIMEOUT_MS = 120_000;
export const REPORT_FILES = ["report.json", "report.md", "report.html", "junit.xml"] as const;

export interface ChaosOptions {
  seeds: readonly number[];
  /** Fault kinds, each run alone, and/or `mixed`; default: every kind and `mixed`. */
  kinds?: readonly string[];
  /** The suite's `--runs` (generated sequences); default 5. */
  runs?: number;
  /** A run still going after this long is killed and counted as a hang; default `DEFAULT_TIMEOUT_MS`. */
  timeoutMs?: number;
  /** The proxy's injection rate; default 5 % of the AWS answers and half the clock-control ones. */
  rate?: ChaosProxyOptions["rate"];
  /** Runs at once; default 2. */
  concurrency?: number;
  /**
   * Split the suite into this many shares (`run --shard`) and let the runs take turns at them (run j does share
   * j mod N + 1): each run does 1/N of the work, the set of runs still covers all of it. Default 1: whole runs.
   */
  shards?: number;
  /** More flags for the suite's `run`. */
  suiteArgs?: readonly string[];
  /** Called after each run. */
  progress?: (run: ChaosRun) => void;
}

/** One run of the set: a fault kind (or `mixed`), the seed of the proxy and the suite, the suite's share. */
export interface ChaosJob {
  kind: string;
  seed: number;
  /** `I/N` for `run --shard`; absent: the whole suite. */
  shard?: string;
}

export interface ChaosRun extends ChaosJob {
  scope: Route | "both";
  /** Faults the proxy injected, by kind. */
  injected: Record<string, number>;
  exitCode: number | null;
  crashed: boolean;
  /** The error line of the stack trace, or the exit code or signal that counts as a crash. */
  crash?: string;
  hung: boolean;
  /** Which of the four reports exist afterwards. */
  reports: string[];
  /** `vlc-` vaults left on the emulator, listed through the SDK straight from it. */
  upstreamVaults: string[];
  /** What report.json's `leftovers` (and `deferred`) list. */
  reportedLeftovers: string[];
  /** Vaults left on the emulator that the report does not list. */
  unreportedLeaks: string[];
  /** Results with verdict fail: id and requirements. */
  failures: { id: string; requirements: string[] }[];
  /** The defects of its own the suite reported (report.json's `suiteErrors`; exit 3). */
  suiteErrors: string[];
  /** Single-fault runs that injected something: whether the failures are the fault's (`attributedTo`). */
  attributed?: boolean;
  durationMs: number;
}

/** Scope of a single-kind run: the clock route for the clock kinds, else the AWS routes. */
const scopeOf = (kind: string): Route | "both" =>
  kind === MIXED ? "both" : faultOf(kind).routes === "clock" ? "clock" : "aws";

async function listVlcVaults(url: string, accounts: readonly AccountCredentials[]): Promise<string[]> {
  const names: string[] = [];
  for (const account of accounts) {
    const client = sdkClient(url, account);
    let marker: string | undefined;
    do {
      const page = await client.send(new ListVaultsCommand({ accountId: "-", ...(marker ? { marker } : {}) }));
      names.push(...(page.VaultList ?? []).map((v) => v.VaultName ?? "").filter((n) => n.startsWith("vlc-")));
      marker = page.Marker;
    } while (marker);
    client.destroy();
  }
  return names;
}

type ReportFacts = Pick<ChaosRun, "failures" | "suiteErrors"> & { leftovers: string[] };

function readReport(out: string): ReportFacts {
  const empty = { leftovers: [], failures: [], suiteErrors: [] };
  if (!existsSync(join(out, "report.json"))) return empty;
  try {
    const run = (JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as { runs?: unknown[] }).runs?.[0] as {
      leftovers?: string[];
      deferred?: string[];
      suiteErrors?: string[];
      results?: { id: string; verdict: string; requirements?: string[] }[];
    };
    const failed = (run?.results ?? []).filter((r) => r.verdict === "fail");
    return {
      leftovers: [...(run?.leftovers ?? []), ...(run?.deferred ?? [])],
      failures: failed.map((r) => ({ id: r.id, requirements: r.requirements ?? [] })),
      suiteErrors: run?.suiteErrors ?? [],
    };
  } catch {
    return empty;
  }
}

/**
 * Whether the run's failures are the fault's: one names a requirement it breaks (any requirement for "step"),
 * or, for a fault that breaks nothing, there is no failure at all.
 */
export function attributedTo(fault: Fault, failures: ChaosRun["failures"]): boolean {
  const breaks = fault.breaks ?? "step";
  if (breaks === "nothing") return failures.length === 0;
  return failures.some((f) =>
    breaks === "step" ? f.requirements.length > 0 : f.requirements.some((id) => breaks.includes(id)),
  );
}

/** One suite run through a proxy injecting `kind` (or every kind, for `mixed`) with `seed`. */
export async function chaosRun(job: ChaosJob, options: Omit<ChaosOptions, "seeds" | "kinds">): Promise<ChaosRun> {
  const { kind, seed, shard } = job;
  const started = Date.now();
  const scope = scopeOf(kind);
  const emulator = await startEmulator({ clockControl: true });
  const kinds = kind === MIXED ? FAULT_KINDS : [kind];
  const proxy = await startChaosProxy({
    upstream: emulator.url,
    seed,
    kinds,
    rate: options.rate ?? DEFAULT_RATE,
    scope,
  });
  const out = mkdtempSync(join(tmpdir(), "vault-chaos-"));
  const account = emulator.accounts[0]!;
  try {
    const child = await runSuiteCli(
      [
        ...["--endpoint", proxy.url, "--clock-control", "--account-id", account.accountId],
        ...["--access-key-id", account.accessKeyId, "--secret-access-key", account.secretAccessKey],
        ...["--target-name", `chaos-${kind}`, "--out", out, "--seed", String(seed)],
        ...["--runs", String(options.runs ?? 5), ...(shard ? ["--shard", shard] : []), ...(options.suiteArgs ?? [])],
      ],
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
    const upstreamVaults = await listVlcVaults(emulator.url, emulator.accounts);
    const injected: Record<string, number> = {};
    for (const { kind: k } of proxy.injected) injected[k] = (injected[k] ?? 0) + 1;
    const judged = judge(child, out, upstreamVaults);
    const single = kind !== MIXED && proxy.injected.length > 0;
    const attributed = single ? { attributed: attributedTo(faultOf(kind), judged.failures) } : {};
    return { ...job, scope, injected, ...judged, ...attributed, durationMs: Date.now() - started };
  } finally {
    await proxy.close();
    await emulator.close();
    rmSync(out, { recursive: true, force: true });
  }
}

type Judged = Omit<ChaosRun, keyof ChaosJob | "scope" | "injected" | "attributed" | "durationMs">;

/** What the finished child, its reports in `out` and the vaults left on the emulator say about the run. */
function judge(child: Child, out: string, upstreamVaults: string[]): Judged {
  const { leftovers, failures, suiteErrors } = readReport(out);
  const crash = crashOf(child);
  return {
    exitCode: child.exitCode,
    crashed: crash !== undefined,
    ...(crash ? { crash } : {}),
    hung: child.hung,
    reports: REPORT_FILES.filter((file) => existsSync(join(out, file))),
    upstreamVaults,
    reportedLeftovers: leftovers,
    unreportedLeaks: upstreamVaults.filter((name) => !leftovers.includes(name)),
    failures,
    suiteErrors,
  };
}

/** Every (kind, seed) run, `concurrency` at a time, in a fixed order (kinds, then seeds). */
export async function runChaos(options: ChaosOptions): Promise<ChaosRun[]> {
  const kinds = options.kinds ?? [...FAULT_KINDS, MIXED];
  for (const kind of kinds) if (kind !== MIXED) faultOf(kind);
  const shards = options.shards ?? 1;
  const jobs: ChaosJob[] = kinds
    .flatMap((kind) => options.seeds.map((seed) => ({ kind, seed })))
    .map((job, j) => (shards > 1 ? { ...job, shard: `${(j % shards) + 1}/${shards}` } : job));
  const runs: ChaosRun[] = new Array<ChaosRun>(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      runs[index] = await chaosRun(jobs[index]!, options);
      options.progress?.(runs[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  return runs;
}
