/**
 * The emulator against the physical limit: raw pre-signed GetVaultLock and DescribeVault (on a Locked vault) sent by
 * one fast client (`raw.ts`) at 1 and 16 in flight, to the emulator and to a bare node:http server answering each
 * with the emulator's own answer bytes, windows interleaved so both see the same machine. Goal at 16 in flight:
 * ratio >= 0.4 (issue 17). Also the SDK-signed GetVaultLock at 8 in flight, where the SDK client is the bottleneck
 * (issue 3, goal >= 0.6).
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
import { answerTo, presigned, rawThroughput } from "./raw.js";
import type { CannedAnswer } from "./servers.js";

const ACCOUNT = DEFAULT_ACCOUNTS[0]!;
const PATHS = { GetVaultLock: "/-/vaults/bench/lock-policy", DescribeVault: "/-/vaults/bench" };
const ROUNDS = 3;

async function lockedVault(url: string): Promise<void> {
  const client = sdkClient(url, ACCOUNT);
  const vault = { accountId: "-", vaultName: "bench" };
  await client.send(new CreateVaultCommand(vault));
  const policy = { Policy: examplePolicy("valid") };
  const { lockId } = await client.send(new InitiateVaultLockCommand({ ...vault, policy }));
  await client.send(new CompleteVaultLockCommand({ ...vault, lockId }));
}

/** The emulator's answer to `request`, as the bare server will give it (status, body, the same headers). */
async function recordedAnswer(url: string, request: Buffer): Promise<CannedAnswer> {
  const answer = await answerTo(url, request);
  if (answer.status !== 200) throw new Error(`the emulator answered ${answer.status}: ${answer.body}`);
  const headers: Record<string, string> = {};
  for (const line of answer.headers.split("\r\n").slice(1)) {
    const [name = "", ...value] = line.split(": ");
    if (!["content-length", "connection", "keep-alive"].includes(name.toLowerCase())) headers[name] = value.join(": ");
  }
  return { status: answer.status, headers, body: answer.body };
}

/** The mean rate of each run over ROUNDS interleaved windows, so every run sees the same machine. */
async function sideBySide(runs: (() => Promise<number>)[]): Promise<number[]> {
  const totals = runs.map(() => 0);
  for (let round = 0; round < ROUNDS; round++)
    for (const [k, run] of runs.entries()) totals[k]! += (await run()) / ROUNDS;
  return totals;
}

async function rawFigures(emulatorUrl: string, ms: number): Promise<Record<string, number>> {
  const answers: Record<string, CannedAnswer> = {};
  for (const path of Object.values(PATHS))
    answers[path] = await recordedAnswer(emulatorUrl, await presigned(emulatorUrl, ACCOUNT, path));
  const bare = await serverWorker({ kind: "bare", answers });
  const figures: Record<string, number> = {};
  try {
    for (const [operation, path] of Object.entries(PATHS)) {
      const toEmulator = await presigned(emulatorUrl, ACCOUNT, path);
      const toBare = await presigned(bare.url, ACCOUNT, path);
      for (const inFlight of [1, 16]) {
        const window = ms / ROUNDS;
        const [bareRate, emulatorRate] = await sideBySide([
          () => rawThroughput(bare.url, toBare, inFlight, window),
          () => rawThroughput(emulatorUrl, toEmulator, inFlight, window),
        ]);
        const ratio = emulatorRate! / bareRate!;
        const goal = inFlight === 16 ? ` ${ratio >= 0.4 ? "✔" : "✘"} (goal >= 0.4)` : "";
        console.log(
          `emulator raw pre-signed ${operation}, ${inFlight} in flight: ${figure(emulatorRate!)} req/s; bare node:http, same answer bytes and client: ${figure(bareRate!)} req/s; ratio ${ratio.toFixed(2)}${goal}`,
        );
        Object.assign(figures, {
          [`raw${operation}${inFlight}EmulatorReqPerSec`]: emulatorRate!,
          [`raw${operation}${inFlight}BareReqPerSec`]: bareRate!,
          [`raw${operation}${inFlight}Ratio`]: ratio,
        });
      }
    }
  } finally {
    await bare.stop();
  }
  return figures;
}

export async function emulatorVersusBare(ms: number): Promise<Record<string, number>> {
  const emulator = await serverWorker({ kind: "emulator" });
  try {
    await lockedVault(emulator.url);
    const raw = await rawFigures(emulator.url, ms);
    const answers = {
      [PATHS.GetVaultLock]: await recordedAnswer(
        emulator.url,
        await presigned(emulator.url, ACCOUNT, PATHS.GetVaultLock),
      ),
    };
    const bare = await serverWorker({ kind: "bare", answers });
    const get = new GetVaultLockCommand({ accountId: "-", vaultName: "bench" });
    const toBare = sdkClient(bare.url, ACCOUNT);
    const toEmulator = sdkClient(emulator.url, ACCOUNT);
    const [bareRate, emulatorRate] = await sideBySide([
      async () => (await throughput(() => toBare.send(get), ms / ROUNDS)).perSecond,
      async () => (await throughput(() => toEmulator.send(get), ms / ROUNDS)).perSecond,
    ]);
    await bare.stop();
    const ratio = emulatorRate! / bareRate!;
    console.log(
      `emulator SDK-signed GetVaultLock, 8 in flight: ${figure(emulatorRate!)} req/s; bare node:http, same answer and client: ${figure(bareRate!)} req/s; ratio ${ratio.toFixed(2)} (goal >= 0.6; the SDK client is the bottleneck)`,
    );
    return { ...raw, emulatorReqPerSec: emulatorRate!, bareReqPerSec: bareRate!, emulatorToBareRatio: ratio };
  } finally {
    await emulator.stop();
  }
}
