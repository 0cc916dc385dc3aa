import { ListVaultsCommand } from "@aws-sdk/client-glacier";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/server.js";
import { LOCK_TTL_MS } from "../model/index.js";
import { mergeDocuments, buildDocument } from "../reports/document.js";
import { proxy } from "./harness.js";
import { NO_LONGER_SUPPORTED } from "./rails.js";
import { runSuite } from "./run.js";
import { clientFor, emulatorTarget, type Target } from "./target.js";

/** The emulator dressed as real AWS: no clock control, rails on. */
const asRealAws = (target: Target): Target => ({
  ...target,
  name: "aws-sandbox",
  capabilities: { clockControl: false, realAws: true },
});

async function vaultNames(target: Target): Promise<string[]> {
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const out = await clientFor(target).send(new ListVaultsCommand({ accountId: "-", ...(marker ? { marker } : {}) }));
    names.push(...(out.VaultList ?? []).map((v) => v.VaultName!));
    marker = out.Marker;
  } while (marker);
  return names;
}

describe("real-AWS safety rails, tested against the emulator", () => {
  let emulator: Emulator;
  let recorder: Awaited<ReturnType<typeof proxy>>;
  beforeAll(async () => {
    emulator = await startEmulator({ clockControl: true });
    recorder = await proxy(emulator.url);
  });
  afterAll(async () => {
    await recorder.close();
    await emulator.close();
  });

  it("never completes a lock on real AWS unless permanent locks are allowed, and says why", async () => {
    const target = asRealAws(emulatorTarget(recorder.url, emulator.accounts));
    const report = await runSuite({ target, seed: 3, runs: 30 });
    const locking = recorder.exchanges.filter(
      (e) => e.method === "POST" && /\/lock-policy\/[^/]+$/.test(e.url) && e.status === 204,
    );
    expect(locking).toEqual([]);
    const lockedPaths = report.results.filter((r) => r.id.startsWith("path:locked."));
    expect(lockedPaths.length).toBeGreaterThan(5);
    for (const r of lockedPaths)
      expect(r, r.id).toMatchObject({
        verdict: "skip",
        reason: expect.stringMatching(/--allow-permanent-locks|needs clock control/),
      });
    expect(lockedPaths.filter((r) => r.reason!.includes("--allow-permanent-locks")).length).toBeGreaterThan(5);
    expect(report.unexpected).toBe(0);
    expect(report.leftovers).toEqual([]);
  });

  it("uploads no archive to real AWS unless archives are allowed, and says why", async () => {
    const target = asRealAws(emulatorTarget(recorder.url, emulator.accounts));
    const from = recorder.exchanges.length;
    const report = await runSuite({ target, seed: 3, runs: 30, generators: ["path", "policy", "sequence"] });
    const uploads = recorder.exchanges.slice(from).filter((e) => e.method === "POST" && e.url.endsWith("/archives"));
    expect(uploads).toEqual([]);
    for (const id of ["path:noLock.UPLOAD_ARCHIVE", "path:noLock.DELETE_VAULT.notEmpty", "policy:legal-hold"])
      expect(report.results.find((r) => r.id === id)).toMatchObject({
        verdict: "skip",
        reason: expect.stringContaining("--allow-archives"),
      });
    expect(report.unexpected).toBe(0);
  });

  it("with --allow-archives, defers deleting vaults that held archives to a later run (AWS's inventory lag)", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "deferred-")), "pending.json");
    const written = new Set<string>();
    const notYet =
      '{"code":"InvalidParameterValueException","message":"Vault not empty or recently written to","type":"Client"}';
    const lagging = await proxy(emulator.url, undefined, (method, url) => {
      const upload = /^\/-\/vaults\/([^/?]+)\/archives$/.exec(url)?.[1];
      if (method === "POST" && upload) written.add(upload);
      const vault = /^\/-\/vaults\/([^/?]+)$/.exec(url)?.[1];
      return method === "DELETE" && vault && written.has(vault) ? { status: 400, body: notYet } : undefined;
    });
    try {
      const target = asRealAws(emulatorTarget(lagging.url, emulator.accounts));
      const first = await runSuite({
        target,
        seed: 1,
        runs: 1,
        generators: ["policy"],
        allowArchives: true,
        pendingFile: file,
      });
      expect(first.unexpected).toBe(0);
      expect(first.leftovers).toEqual([]);
      expect(first.deferred?.length).toBeGreaterThan(2);
      const recorded = (JSON.parse(readFileSync(file, "utf8")) as { deferred: { vaultName: string }[] }).deferred;
      expect(recorded.map((d) => d.vaultName).sort()).toEqual([...first.deferred!].sort());
      // A day later the inventory has run (the emulator's own, DV-RECENTLY-WRITTEN): a later run deletes them.
      emulator.clock.advance(LOCK_TTL_MS + 5 * 60_000);
      const later = asRealAws(emulatorTarget(emulator.url, emulator.accounts));
      await runSuite({ target: later, seed: 1, runs: 1, generators: [], pendingFile: file });
      expect((JSON.parse(readFileSync(file, "utf8")) as { deferred: unknown[] }).deferred).toEqual([]);
      const names = await vaultNames(later);
      for (const name of first.deferred!) expect(names).not.toContain(name);
    } finally {
      emulator.clock.set(Date.now());
      await lagging.close();
    }
  });

  it("locks (and still deletes) vaults when permanent locks are allowed", async () => {
    const target = asRealAws(emulatorTarget(emulator.url, emulator.accounts));
    const report = await runSuite({ target, seed: 3, runs: 5, allowPermanentLocks: true, generators: ["path"] });
    expect(report.results.find((r) => r.id === "path:locked.ABORT")?.verdict).toBe("pass");
    expect(report.leftovers).toEqual([]);
  });

  it("stops with an explanation when the account gets NoLongerSupportedException", async () => {
    const refusing = await proxy(emulator.url, (e) => ({
      ...e,
      status: 400,
      body: '{"code":"NoLongerSupportedException","message":"no","type":"Client"}',
    }));
    try {
      const report = await runSuite({
        target: asRealAws(emulatorTarget(refusing.url, emulator.accounts)),
        seed: 1,
        runs: 5,
      });
      expect(report.stoppedBecause).toBe(NO_LONGER_SUPPORTED);
      expect(report.unexpected).toBeGreaterThan(0);
    } finally {
      await refusing.close();
    }
  });

  it("checks a 24-hour expiry across two runs through the state file, then cleans up", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "pending-")), "pending.json");
    const target = asRealAws(emulatorTarget(emulator.url, emulator.accounts));
    const first = await runSuite({ target, seed: 1, runs: 1, generators: [], pendingFile: file });
    const checks = first.results.filter((r) => r.generator !== "wire");
    expect(checks.map((r) => [r.id, r.verdict])).toEqual([["pending:schedule", "skip"]]);
    const [observation] = JSON.parse(readFileSync(file, "utf8")).observations as { vaultName: string }[];
    expect(await vaultNames(target)).toContain(observation!.vaultName);
    // A day passes on both sides: the emulator's service clock, and the date the state file expects.
    emulator.clock.advance(LOCK_TTL_MS + 10 * 60_000);
    const state = JSON.parse(readFileSync(file, "utf8")) as { observations: { expiresAt: string }[] };
    for (const o of state.observations) o.expiresAt = new Date(Date.now() - 60 * 60_000).toISOString();
    writeFileSync(file, JSON.stringify(state));
    const second = await runSuite({ target, seed: 1, runs: 1, generators: [], pendingFile: file });
    const verified = second.results.find((r) => r.id === `pending:expiry:${observation!.vaultName}`);
    expect(verified?.verdict).toBe("pass");
    expect(await vaultNames(target)).not.toContain(observation!.vaultName);
    const pending = JSON.parse(readFileSync(file, "utf8")).observations as { vaultName: string }[];
    expect(pending.map((p) => p.vaultName)).not.toContain(observation!.vaultName);
    expect(pending).toHaveLength(1);
  });
});

