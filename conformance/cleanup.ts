/**
 * Deletes every vault carrying the run's prefix and reports what is left. A vault the first DeleteVault does not
 * remove gets its InProgress lock aborted, its access policy and LegalHold tag dropped and the archives the run
 * uploaded deleted, then one more DeleteVault.
 */
import {
  AbortVaultLockCommand,
  DeleteArchiveCommand,
  DeleteVaultAccessPolicyCommand,
  DeleteVaultCommand,
  ListVaultsCommand,
  RemoveTagsFromVaultCommand,
  type GlacierClient,
} from "@aws-sdk/client-glacier";

async function listNames(client: GlacierClient, prefix: string, stats: { requests: number }): Promise<string[]> {
  const names: string[] = [];
  let marker: string | undefined;
  for (let page = 0; page < 1000; page++) {
    stats.requests++;
    const out = await client.send(new ListVaultsCommand({ accountId: "-", ...(marker ? { marker } : {}) }));
    names.push(...(out.VaultList ?? []).map((v) => v.VaultName ?? "").filter((n) => n.startsWith(prefix)));
    marker = out.Marker;
    if (!marker) break;
  }
  return names;
}

/** Sends one clean-up request, counted in `stats`; true when the target accepted it, false on any error. */
export function attemptCounted(stats: { requests: number }, send: () => Promise<unknown>): Promise<boolean> {
  stats.requests++;
  return send().then(
    () => true,
    () => false,
  );
}

/** Returns the names of this run's vaults that could not be deleted (or could not be listed); counts requests in `stats`. */
export async function cleanup(
  client: GlacierClient,
  prefix: string,
  stats: { requests: number },
  uploads: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): Promise<string[]> {
  let names: string[];
  try {
    names = await listNames(client, prefix, stats);
  } catch (error) {
    return [`(could not list vaults: ${String(error)})`];
  }
  const attempt = (send: () => Promise<unknown>) => attemptCounted(stats, send);
  for (const vaultName of names) {
    const vault = { accountId: "-", vaultName };
    if (await attempt(() => client.send(new DeleteVaultCommand(vault)))) continue;
    await attempt(() => client.send(new AbortVaultLockCommand(vault)));
    await attempt(() => client.send(new DeleteVaultAccessPolicyCommand(vault)));
    await attempt(() => client.send(new RemoveTagsFromVaultCommand({ ...vault, TagKeys: ["LegalHold"] })));
    for (const archiveId of uploads.get(vaultName) ?? [])
      await attempt(() => client.send(new DeleteArchiveCommand({ ...vault, archiveId })));
    await attempt(() => client.send(new DeleteVaultCommand(vault)));
  }
  return listNames(client, prefix, stats).catch((error: unknown) => [`(could not list vaults: ${String(error)})`]);
}
