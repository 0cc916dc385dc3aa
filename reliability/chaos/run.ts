/**
 * `runChaos(options)`: the project's own chaos test. For each (seed, fault kind) it starts a fresh emulator with
 * clock control, puts the chaos proxy in front of it injecting only that kind (and, for `mixed`, every kind on
 * both route scopes), runs the suite's CLI against the proxy as a child process, and records what a user of the
 * suite would suffer: a crash (a stack trace, or an exit code other than 0–3), a hang (killed after
 * `timeoutMs`), reports not written, vaults left on the emulator that the report does not list, and which
 * results failed with which requirements.
 */
import { ListVaultsCommand } from "@aws-sdk/client-glacier";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AccountCredentials } from "../../emulator/accounts.js";
import { startEmulator } from "../../emulator/server.js";
import { sdkClient } from "../../emulator/testing.js";
import { FAULT_KINDS, faultOf, type Fault, type Route } from "./faults.js";
import { startChaosProxy, type ChaosProxyOptions } from "./proxy.js";

/** The run with every kind at once, on the AWS and the clock-control routes. */
export const MIXED = "mixed";
export const DEFAULT_RATE = { aws: 0.05, clock: 0.5 };
export const REPORT_FILES = ["report.json", "report.md", "report.html", "junit.xml"] as const;

export interface ChaosOptions {
  seeds: readonly number[];
  /** Fault kinds, each run alone, and/or `mixed`; default: every kind and `mixed`. */
  kinds?: readonly string[];
  /** The suite's `--runs` (generated sequences); default 5. */
  runs?: number;
  /** A run still going after this long is killed and counted as a hang; default 30 s. */
  timeoutMs?: number;
  /** The proxy's injection rate; default 5 % of the AWS answers and half the clock-control ones. */
  rate?: ChaosProxyOptions["rate"];
  /** Runs at once; default 2. */
  concurrency?: number;
  /** More flags for the suite's `run`. */
  suiteArgs?: readonly string[];
  /** Called after each run. */
  progress?: (run: ChaosRun) => void;
}

export interface ChaosRun {
  kind: string;
  seed: number;
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
  /** Single-fault runs that injected something: whether a failure names a requirement the fault breaks. */
  attributed?: boolean;
  durationMs: number;
}

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const STDERR_CAP = 256 * 1024;

/** Scope of a single-kind run: the clock route for the clock kinds, else the AWS routes. */
const scopeOf = (kind: string): Route | "both" =>
  kind === MIXED ? "both" : faultOf(kind).routes === "clock" ? "clock" : "aws";

interface Child {
  exitCode: number | null;
  signal: string | null;
  stderr: string;
  hung: boolean;
}

/** Runs the suite CLI; SIGTERM after `timeoutMs`, SIGKILL 2 s later. */
function runSuiteCli(args: readonly string[], timeoutMs: number): Promise<Child> {
  const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", NODE_NO_WARNINGS: "1" };
  const child = spawn(process.execPath, ["--import", "tsx", "cli/main.ts", "run", ...args], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    if (stderr.length < STDERR_CAP) stderr += chunk.toString("utf8");
  });
  let hung = false;
  const timers: NodeJS.Timeout[] = [];
  timers.push(
    setTimeout(() => {
      hung = true;
      child.kill("SIGTERM");
      timers.push(setTimeout(() => child.kill("SIGKILL"), 2_000));
    }, timeoutMs),
  );
  return new Promise((resolve) =>
    child.on("close", (exitCode, signal) => {
      timers.forEach(clearTimeout);
      resolve({ exitCode, signal, stderr, hung });
    }),
  );
}

/** The message line of the first stack trace in `stderr` (the line before its first `at …` frame). */
export function stackTraceError(stderr: string): string | undefined {
  const lines = stderr.split("\n");
  const frame = lines.findIndex((line) => /^\s+at .*(:\d+:\d+|\(native\)|<anonymous>)/.test(line));
  if (frame < 0) return undefined;
  return (
    lines
      .slice(0, frame)
      .reverse()
      .find((line) => line.trim() !== "") ?? lines[frame]!.trim()
  );
}

