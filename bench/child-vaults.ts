/**
 * Child process for the memory benchmark: the emulator's vault service holding COUNT vaults (one in ten with an
 * InProgress lock, one in a hundred Locked), driven without HTTP. Prints heap growth and time as JSON.
 */
import { createClock } from "../emulator/clock.js";
import { VaultService } from "../emulator/service.js";
import { examplePolicy } from "../model/index.js";

const count = Number(process.argv[2]);
const gc = (globalThis as { gc?: () => void }).gc!;
const service = new VaultService(createClock());
gc();
const before = process.memoryUsage().heapUsed;
const start = performance.now();
const policy = examplePolicy("valid")!;
for (let i = 0; i < count; i++) {
  const vault = { accountId: "-", vaultName: `vault-${i}` };
  await service.execute({ name: "CreateVault", ...vault }, "111122223333", "us-east-1");
  if (i % 10 === 0) {
    const answer = await service.execute({ name: "InitiateVaultLock", ...vault, policy }, "111122223333", "us-east-1");
    if (i % 100 === 0)
      await service.execute(
        { name: "CompleteVaultLock", ...vault, lockId: answer.headers["x-amz-lock-id"]! },
        "111122223333",
        "us-east-1",
      );
  }
}
const seconds = (performance.now() - start) / 1000;
const listPage = () =>
  service.execute(
    {
      name: "ListVaults",
      accountId: "-",
      limit: "10",
      marker: "arn:aws:glacier:us-east-1:111122223333:vaults/vault-5",
    },
    "111122223333",
    "us-east-1",
  );
await listPage();
const list = performance.now();
await listPage();
const listMs = performance.now() - list;
gc();
const heapMiB = (process.memoryUsage().heapUsed - before) / 2 ** 20;
console.log(JSON.stringify({ count, heapMiB, bytesPerVault: (heapMiB * 2 ** 20) / count, seconds, listMs }));
