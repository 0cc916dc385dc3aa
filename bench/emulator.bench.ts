/**
 * Emulator signed requests per second versus a bare node:http server answering the same route, with the
 * same SDK client (signing every request) in the same run. Goal: ratio >= 0.6 (issue 3).
 */
import {
  CompleteVaultLockCommand,
  CreateVaultCommand,
  GetVaultLockCommand,
  InitiateVaultLockCommand,
} from "@aws-sdk/client-glacier";
import { DEFAULT_ACCOUNTS } from "../emulator/accounts.js";
import { sdkClient } from "../emulator/testing.js";
import { examplePolicy } from "../model/index.js";
import { figure, serverWorker, throughput } from "./measure.js";

export async function emulatorVersusBare(ms: number): Promise<Record<string, number>> {
  const emulator = await serverWorker({ kind: "emulator" });
  const bare = await serverWorker({ kind: "bare" });
  try {
    const account = DEFAULT_ACCOUNTS[0]!;
    const toEmulator = sdkClient(emulator.url, account);
    const toBare = sdkClient(bare.url, account);
    const vault = { accountId: "-", vaultName: "bench" };
    await toEmulator.send(new CreateVaultCommand(vault));
    const { lockId } = await toEmulator.send(
      new InitiateVaultLockCommand({ ...vault, policy: { Policy: examplePolicy("valid") } }),
    );
    await toEmulator.send(new CompleteVaultLockCommand({ ...vault, lockId }));
    const get = new GetVaultLockCommand(vault);
    const bareRun = await throughput(() => toBare.send(get), ms);
    const emulatorRun = await throughput(() => toEmulator.send(get), ms);
    const ratio = emulatorRun.perSecond / bareRun.perSecond;
    console.log(
      `emulator signed GetVaultLock: ${figure(emulatorRun.perSecond)} req/s; bare node:http, same route and client: ${figure(bareRun.perSecond)} req/s; ratio ${ratio.toFixed(2)} (goal >= 0.6)`,
    );
    return { emulatorReqPerSec: emulatorRun.perSecond, bareReqPerSec: bareRun.perSecond, emulatorToBareRatio: ratio };
  } finally {
    await emulator.stop();
    await bare.stop();
  }
}
