/**
 * Child process for the memory benchmark: the emulator's vault service holding COUNT vaults (one in ten with an
 * InProgress lock, one in a hundred Locked), driven without HTTP. Prints heap growth and time as JSON, and how
 * long an UploadArchive takes into one of them as it fills, after a warm-up on another: the first UPLOADS_TIMED,
 * and the UPLOADS_TIMED after UPLOADS_BEFORE archives (flat: a write costs the same whatever the vault holds).
 */
import { createClock } from "../emulator/clock.js";
import { VaultService } from "../emulator/service.js";
import { examplePolicy, treeHash } from "../model/index.js";

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

const [UPLOADS_TIMED, UPLOADS_BEFORE] = [5_000, 20_000];
const body = new TextEncoder().encode("archive");
const upload = { name: "UploadArchive" as const, accountId: "-", body, treeHash: treeHash(body) };
/** Microseconds an UploadArchive takes, the mean over `times` uploads into `vaultName`; throws unless each is stored. */
function uploads(times: number, vaultName = "vault-1"): number {
  const start = performance.now();
  for (let k = 0; k < times; k++)
    if (service.execute({ ...upload, vaultName }, "111122223333", "us-east-1").status !== 201)
      throw new Error("an upload failed");
  return ((performance.now() - start) * 1000) / times;
}
uploads(UPLOADS_TIMED, "vault-2");
const firstUploadMicros = uploads(UPLOADS_TIMED);
uploads(UPLOADS_BEFORE - UPLOADS_TIMED);
const laterUploadMicros = uploads(UPLOADS_TIMED);
console.log(
  JSON.stringify({
    count,
    heapMiB,
    bytesPerVault: (heapMiB * 2 ** 20) / count,
    seconds,
    listMs,
    uploadsBefore: UPLOADS_BEFORE,
    firstUploadMicros,
    laterUploadMicros,
  }),
);
