/**
 * The package as a user gets it: `npm pack`, installed into a fresh project in a temporary directory (no dev
 * tooling, nothing of this checkout reachable), where the CLI, the README's `.mjs` script and its `node:test`
 * example run; then, with `typescript`, `@types/node` and `vitest` added, the README's TypeScript file
 * type-checks under `strict` and `exactOptionalPropertyTypes` against the shipped declarations and its vitest
 * `globalSetup` example passes. The example files are the README's own code blocks.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const SDK_NOTICE = "NodeVersionSupportWarning";

/** Every code block of the README whose first line is `// <relative path>`: path → content. */
export function readmeFiles(readme: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const [, body] of readme.matchAll(/^```(?:js|ts)\n([\s\S]*?)^```$/gm)) {
    const path = /^\/\/ ([\w./-]+\.(?:mjs|ts))\n/.exec(body!)?.[1];
    if (path) files.set(path, body!);
  }
  return files;
}

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command in the fresh project with an environment that names nothing of this checkout. */
function inProject(project: string, command: string, args: string[]): Ran {
  const path = (process.env.PATH ?? "").split(delimiter).filter((entry) => !entry.startsWith(root));
  const env = { PATH: path.join(delimiter), HOME: process.env.HOME ?? tmpdir(), npm_config_cache: npmCache() };
  const ran = spawnSync(command, args, { cwd: project, env, encoding: "utf8", timeout: 180_000 });
  return { status: ran.status, stdout: ran.stdout, stderr: ran.stderr };
}

function npmCache(): string {
  return process.env.npm_config_cache ?? execFileSync("npm", ["config", "get", "cache"], { encoding: "utf8" }).trim();
}

const install = (project: string, specs: string[]) =>
  inProject(project, "npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", ...specs]);

describe("the packed package in a fresh project", () => {
  let project: string;
  let tarball: string;
  let packed: { filename: string; size: number; unpackedSize: number; entryCount: number; files: { path: string }[] };

  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), "vault-lock-user-"));
    const packs = join(project, "packs");
    mkdirSync(packs);
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
    const pack = ["pack", "--json", "--ignore-scripts", "--pack-destination", packs];
    packed = JSON.parse(execFileSync("npm", pack, { cwd: root, encoding: "utf8" }))[0];
    tarball = join(packs, packed.filename);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "fresh", private: true, type: "module" }));
    for (const [path, body] of readmeFiles(readFileSync(join(root, "README.md"), "utf8"))) {
      mkdirSync(dirname(join(project, path)), { recursive: true });
      writeFileSync(join(project, path), body);
    }
    const installed = install(project, [tarball, "@aws-sdk/client-glacier"]);
    expect(installed.status, installed.stderr).toBe(0);
    console.log(
      `pack: ${packed.entryCount} files, ${(packed.size / 1000).toFixed(1)} kB (${(packed.unpackedSize / 1000).toFixed(1)} kB unpacked); fresh project ${project}`,
    );
  }, 240_000);

  afterAll(() => rmSync(project, { recursive: true, force: true }));

  test("the tarball holds the compiled code, its declarations and no tests, sources or CI files", () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toContain("dist/api/index.js");
    expect(paths).toContain("dist/api/testing.d.ts");
    expect(paths).toContain("LICENSE");
    expect(paths.filter((p) => /\.test\.|\.e2e\.|^\.ci|^\.github|\.ts$/.test(p) && !p.endsWith(".d.ts"))).toEqual([]);
  });

  test("npx glacier-vault-lock run conforms, without the SDK's Node notice", () => {
    const ran = inProject(project, "npx", ["glacier-vault-lock", "run", "--seed", "20261122", "--out", "out"]);
    console.log(`fresh project: npx glacier-vault-lock run → exit ${ran.status}\n${ran.stdout.trim()}`);
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.stdout).toContain("RESULT: conforms");
    expect(ran.stderr).not.toContain(SDK_NOTICE);
    expect(readFileSync(join(project, "out", "report.json"), "utf8")).toContain('"schemaVersion"');
  });

  test("a plain .mjs starts the emulator, drives it with the SDK and runs the suite", () => {
    const ran = inProject(project, "node", ["drive.mjs"]);
    console.log(`fresh project: node drive.mjs → exit ${ran.status}\n${ran.stdout.trim()}`);
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.stdout).toContain("arn:aws:glacier:us-east-1:111122223333:vaults/examplevault");
    expect(ran.stdout).toContain("conforms # Vault Lock conformance report");
  });

  test("a plain .mjs gets each race's recorded history and checks it again", () => {
    const ran = inProject(project, "node", ["histories.mjs"]);
    console.log(`fresh project: node histories.mjs → exit ${ran.status}\n${ran.stdout.trim()}`);
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.stdout.trim().split("\n")).toEqual([
      expect.stringMatching(/^race:initiate-x16: linearizable, \d+ operations$/),
      expect.stringMatching(/^race:complete-vs-abort: linearizable, \d+ operations$/),
      "race:load-4x100x2: linearizable, 100 operations",
    ]);
  });

  test("the node:test launcher hands the emulator to the tests", () => {
    const ran = inProject(project, "node", ["test/with-emulator.mjs", "node", "--test", "test/lock.node.mjs"]);
    console.log(`fresh project: node:test example → exit ${ran.status}, ${/# pass \d+/.exec(ran.stdout)?.[0]}`);
    expect(ran.status, ran.stdout + ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/# pass 1\b/);
  });

  describe("with typescript, @types/node and vitest added", () => {
    beforeAll(() => {
      const installed = install(project, ["-D", "typescript@~5.9.3", "@types/node@20", "vitest@4"]);
      expect(installed.status, installed.stderr).toBe(0);
    }, 240_000);

    test("the TypeScript example type-checks with strict and exactOptionalPropertyTypes", () => {
      const compilerOptions = {
        target: "es2022",
        module: "nodenext",
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: false,
        noEmit: true,
        types: ["node"],
      };
      writeFileSync(join(project, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["check.ts"] }));
      const ran = inProject(project, "npx", ["tsc", "-p", "tsconfig.json"]);
      const errors = ran.stdout.split("\n").filter((line) => /error TS\d+/.test(line));
      const foreign = errors.filter((line) => line.startsWith("node_modules/xstate/"));
      console.log(
        `fresh project: tsc strict + exactOptionalPropertyTypes → ${errors.length - foreign.length} errors in check.ts and the package's declarations (${foreign.length} inside xstate's own)`,
      );
      expect(errors.filter((line) => !foreign.includes(line))).toEqual([]);
    });

    test("the vitest globalSetup example passes", () => {
      const ran = inProject(project, "npx", ["vitest", "run"]);
      console.log(`fresh project: vitest example → exit ${ran.status}`);
      expect(ran.status, ran.stdout + ran.stderr).toBe(0);
      expect(ran.stdout).toMatch(/Tests\s+.*1 passed/);
    });
  });
});
