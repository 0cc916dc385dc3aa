/** Deletes every vault carrying the run's prefix (aborting InProgress locks first) and reports what is left. */
import {
  AbortVaultLockCommand,
  DeleteVaultCommand,
  ListVaultsCommand,
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

/** Returns the names of this run's vaults that could not be deleted (or could not be listed); counts requests in `stats`. */
export async function cleanup(client: GlacierClient, prefix: string, stats: { requests: number }): Promise<string[]> {
  let names: string[];
  try {
    names = await listNames(client, prefix, stats);
  } catch (error) {
    return [`(could not list vaults: ${String(error)})`];
  }
  for (const vaultName of names) {
    stats.requests += 2;
    await client.send(new AbortVaultLockCommand({ accountId: "-", vaultName })).catch(() => undefined);
    await client.send(new DeleteVaultCommand({ accountId: "-", vaultName })).catch(() => undefined);
  }
  return listNames(client, prefix, stats).catch((error: unknown) => [`(could not list vaults: ${String(error)})`]);
}
