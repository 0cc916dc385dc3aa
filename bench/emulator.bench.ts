/**
 * The emulator against the physical limit: raw pre-signed GetVaultLock and DescribeVault (on a Locked vault) sent by
 * one fast client (`raw.ts`) at 1 and 16 in flight, to the emulator and to a bare node:http server answering each
 * with the emulator's own answer bytes, windows interleaved so both see the same machine. Goal at 16 in flight:
 * ratio >= 0.4 (issue 17). The emulator runs from the `dist/` build (`run.ts` makes it first), as an installed
 * package runs it. Beside them the auth mutant that checks no signature prices SigV4 verification, and each server
 * thread's busy time a request is read from its event-loop utilization. Also the SDK-signed GetVaultLock at 8 in
 * flight, where the SDK client is the bottleneck (issue 3, goal >= 0.6).
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
import { figure, serverWorker, throughput, type ServerThread } from "./measure.js";
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

interface Rate {
  perSecond: number;
  /** The server thread's busy time a request (event-loop utilization over the window). */
  busyMicros: number;
}

async function rate(server: ServerThread, request: Buffer, inFlight: number, ms: number): Promise<Rate> {
  let before = server.utilization();
  let start = performance.now();
  const perSecond = await rawThroughput(server.url, request, inFlight, ms, () => {
    before = server.utilization();
    start = performance.now();
  });
  const active = server.utilization(before).active;
  return { perSecond, busyMicros: (active * 1000) / (perSecond * ((performance.now() - start) / 1000)) };
}

/** The mean of each server's rates over ROUNDS interleaved windows. */
async function interleaved(runs: (() => Promise<Rate>)[]): Promise<Rate[]> {
  const totals = runs.map(() => ({ perSecond: 0, busyMicros: 0 }));
  for (let round = 0; round < ROUNDS; round++)
    for (const [k, run] of runs.entries()) {
      const { perSecond, busyMicros } = await run();
      totals[k]!.perSecond += perSecond / ROUNDS;
      totals[k]!.busyMicros += busyMicros / ROUNDS;
    }
  return totals;
}

/**
 * Raw pre-signed requests to the emulator, to the auth mutant that checks no signature (what the rest of the path
 * costs) and to bare node:http answering the emulator's bytes.
 */
async function rawFigures(
  emulator: ServerThread,
  unchecked: ServerThread,
  ms: number,
): Promise<Record<string, number>> {
  const answers: Record<string, CannedAnswer> = {};
  for (const path of Object.values(PATHS))
    answers[path] = await recordedAnswer(emulator.url, await presigned(emulator.url, ACCOUNT, path));
  const bare = await serverWorker({ kind: "bare", answers });
  const figures: Record<string, number> = {};
  try {
    for (const [operation, path] of Object.entries(PATHS)) {
      const servers = [bare, emulator, unchecked];
      const requests = await Promise.all(servers.map((s) => presigned(s.url, ACCOUNT, path)));
      for (const inFlight of [1, 16]) {
        const window = ms / ROUNDS;
        const [b, e, u] = await interleaved(servers.map((s, k) => () => rate(s, requests[k]!, inFlight, window)));
        const ratio = e!.perSecond / b!.perSecond;
        const goal = inFlight === 16 ? ` ${ratio >= 0.4 ? "✔" : "✘"} (goal >= 0.4)` : "";
        console.log(
          `emulator raw pre-signed ${operation}, ${inFlight} in flight: ${figure(e!.perSecond)} req/s (server busy ${e!.busyMicros.toFixed(0)} µs a request); bare node:http, same answer bytes and client: ${figure(b!.perSecond)} req/s (${b!.busyMicros.toFixed(0)} µs); ratio ${ratio.toFixed(2)}${goal}; signatures not checked: ${figure(u!.perSecond)} req/s (${u!.busyMicros.toFixed(0)} µs), ratio ${(u!.perSecond / b!.perSecond).toFixed(2)}`,
        );
        const key = `raw${operation}${inFlight}`;
        Object.assign(figures, {
          [`${key}EmulatorReqPerSec`]: e!.perSecond,
          [`${key}BareReqPerSec`]: b!.perSecond,
          [`${key}Ratio`]: ratio,
          [`${key}EmulatorMicros`]: e!.busyMicros,
          [`${key}BareMicros`]: b!.busyMicros,
          [`${key}UncheckedRatio`]: u!.perSecond / b!.perSecond,
          [`${key}UncheckedMicros`]: u!.busyMicros,
        });
      }
    }
  } finally {
    await bare.stop();
  }
  return figures;
}

export async function emulatorVersusBare(ms: number): Promise<Record<string, number>> {
  const emulator = await serverWorker({ kind: "emulator", compiled: true });
  const unchecked = await serverWorker({ kind: "emulator", compiled: true, mutant: "signatures-not-checked" });
  try {
    await lockedVault(emulator.url);
    await lockedVault(unchecked.url);
    const raw = await rawFigures(emulator, unchecked, ms);
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
    await unchecked.stop();
  }
}
