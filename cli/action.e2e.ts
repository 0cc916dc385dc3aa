/**
 * The GitHub Action (action.yml, composite): every input it declares reaches the run step, and its run script
 * (.github/action-run.sh), given inputs as the runner gives them, runs the suite, records the exit code as the
 * step output, writes the reports with JUnit and adds the Markdown report to the job summary; a bad input is
 * the suite's one-line refusal with exit code 2, still recorded.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const action = readFileSync(join(root, "action.yml"), "utf8");
const work = mkdtempSync(join(tmpdir(), "vault-lock-action-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The action's declared inputs: the keys indented two spaces under `inputs:`. */
function declaredInputs(): string[] {
  const block = action.slice(action.indexOf("\ninputs:\n"), action.indexOf("\noutputs:\n"));
  return [...block.matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]!);
}

function runStep(name: string, inputs: Record<string, string>) {
  const dir = join(work, name);
  const files = { GITHUB_OUTPUT: `${dir}.output`, GITHUB_STEP_SUMMARY: `${dir}.summary` };
  for (const file of Object.values(files)) writeFileSync(file, "");
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: work,
    ...files,
    GLV_BIN: join(root, "bin", "glacier-vault-lock.mjs"),
    GLV_REGION: "us-east-1",
    GLV_SEED: "20261122",
    GLV_RUNS: "5",
    GLV_OUT: dir,
    ...inputs,
  };
  const ran = spawnSync("bash", [join(root, ".github", "action-run.sh")], { cwd: work, env, encoding: "utf8" });
  return {
    ...ran,
    output: readFileSync(files.GITHUB_OUTPUT, "utf8"),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, "utf8"),
    dir,
  };
}

describe("the GitHub Action", () => {
  test("every declared input is handed to a step", () => {
    const inputs = declaredInputs();
    expect(inputs).toContain("endpoint");
    expect(
      inputs.filter((name) => !action.includes(`inputs.${name} `) && !action.includes(`inputs.${name} }}`)),
    ).toEqual([]);
  });

  test("its run script runs a shard against the embedded emulator and keeps reports, JUnit and the summary", () => {
    const ran = runStep("emulator", { GLV_SHARD: "1/2", GLV_TARGET_NAME: "emulator" });
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.output).toBe("exit-code=0\n");
    for (const file of ["report.json", "report.md", "report.html", "junit.xml"])
      expect(existsSync(join(ran.dir, file))).toBe(true);
    expect(ran.summary).toContain("# Vault Lock conformance report");
  });

  test("a bad input is one line and exit code 2, recorded for the action's last step", () => {
    const ran = runStep("bad", { GLV_RUNS: "abc" });
    expect(ran.status).toBe(0);
    expect(ran.output).toBe("exit-code=2\n");
    expect(ran.stderr.trim()).toBe("--runs abc: takes a whole number of at least 1");
  });
});
