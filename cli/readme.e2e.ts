/**
 * The README's commands, run as written: every `glacier-vault-lock` and `moto_server` line of its `sh` blocks,
 * in order, in a temporary directory with no AWS configuration (a fresh machine), each checked for the exit code
 * the README gives it. Ports are swapped for free ones; the checkout's files are named by absolute path; lines
 * ending in `&` keep running until the end. A README line this table does not know fails the test, so the
 * README cannot gain a command nobody runs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as glacier from "@aws-sdk/client-glacier";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort, hasMotoServer } from "../conformance/harness.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "bin", "glacier-vault-lock.mjs");
const FIRST = { accessKeyId: "AKIDVAULTLOCKEMU0001", secretAccessKey: "vault-lock-emulator-secret-0001" };

/** The command lines of the README's `sh` blocks: continuations joined, comments dropped. */
export function readmeCommands(readme: string): string[] {
  const lines: string[] = [];
  for (const [, block] of readme.matchAll(/^```sh\n([\s\S]*?)^```$/gm))
    for (const line of block!.replace(/\\\n\s*/g, "").split("\n")) {
      const command = line.replace(/\s+#.*$/, "").trim();
      if (/^(npx glacier-vault-lock|moto_server)\b/.test(command)) lines.push(command);
    }
  return lines;
}

interface Documented {
  /** The exit code the README gives it; absent for a line kept running in the background. */
  exit?: number;
  /** Runs in the foreground until it prints its URL, then gets SIGINT. */
  interrupt?: true;
  /** Why it is not run here. */
  notRun?: string;
  needsMoto?: true;
  before?: (ports: Ports) => Promise<void>;
}

interface Ports {
  moto: number;
  emulator: number;
}

/** A vault of the README's verify example with the retention policy's lock InProgress. */
async function initiateExampleLock(ports: Ports): Promise<void> {
  const endpoint = `http://127.0.0.1:${ports.emulator}`;
  const client = new glacier.GlacierClient({ endpoint, region: "us-east-1", credentials: FIRST });
  const vault = { accountId: "-", vaultName: "examplevault" };
  const Policy = readFileSync(join(root, "model/policy/golden/retention.json"), "utf8");
  await client.send(new glacier.CreateVaultCommand(vault));
  await client.send(new glacier.InitiateVaultLockCommand({ ...vault, policy: { Policy } }));
  client.destroy();
}

const glv = "npx glacier-vault-lock";
const moto = `--endpoint http://127.0.0.1:5000 --target-name moto --access-key-id testing --secret-access-key testing --account-id 123456789012 --expectations conformance/expectations/moto.json --out out-moto`;
const second = `--endpoint http://127.0.0.1:4000 --clock-control --account-id 111122223333 --access-key-id AKIDVAULTLOCKEMU0001 --secret-access-key vault-lock-emulator-secret-0001 --second-access-key-id AKIDVAULTLOCKEMU0002 --second-secret-access-key vault-lock-emulator-secret-0002 --second-account-id 444455556666`;
const arn = "--vault-arn arn:aws:glacier:us-west-2:999999999999:vaults/examplevault";
const retention = "model/policy/golden/retention.json";

/** Every command of the README, as the README writes it (continuations joined), with what it should do. */
const DOCUMENTED: Record<string, Documented> = {
  [`${glv} run --prove`]: { notRun: "the proof takes minutes; reports/properties.test.ts covers what it adds" },
  [`${glv} emulator --port 0 --host 127.0.0.1 --clock-control`]: { exit: 0, interrupt: true },
  [`${glv} run`]: { exit: 0 },
  [`${glv} run --replay 42:3`]: { exit: 0 },
  [`${glv} run --load 16x10000x16`]: { exit: 0 },
  [`${glv} check-history out/histories/*.json`]: { exit: 0 },
  [`${glv} run --help`]: { exit: 0 },
  ["moto_server -H 127.0.0.1 -p 5000 &"]: { needsMoto: true },
  [`${glv} run ${moto}`]: { exit: 0, needsMoto: true },
  [`${glv} report merge out/report.json out-moto/report.json --out out/merged`]: { exit: 0, needsMoto: true },
  [`${glv} emulator --port 4000 --clock-control &`]: {},
  [`${glv} run ${second}`]: { exit: 0 },
  [`${glv} policy explain ${retention} ${arn}`]: { exit: 0 },
  [`${glv} policy diff ${retention} model/policy/golden/legal-hold.json ${arn}`]: { exit: 1 },
  [`${glv} policy verify ${retention} --vault examplevault --endpoint http://127.0.0.1:4000 --clock-control --access-key-id AKIDVAULTLOCKEMU0001 --secret-access-key vault-lock-emulator-secret-0001`]:
    { exit: 0, before: initiateExampleLock },
};

/** A word with `*` in its file name, as the shell expands it in `cwd` (itself when nothing matches). */
function expand(word: string, cwd: string): string[] {
  const slash = word.lastIndexOf("/");
  const [dir, name] = [word.slice(0, slash + 1), word.slice(slash + 1)];
  if (!name.includes("*") || !existsSync(join(cwd, dir))) return [word];
  const pattern = new RegExp(
    `^${name
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  const found = readdirSync(join(cwd, dir)).filter((file) => pattern.test(file));
  return found.length ? found.sort().map((file) => dir + file) : [word];
}

/** The line as argv: `npx glacier-vault-lock` → this checkout's bin, ports swapped, checkout files absolute. */
function argv(line: string, ports: Ports, cwd: string): string[] {
  const swapped = line
    .replace(/\s*&$/, "")
    .replaceAll("5000", String(ports.moto))
    .replaceAll("4000", String(ports.emulator));
  const words = swapped
    .split(/\s+/)
    .flatMap((word) => expand(word, cwd))
    .map((word) =>
      word.includes("/") && !existsSync(join(cwd, word)) && existsSync(join(root, word)) ? join(root, word) : word,
    );
  return words[0] === "npx" ? [process.execPath, bin, ...words.slice(2)] : words;
}

const readme = readFileSync(join(root, "README.md"), "utf8");
const commands = readmeCommands(readme);
const motoAvailable = hasMotoServer();
if (!motoAvailable) console.warn("SKIPPED: moto_server is not on PATH; the README's moto lines were NOT run");

describe("the README's commands", () => {
  let cwd: string;
  let ports: Ports;
  const background: ChildProcess[] = [];
  const env = { PATH: process.env.PATH ?? "", HOME: "" };

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), "vault-lock-readme-"));
    env.HOME = cwd;
    ports = { moto: await freePort(), emulator: await freePort() };
  });
  afterAll(() => {
    for (const child of background) child.kill("SIGTERM");
    rmSync(cwd, { recursive: true, force: true });
  });

  test("every command line of the README is known here, and every known one is in the README", () => {
    expect(commands.filter((line) => !(line in DOCUMENTED))).toEqual([]);
    expect(Object.keys(DOCUMENTED).filter((line) => !commands.includes(line))).toEqual([]);
  });

  for (const line of commands) {
    const documented = DOCUMENTED[line] ?? {};
    const skipped = documented.notRun ?? (documented.needsMoto && !motoAvailable ? "moto_server is not on PATH" : "");
    if (skipped) console.log(`not run: ${line} (${skipped})`);
    test.skipIf(Boolean(skipped) || !(line in DOCUMENTED))(line, async () => {
      await documented.before?.(ports);
      const [command, ...args] = argv(line, ports, cwd);
      const child = spawn(command!, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
      const out = collect(child);
      if (documented.exit === undefined) {
        background.push(child);
        return expect(await listening(line, ports)).toBe(true);
      }
      if (documented.interrupt) {
        await until(() => /^http:\/\/127\.0\.0\.1:\d+$/m.test(out.stdout), 20_000);
        child.kill("SIGINT");
      }
      const [exitCode, signal] = await new Promise<[number | null, string | null]>((resolve) =>
        child.on("exit", (c, s) => resolve([c, s])),
      );
      console.log(`${line}\n  → exit ${exitCode}${signal ? ` (${signal})` : ""}`);
      // Interrupted, npx either forwards SIGINT and exits with the emulator's 0, or (when the signal comes before it
      // has set up forwarding, as on a loaded machine) dies of it itself, as a shell's Ctrl-C shows it (130).
      const code = documented.interrupt && signal === "SIGINT" ? documented.exit : exitCode;
      expect(code, out.stdout.slice(-2000) + out.stderr.slice(-2000)).toBe(documented.exit);
      expect(out.stderr).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
      expect(out.stderr).not.toContain("NodeVersionSupportWarning");
    });
  }
});

function collect(child: ChildProcess): { stdout: string; stderr: string } {
  const out = { stdout: "", stderr: "" };
  child.stdout!.on("data", (chunk: Buffer) => (out.stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (out.stderr += chunk.toString()));
  return out;
}

async function until(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await new Promise((r) => setTimeout(r, 100)))
    if (await done()) return true;
  return false;
}

/** True once the background line's server answers HTTP on its (swapped) port. */
function listening(line: string, ports: Ports): Promise<boolean> {
  const port = line.includes("moto_server") ? ports.moto : ports.emulator;
  return until(
    () =>
      fetch(`http://127.0.0.1:${port}/`).then(
        () => true,
        () => false,
      ),
    30_000,
  );
}