function crashOf(child: Child): string | undefined {
  const trace = stackTraceError(child.stderr);
  if (trace) return trace;
  if (child.hung) return undefined;
  if (child.exitCode === null) return `killed by ${child.signal}`;
  return [0, 1, 2, 3].includes(child.exitCode) ? undefined : `exit code ${child.exitCode}`;
}

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

interface ReportFacts {
  leftovers: string[];
  failures: ChaosRun["failures"];
}

function readReport(out: string): ReportFacts {
  const empty = { leftovers: [], failures: [] };
  if (!existsSync(join(out, "report.json"))) return empty;
  try {
    const run = (JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as { runs?: unknown[] }).runs?.[0] as {
      leftovers?: string[];
      deferred?: string[];
      results?: { id: string; verdict: string; requirements?: string[] }[];
    };
    const failed = (run?.results ?? []).filter((r) => r.verdict === "fail");
    return {
      leftovers: [...(run?.leftovers ?? []), ...(run?.deferred ?? [])],
      failures: failed.map((r) => ({ id: r.id, requirements: r.requirements ?? [] })),
    };
  } catch {
    return empty;
  }
}

/** Whether a failure names a requirement `fault` breaks ("step": any requirement at all). */
export function attributedTo(fault: Fault, failures: ChaosRun["failures"]): boolean {
  const breaks = fault.breaks;
  return failures.some((f) =>
    breaks === "step" ? f.requirements.length > 0 : f.requirements.some((id) => breaks.includes(id)),
  );
}

/** One suite run through a proxy injecting `kind` (or every kind, for `mixed`) with `seed`. */
export async function chaosRun(kind: string, seed: number, options: Omit<ChaosOptions, "seeds">): Promise<ChaosRun> {
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
        ...["--runs", String(options.runs ?? 5), ...(options.suiteArgs ?? [])],
      ],
      options.timeoutMs ?? 30_000,
    );
    const reports = REPORT_FILES.filter((file) => existsSync(join(out, file)));
    const { leftovers, failures } = readReport(out);
    const upstreamVaults = await listVlcVaults(emulator.url, emulator.accounts);
    const injected: Record<string, number> = {};
    for (const { kind: k } of proxy.injected) injected[k] = (injected[k] ?? 0) + 1;
    const crash = crashOf(child);
    return {
      kind,
      seed,
      scope,
      injected,
      exitCode: child.exitCode,
      crashed: crash !== undefined,
      ...(crash ? { crash } : {}),
      hung: child.hung,
      reports,
      upstreamVaults,
      reportedLeftovers: leftovers,
      unreportedLeaks: upstreamVaults.filter((name) => !leftovers.includes(name)),
      failures,
      ...(kind !== MIXED && proxy.injected.length > 0 ? { attributed: attributedTo(faultOf(kind), failures) } : {}),
      durationMs: Date.now() - started,
    };
  } finally {
    await proxy.close();
    await emulator.close();
    rmSync(out, { recursive: true, force: true });
  }
}

/** Every (seed, kind) run, `concurrency` at a time, in a fixed order (kinds, then seeds). */
export async function runChaos(options: ChaosOptions): Promise<ChaosRun[]> {
  const kinds = options.kinds ?? [...FAULT_KINDS, MIXED];
  for (const kind of kinds) if (kind !== MIXED) faultOf(kind);
  const jobs = kinds.flatMap((kind) => options.seeds.map((seed) => ({ kind, seed })));
  const runs: ChaosRun[] = new Array<ChaosRun>(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      const { kind, seed } = jobs[index]!;
      runs[index] = await chaosRun(kind, seed, options);
      options.progress?.(runs[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  return runs;
}
