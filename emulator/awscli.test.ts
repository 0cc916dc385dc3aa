import { CreateVaultCommand } from "@aws-sdk/client-glacier";
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { examplePolicy } from "../model/index.js";
import { startEmulator, type Emulator } from "./server.js";
import { sdkClient } from "./testing.js";

const run = promisify(execFile);
const hasAwsCli = await run("aws", ["--version"]).then(
  () => true,
  () => false,
);
if (!hasAwsCli)
  console.warn("SKIPPED: the AWS CLI (botocore) is not on PATH; the botocore interoperability test did not run");

describe.skipIf(!hasAwsCli)("a botocore client (the AWS CLI) against the emulator", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  async function aws(...args: string[]): Promise<Record<string, string>> {
    const [account] = emulator.accounts;
    const env = {
      PATH: process.env.PATH,
      HOME: mkdtempSync(join(tmpdir(), "awscli-home-")),
      AWS_ACCESS_KEY_ID: account!.accessKeyId,
      AWS_SECRET_ACCESS_KEY: account!.secretAccessKey,
      AWS_DEFAULT_REGION: "us-east-1",
    };
    const { stdout } = await run(
      "aws",
      ["glacier", ...args, "--account-id", "-", "--endpoint-url", emulator.url, "--output", "json"],
      { env },
    );
    return stdout.trim() ? (JSON.parse(stdout) as Record<string, string>) : {};
  }

  it("completes create → initiate → get → complete → get", { timeout: 60_000 }, async () => {
    const file = join(mkdtempSync(join(tmpdir(), "policy-")), "policy.json");
    writeFileSync(file, JSON.stringify({ Policy: examplePolicy("valid") }));
    expect(await aws("create-vault", "--vault-name", "botocore")).toEqual({
      location: `/${emulator.accounts[0]!.accountId}/vaults/botocore`,
    });
    const { lockId } = await aws("initiate-vault-lock", "--vault-name", "botocore", "--policy", `file://${file}`);
    expect(lockId).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(await aws("get-vault-lock", "--vault-name", "botocore")).toMatchObject({
      State: "InProgress",
      Policy: examplePolicy("valid"),
    });
    await aws("complete-vault-lock", "--vault-name", "botocore", "--lock-id", lockId!);
    const locked = await aws("get-vault-lock", "--vault-name", "botocore");
    expect(locked.State).toBe("Locked");
    expect(locked).not.toHaveProperty("ExpirationDate");
  });

  it(
    "pages ListVaults for the CLI's --page-size 50 and boto3's paginator with PageSize 20 (LIST-PAGE-SIZE)",
    { timeout: 60_000 },
    async () => {
      const names = Array.from({ length: 23 }, (_, i) => `paged-${String(i).padStart(2, "0")}`);
      const client = sdkClient(emulator.url, emulator.accounts[0]!);
      for (const vaultName of names) await client.send(new CreateVaultCommand({ accountId: "-", vaultName }));
      const listed = (await aws("list-vaults", "--page-size", "50")) as unknown as {
        VaultList: { VaultName: string }[];
      };
      expect(listed.VaultList.map((v) => v.VaultName).filter((n) => n.startsWith("paged-"))).toEqual(names);
      const [account] = emulator.accounts;
      const script = [
        "import boto3, json, sys",
        `c = boto3.client("glacier", endpoint_url="${emulator.url}", region_name="us-east-1", aws_access_key_id="${account!.accessKeyId}", aws_secret_access_key="${account!.secretAccessKey}")`,
        'pages = c.get_paginator("list_vaults").paginate(accountId="-", PaginationConfig={"PageSize": 20})',
        'print(json.dumps([v["VaultName"] for p in pages for v in p["VaultList"]]))',
      ].join("\n");
      const { stdout } = await run("python3", ["-c", script], { env: { PATH: process.env.PATH, HOME: tmpdir() } });
      expect((JSON.parse(stdout) as string[]).filter((n) => n.startsWith("paged-"))).toEqual(names);
    },
  );
});
