/** The suite's CLI as a child process of the chaos driver, and how its end is judged (crash, hang). */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const STDERR_CAP = 256 * 1024;

export interface Child {
  exitCode: number | null;
  signal: string | null;
  stderr: string;
  hung: boolean;
}

/** Runs the suite CLI; SIGTERM after `timeoutMs`, SIGKILL 2 s later. */
export function runSuiteCli(args: readonly string[], timeoutMs: number): Promise<Child> {
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

/** Why the run counts as a crash: the error line of a stack trace, or an exit code outside 0–3; else undefined. */
export function crashOf(child: Child): string | undefined {
  const trace = stackTraceError(child.stderr);
  if (trace) return trace;
  if (child.hung) return undefined;
  if (child.exitCode === null) return `killed by ${child.signal}`;
  return [0, 1, 2, 3].includes(child.exitCode) ? undefined : `exit code ${child.exitCode}`;
}
