/** Deletes every vault carrying the run's prefix (aborting InProgress locks first) and reports what is left. */
import {
  AbortVaultLockCommand,
  DeleteVaultCommand,
  ListVaultsCommand,
  type GlacierClient,
} from "@aws-sdk/client-glacier";

async function listNames(client: GlacierClient, prefix: string): Promise<string[]> {
  const names: string[] = [];
  let marker: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const out = await client.send(new ListVaultsCommand({ accountId: "-", ...(marker ? { marker } : {}) }));
    names.push(...(out.VaultList ?? []).map((v) => v.VaultName ?? "").filter((n) => n.startsWith(prefix)));
    marker = out.Marker;
    if (!marker) break;
  }
  return names;
}

/** Returns the names of this run's vaults that could not be deleted (or could not be listed). */
export async function cleanup(client: GlacierClient, prefix: string): Promise<string[]> {
  let names: string[];
  try {
    names = await listNames(client, prefix);
  } catch (error) {
    return [`(could not list vaults: ${String(error)})`];
  }
  for (const vaultName of names) {
    await client.send(new AbortVaultLockCommand({ accountId: "-", vaultName })).catch(() => undefined);
    await client.send(new DeleteVaultCommand({ accountId: "-", vaultName })).catch(() => undefined);
  }
  return listNames(client, prefix).catch((error: unknown) => [`(could not list vaults: ${String(error)})`]);
}
