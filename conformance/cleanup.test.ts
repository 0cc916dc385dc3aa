import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/server.js";
import { cleanup } from "./cleanup.js";
import { proxy, type Exchange } from "./harness.js";
import { invoke } from "./invoke.js";
import { clientFor, emulatorTarget } from "./target.js";

const broken = '{"code":"ServiceUnavailableException","message":"down","type":"Server"}';

describe("clean-up", () => {
  let emulator: Emulator;
  let listingBroken: Awaited<ReturnType<typeof proxy>>;
  beforeAll(async () => {
    emulator = await startEmulator();
    const failListing = (e: Exchange): Exchange =>
      e.method === "GET" && /^\/-\/vaults(\?|$)/.test(e.url) ? { ...e, status: 500, body: broken } : e;
    const keepOne = (method: string, url: string) =>
      method === "DELETE" && url === "/-/vaults/vlc-test-kept" ? { status: 500, body: broken } : undefined;
    listingBroken = await proxy(emulator.url, failListing, keepOne);
  });
  afterAll(async () => {
    await listingBroken.close();
    await emulator.close();
  });

  const names = async (client: ReturnType<typeof clientFor>) => {
    const observed = await invoke(client, { name: "ListVaults", accountId: "-" });
    return ((observed.body?.VaultList as { VaultName: string }[]) ?? []).map((v) => v.VaultName);
  };

  it("deletes the vaults it made by name when listing fails, and names every one it could not delete", async () => {
    const direct = clientFor(emulatorTarget(emulator.url, emulator.accounts));
    const created = new Set(["vlc-test-a", "vlc-test-b", "vlc-test-kept", "vlc-test-never-made"]);
    for (const vaultName of ["vlc-test-a", "vlc-test-b", "vlc-test-kept"])
      await invoke(direct, { name: "CreateVault", accountId: "-", vaultName });
    await invoke(direct, { name: "InitiateVaultLock", accountId: "-", vaultName: "vlc-test-b", policy: "{}" });
    const client = clientFor(emulatorTarget(listingBroken.url, emulator.accounts));
    const stats = { requests: 0 };
    const outcome = await cleanup({ client, prefix: "vlc-test-", created, stats });
    expect(outcome.leftovers).toEqual([
      { vaultName: "vlc-test-kept", reason: "DeleteVault answered 500 ServiceUnavailableException" },
    ]);
    expect(outcome.listing).toMatch(/ListVaults page 1 answered 500/);
    expect(await names(direct)).toEqual(["vlc-test-kept"]);
    expect(stats.requests).toBeGreaterThan(4);
    await invoke(direct, { name: "DeleteVault", accountId: "-", vaultName: "vlc-test-kept" });
  });

  it("adds prefixed vaults the listing shows, and gives up at its deadline", async () => {
    const direct = clientFor(emulatorTarget(emulator.url, emulator.accounts));
    await invoke(direct, { name: "CreateVault", accountId: "-", vaultName: "vlc-test-listed" });
    const done = await cleanup({ client: direct, prefix: "vlc-test-", created: new Set(), stats: { requests: 0 } });
    expect(done).toEqual({ leftovers: [], deleted: 1 });
    await invoke(direct, { name: "CreateVault", accountId: "-", vaultName: "vlc-test-late" });
    const late = await cleanup({
      client: direct,
      prefix: "vlc-test-",
      created: new Set(["vlc-test-late"]),
      stats: { requests: 0 },
      deadlineMs: -1,
    });
    expect(late.leftovers).toEqual([{ vaultName: "vlc-test-late", reason: "clean-up deadline passed" }]);
    await invoke(direct, { name: "DeleteVault", accountId: "-", vaultName: "vlc-test-late" });
  });
});