describe("sharding and interruption", () => {
  it("splits the work deterministically and merges back into one target", async () => {
    const emulator = await startEmulator({ clockControl: true });
    try {
      const target = emulatorTarget(emulator.url, emulator.accounts);
      const shards = await Promise.all(
        [1, 2].map((index) => runSuite({ target, seed: 9, runs: 20, shard: { index, count: 2 } })),
      );
      const ids = shards.map((s) => s.results.filter((r) => r.id.startsWith("path:")).map((r) => r.id));
      expect(ids[0]!.filter((id) => ids[1]!.includes(id))).toEqual([]);
      const whole = await runSuite({ target, seed: 9, runs: 20, generators: ["path"] });
      expect([...ids[0]!, ...ids[1]!].sort()).toEqual(
        whole.results
          .filter((r) => r.id.startsWith("path:"))
          .map((r) => r.id)
          .sort(),
      );
      const merged = mergeDocuments(shards.map((s) => buildDocument([s])));
      expect(merged.targets).toMatchObject([{ name: "emulator", shards: 2 }]);
    } finally {
      await emulator.close();
    }
  });

  it("cleans up and reports the interruption when the CLI gets SIGINT", { timeout: 60_000 }, async () => {
    const emulator = await startEmulator({ clockControl: true });
    try {
      const out = mkdtempSync(join(tmpdir(), "run-"));
      const args = [
        "bin/glacier-vault-lock.mjs",
        "run",
        "--endpoint",
        emulator.url,
        "--clock-control",
        "--access-key-id",
        emulator.accounts[0]!.accessKeyId,
        "--secret-access-key",
        emulator.accounts[0]!.secretAccessKey,
        "--runs",
        "100000",
        "--out",
        out,
      ];
      const child = execFile(process.execPath, args, { env: { ...process.env, NODE_NO_WARNINGS: "1" } });
      let stdout = "";
      child.stdout!.on("data", (c: Buffer) => (stdout += c.toString()));
      // "seed …" is printed once the run has its signal handlers; interrupt it two seconds into the run.
      child.stderr!.on(
        "data",
        (c: Buffer) => c.toString().includes("seed ") && setTimeout(() => child.kill("SIGINT"), 2000),
      );
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      expect(code).toBe(1);
      expect(stdout).toContain("INTERRUPTED");
      expect(
        (await vaultNames(emulatorTarget(emulator.url, emulator.accounts))).filter((n) => n.startsWith("vlc-")),
      ).toEqual([]);
    } finally {
      await emulator.close();
    }
  });
});
