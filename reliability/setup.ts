/** The fuzz fixture: fuzz-a with an InProgress lock, fuzz-b Locked, so no hostile request can legitimately change them. */
import {
  CompleteVaultLockCommand,
  CreateVaultCommand,
  InitiateVaultLockCommand,
  type GlacierClient,
} from "@aws-sdk/client-glacier";
import { examplePolicy } from "../model/index.js";

export async function prepareFuzzVaults(client: GlacierClient): Promise<void> {
  const Policy = examplePolicy("valid")!;
  for (const vaultName of ["fuzz-a", "fuzz-b"]) {
    await client.send(new CreateVaultCommand({ accountId: "-", vaultName }));
    const { lockId } = await client.send(
      new InitiateVaultLockCommand({ accountId: "-", vaultName, policy: { Policy } }),
    );
    if (vaultName === "fuzz-b") await client.send(new CompleteVaultLockCommand({ accountId: "-", vaultName, lockId }));
  }
}
