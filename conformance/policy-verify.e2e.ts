import { ListTagsForVaultCommand } from "@aws-sdk/client-glacier";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/server.js";
import { legalHoldPolicy, retentionPolicy, vaultArn, type Operation } from "../model/index.js";
import { proxy } from "./harness.js";
import { invoke } from "./invoke.js";
import { NotVerifiable, verifyPolicy, type VerifyOptions } from "./policy-verify.js";
import { clientFor, emulatorTarget, TargetClock, type Target } from "./target.js";

const asRealAws = (target: Target): Target => ({ ...target, capabilities: { clockControl: false, realAws: true } });

/** A fresh vault of the target's signer with `policy` (written for it) as its InProgress lock policy. */
async function lockedWith(target: Target, name: string, policy: (arn: string) => string, tags = {}) {
  const client = clientFor(target);
  const send = (op: object) => invoke(client, { accountId: "-", vaultName: name, ...op } as Operation);
  await send({ name: "CreateVault" });
  if (Object.keys(tags).length) await send({ name: "AddTagsToVault", tags });
  const text = policy(vaultArn(target.region, target.accountId, name));
  expect((await send({ name: "InitiateVaultLock", policy: text })).status).toBe(201);
  return text;
}

const options = (target: Target, vaultName: string, policy: string, over: Partial<VerifyOptions> = {}) => ({
  target,
  vaultName,
  policy,
  allowArchives: false,
  readOnly: false,
  ...over,
});

const tagsOf = async (target: Target, vaultName: string) =>
  (await clientFor(target).send(new ListTagsForVaultCommand({ accountId: "-", vaultName }))).Tags ?? {};

describe("policy verify against the reference emulator (SDK only)", () => {
  let emulator: Emulator;
  let target: Target;
  beforeAll(async () => {
    emulator = await startEmulator({ clockControl: true });
    target = emulatorTarget(emulator.url, emulator.accounts);
  });
  afterAll(() => emulator.close());

  it("checks the lock and exercises every owner's cell of the legal-hold example, putting tags and clock back", async () => {
    const policy = await lockedWith(target, "legal", (arn) => legalHoldPolicy(target.accountId, arn), { Team: "a" });
    const clock = new TargetClock(target);
    await clock.sync();
    const before = clock.now() - Date.now();
    const result = await verifyPolicy(options(target, "legal", policy));
    expect(result.checks.map((c) => c.ok)).toEqual([true, true, true, true]);
    expect(result.timeLeftMs).toBeGreaterThan(23 * 3_600_000);
    const owner = result.table!.cells.filter((c) => c.principal === 0);
    expect(result.live!.cells).toHaveLength(owner.length);
    expect(result.live!.cells.filter((c) => !c.agrees)).toEqual([]);
    expect(result.live!.cells.some((c) => c.observed === "403 AccessDeniedException")).toBe(true);
    expect(result.live!.leftovers).toEqual([]);
    expect(await tagsOf(target, "legal")).toEqual({ Team: "a" });
    await clock.sync();
    expect(Math.abs(clock.now() - Date.now() - before)).toBeLessThan(1_000);
    clock.close();
  });

  it("leaves the archives the retention example keeps, and says so", async () => {
    const policy = await lockedWith(target, "retention", retentionPolicy);
    const result = await verifyPolicy(options(target, "retention", policy));
    expect(result.live!.cells.filter((c) => !c.agrees)).toEqual([]);
    expect(result.live!.leftovers.length).toBeGreaterThan(0);
    for (const left of result.live!.leftovers)
      expect(left).toMatch(/^archive \S+ \(answered 403 AccessDeniedException\)$/);
  });

  it("moves the clock into each time band the lock outlives, and back", async () => {
    const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString().replace(/\.\d+Z$/, "Z");
    const policy = await lockedWith(target, "timed", (arn) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "later",
            Effect: "Deny",
            Principal: "*",
            Action: "glacier:DescribeVault",
            Resource: arn,
            Condition: { DateGreaterThan: { "aws:CurrentTime": at(2) } },
          },
          {
            Sid: "much-later",
            Effect: "Deny",
            Principal: "*",
            Action: "glacier:ListTagsForVault",
            Resource: arn,
            Condition: { DateGreaterThan: { "aws:CurrentTime": at(30) } },
          },
        ],
      }),
    );
    const result = await verifyPolicy(options(target, "timed", policy));
    expect(result.table!.times).toHaveLength(3);
    const cells = result.live!.cells;
    expect(cells.filter((c) => c.agrees === false)).toEqual([]);
    expect(cells.some((c) => c.cell.time === 1 && c.observed === "403 AccessDeniedException")).toBe(true);
    const skipped = cells.filter((c) => c.skipped);
    expect(skipped.length).toBeGreaterThan(0);
    for (const c of skipped)
      expect(c).toMatchObject({ cell: { time: 2 }, skipped: expect.stringContaining("lies after the lock expires") });
  });

  it("fails the file check for another policy, and an absent lock is not verifiable", async () => {
    const policy = await lockedWith(target, "other", retentionPolicy);
    const result = await verifyPolicy(options(target, "other", policy.replace("365", "366")));
    expect(result.checks[0]).toEqual({ ok: false, text: "GetVaultLock's policy is not the file's" });
    expect(result.live).toBeUndefined();
    await invoke(clientFor(target), { name: "CreateVault", accountId: "-", vaultName: "unlocked" });
    await expect(verifyPolicy(options(target, "unlocked", policy))).rejects.toThrow(NotVerifiable);
  });

  it("on real AWS sends only reads, and archive requests only with --allow-archives", async () => {
    const recorder = await proxy(emulator.url);
    try {
      const aws = asRealAws(emulatorTarget(recorder.url, emulator.accounts));
      const policy = await lockedWith(aws, "railed", (arn) => legalHoldPolicy(aws.accountId, arn));
      recorder.exchanges.length = 0;
      const read = await verifyPolicy(options(aws, "railed", policy));
      expect(new Set(recorder.exchanges.map((e) => e.method))).toEqual(new Set(["GET"]));
      expect(
        read
          .live!.cells.filter((c) => c.observed)
          .map((c) => c.cell.operation)
          .sort(),
      ).toEqual(["DescribeVault", "GetVaultAccessPolicy", "ListTagsForVault"]);
      recorder.exchanges.length = 0;
      const archives = await verifyPolicy(options(aws, "railed", policy, { allowArchives: true }));
      const writes = recorder.exchanges
        .filter((e) => e.method !== "GET")
        .map((e) => `${e.method} ${e.url.replace(/archives\/.*/, "archives/ID")}`);
      expect(new Set(writes)).toEqual(
        new Set(["POST /-/vaults/railed/archives", "DELETE /-/vaults/railed/archives/ID"]),
      );
      expect(archives.live!.cells.filter((c) => c.agrees === false)).toEqual([]);
    } finally {
      await recorder.close();
    }
  });
});

describe("policy verify against a mutant that enforces the lock policy only once Locked", () => {
  let emulator: Emulator;
  afterAll(() => emulator.close());

  it("reports the cells that differ", async () => {
    emulator = await startEmulator({ clockControl: true, mutant: "lock-policy-only-when-locked" });
    const target = emulatorTarget(emulator.url, emulator.accounts);
    const policy = await lockedWith(target, "mutant", retentionPolicy);
    const result = await verifyPolicy(options(target, "mutant", policy));
    const differ = result.live!.cells.filter((c) => c.agrees === false);
    expect(differ.map((c) => c.cell.operation)).toEqual(["DeleteArchive"]);
    expect(differ[0]!.observed).toBe("204");
  });
});
