import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { InvalidInput } from "../input/read.js";
import { policyCommand } from "./policy.js";

const golden = (name: string) => new URL(`../model/policy/golden/${name}`, import.meta.url).pathname;
const EXAMPLEVAULT = "arn:aws:glacier:us-west-2:999999999999:vaults/examplevault";
const OUR_VAULT = "arn:aws:glacier:us-west-2:111122223333:vaults/examplevault";

function printed(): { text: () => string } {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  return { text: () => log.mock.calls.map((c) => c.join(" ")).join("\n") };
}

afterEach(() => vi.restoreAllMocks());

describe("policy explain and diff", () => {
  it("explain prints the golden text for the Initiate seed's policy, for examplevault and for our vault", async () => {
    for (const [arn, file] of [
      [EXAMPLEVAULT, "initiate-seed.examplevault.txt"],
      [OUR_VAULT, "initiate-seed.our-vault.txt"],
    ] as const) {
      const out = printed();
      expect(await policyCommand(["explain", golden("initiate-seed.json"), "--vault-arn", arn])).toBe(0);
      expect(`${out.text()}\n`).toBe(readFileSync(golden(file), "utf8"));
      vi.restoreAllMocks();
    }
  });

  it("explain --json prints the explanation document", async () => {
    const out = printed();
    await policyCommand(["explain", golden("initiate-seed.json"), "--vault-arn", EXAMPLEVAULT, "--json"]);
    const document = JSON.parse(out.text()) as { initiate: { outcomes: string[] }; table: { cells: unknown[] } };
    expect(document.initiate.outcomes).toEqual(["201"]);
    expect(document.table.cells.length).toBeGreaterThan(10);
  });

  it("diff exits 1 when a cell changes and 0 when none does", async () => {
    printed();
    const args = (a: string, b: string) => ["diff", golden(a), golden(b), "--vault-arn", EXAMPLEVAULT];
    expect(await policyCommand(args("retention.json", "initiate-seed.json"))).toBe(1);
    expect(await policyCommand(args("initiate-seed.json", "get-seed.json"))).toBe(0);
  });
});

describe("usage errors", () => {
  const dir = mkdtempSync(join(tmpdir(), "policy-cli-"));
  const notJson = join(dir, "not.json");
  writeFileSync(notJson, "{ Version: 2012 }");

  it.each([
    [
      ["explain", join(dir, "missing.json"), "--vault-arn", EXAMPLEVAULT],
      /missing\.json: no such file \(expected a JSON policy document\)$/,
    ],
    [["explain", notJson, "--vault-arn", EXAMPLEVAULT], /^.*not\.json is not JSON: /],
    [
      ["explain", golden("retention.json"), "--vault-arn", "arn:aws:s3:::bucket"],
      /^--vault-arn arn:aws:s3:::bucket: takes a vault ARN/,
    ],
    [["explain", golden("retention.json")], /--vault-arn is required/],
    [["diff", golden("retention.json"), "--vault-arn", EXAMPLEVAULT], /takes OLD NEW/],
    [["verify", golden("retention.json")], /--vault is required/],
    [
      ["verify", golden("retention.json"), "--vault", "v", "--endpoint", "https://glacier.us-east-1.amazonaws.com"],
      /--allow-real-aws/,
    ],
    [["frob"], /unknown policy subcommand frob/],
  ])("%j", async (argv, message) => {
    await expect(policyCommand(argv)).rejects.toThrow(InvalidInput);
    await expect(policyCommand(argv)).rejects.toThrow(message);
  });

  it("the command prints one line and exits 2, with no stack trace", async () => {
    const bin = new URL("../bin/glacier-vault-lock.mjs", import.meta.url).pathname;
    const run = (argv: string[]) =>
      new Promise<{ code: number; stderr: string }>((resolve) =>
        execFile(process.execPath, [bin, ...argv], (error, _out, stderr) =>
          resolve({ code: (error as { code?: number } | null)?.code ?? 0, stderr }),
        ),
      );
    const { code, stderr } = await run(["policy", "explain", notJson, "--vault-arn", EXAMPLEVAULT]);
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
