import { execFile } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/server.js";
import { proxy, type Exchange } from "./harness.js";
import { runSuite } from "./run.js";
import { clientFor, emulatorTarget } from "./target.js";
import { invoke } from "./invoke.js";

const REPORTS = ["report.json", "report.md", "report.html", "junit.xml"];

/** Runs the CLI against `endpoint` with the emulator's first account; resolves with its exit code and output. */
function cli(endpoint: string, emulator: Emulator, extra: string[] = []) {
  const out = mkdtempSync(join(tmpdir(), "broken-"));
  const account = emulator.accounts[0]!;
  const args = [
    "bin/glacier-vault-lock.mjs",
    "run",
    "--endpoint",
    endpoint,
    "--access-key-id",
    account.accessKeyId,
    "--secret-access-key",
    account.secretAccessKey,
    "--runs",
    "3",
    "--out",
    out,
    ...extra,
  ];
  return new Promise<{ code: number | null; stdout: string; stderr: string; out: string }>((resolve) => {
    const env = { ...process.env, NODE_NO_WARNINGS: "1" };
    execFile(process.execPath, args, { env }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr, out }),
    );
  });
}

async function vaultsLeft(emulator: Emulator): Promise<string[]> {
  const client = clientFor(emulatorTarget(emulator.url, emulator.accounts));
  const observed = await invoke(client, { name: "ListVaults", accountId: "-" });
  return ((observed.body?.VaultList as { VaultName: string }[]) ?? []).map((v) => v.VaultName);
}

const withoutType = (e: Exchange): Exchange =>
  e.status >= 400 ? { ...e, body: e.body.replace(/,?"type":"(Client|Server)"/, "") } : e;

const withoutLockId = (e: Exchange): Exchange => {
  if (e.status !== 201 || !e.headers["x-amz-lock-id"]) return e;
  const { "x-amz-lock-id": _, ...headers } = e.headers;
  return { ...e, headers };
};

const LOCALSTACK_501 = JSON.stringify({
  __type: "InternalFailure",
  message:
    "API for service 'glacier' not yet implemented or pro feature - please check https://docs.localstack.cloud/references/coverage/ for further information",
});
const serviceAbsent = (e: Exchange): Exchange => ({
  ...e,
  status: 501,
  headers: { "content-type": "application/json" },
  body: LOCALSTACK_501,
});

describe("targets broken below the SDK", () => {
  let emulator: Emulator;
  const proxies: Awaited<ReturnType<typeof proxy>>[] = [];
  const through = async (rewrite: (e: Exchange) => Exchange) => {
    const p = await proxy(emulator.url, rewrite);
    proxies.push(p);
    return p.url;
  };
  beforeAll(async () => {
    emulator = await startEmulator({ clockControl: true });
  });
  afterAll(async () => {
    for (const p of proxies) await p.close();
    await emulator.close();
  });

  it("fails ERR-JSON-BODY once, and nothing else, when error bodies lack type", async () => {
    const target = emulatorTarget(await through(withoutType), emulator.accounts);
    const report = await runSuite({ target, seed: 1, runs: 3, generators: ["path", "gate", "protocol"] });
    const failed = report.results.filter((r) => r.verdict === "fail");
    expect(failed.map((r) => [r.id, r.requirements])).toEqual([["wire:error-body", ["ERR-JSON-BODY"]]]);
    expect(failed[0]!.reason).toMatch(/no string "type"/);
    expect(failed[0]!.trace![0]!.exchange?.responseBody).not.toContain('"type"');
  });

  it("fails INIT-INSTALLS-POLICY with a full report when Initiate answers 201 without x-amz-lock-id", async () => {
    const run = await cli(await through(withoutLockId), emulator, ["--clock-control"]);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toMatch(/FAIL field:noLock\.INITIATE\.valid \[INIT-INSTALLS-POLICY/);
    expect(run.stdout).toContain("not sent: the target gave no lock id (x-amz-lock-id) to complete with");
    for (const file of REPORTS) expect(existsSync(join(run.out, file)), file).toBe(true);
    expect((await vaultsLeft(emulator)).filter((n) => n.startsWith("vlc-"))).toEqual([]);
  });

  it("classifies a target answering 501 InternalFailure everywhere in one line", async () => {
    const endpoint = await through(serviceAbsent);
    const bare = await cli(endpoint, emulator);
    expect(bare.code).toBe(1);
    expect(bare.stdout.match(/^NOT IMPLEMENTED .*$/gm)).toEqual([
      "NOT IMPLEMENTED preflight:service [PROTO-REST-JSON]",
    ]);
    expect(bare.stdout).toMatch(/the target does not serve Glacier: ListVaults answered 501/);
    expect(bare.stdout).not.toContain("LEFT BEHIND");
    const expected = await cli(endpoint, emulator, ["--expectations", "conformance/expectations/localstack.json"]);
    expect(expected.code).toBe(0);
    expect(expected.stdout).toContain("checks: 1 ");
  });

  it("stops in one line, exit 2, when the endpoint is unreachable or refuses the credentials", async () => {
    const unreachable = await cli("http://127.0.0.1:9", emulator);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stdout).toMatch(/STOPPED: cannot reach http:\/\/127\.0\.0\.1:9: .*ECONNREFUSED/);
    expect(unreachable.stderr).not.toMatch(/\n\s+at /);
    const refused = await cli(emulator.url, emulator, ["--secret-access-key", "not-the-secret"]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toMatch(/refused the credentials: ListVaults answered 403 InvalidSignatureException/);
  });

  it("discovers the signer's account from CreateVault's Location when --account-id is not given", async () => {
    const run = await cli(emulator.url, emulator, ["--clock-control"]);
    expect(run.stdout).toMatch(/account 111122223333 \(discovered from the target's answers\)/);
    expect(run.code).toBe(0);
  });
});
