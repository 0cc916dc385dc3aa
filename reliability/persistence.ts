/**
 * The kill test: an emulator with `--data-dir` in a child process takes a write load, is killed with SIGKILL
 * in the middle of it, and is restarted on the same directory; every change it acknowledged must be there.
 */
import { DescribeVaultCommand, GetVaultLockCommand } from "@aws-sdk/client-glacier";
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { invoke } from "../conformance/invoke.js";
import { DEFAULT_ACCOUNTS } from "../emulator/accounts.js";
import { sdkClient } from "../emulator/testing.js";
import { examplePolicy } from "../model/index.js";

const BIN = fileURLToPath(new URL("../bin/glacier-vault-lock.mjs", import.meta.url));

export async function startChild(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN, "emulator", "--port", "0", "--clock-control", "--data-dir", dataDir], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { url, child };
}

export interface KillFigures {
  acknowledged: number;
  lost: number;
  clockOffsetKept: boolean;
  examples: string[];
}

type Acked = { vault: string; state: "noLock" | "InProgress" | "Locked" };

/**
 * Runs a write load from four clients, SIGKILLs the emulator once `killAfterVaults` vaults have an acknowledged
 * change (the other clients' requests still in flight), restarts it and checks what it acknowledged. The kill
 * point is counted, not timed, so a slow machine kills as far into the load as a fast one.
 */
export async function killDuringWrites(dataDir: string, killAfterVaults: number): Promise<KillFigures> {
  const first = await startChild(dataDir);
  await fetch(`${first.url}/__emulator/clock`, { method: "POST", body: JSON.stringify({ advanceMs: 3_600_000 }) });
  const client = sdkClient(first.url, DEFAULT_ACCOUNTS[0]!);
  const acked = new Map<string, Acked>();
  let killed = false;
  const acknowledge = (entry: Acked) => {
    acked.set(entry.vault, entry);
    if (killed || acked.size < killAfterVaults) return;
    killed = true;
    first.child.kill("SIGKILL");
  };
  const worker = async (w: number) => {
    for (let i = 0; !killed; i++) {
      const vault = `kill-${w}-${i}`;
      const base = { accountId: "-", vaultName: vault };
      if ((await invoke(client, { name: "CreateVault", ...base }).catch(() => undefined))?.status !== 201) return;
      acknowledge({ vault, state: "noLock" });
      const init = await invoke(client, { name: "InitiateVaultLock", ...base, policy: examplePolicy("valid")! }).catch(
        () => undefined,
      );
      if (init?.status !== 201) return;
      acknowledge({ vault, state: "InProgress" });
      if (i % 2) continue;
      const done = await invoke(client, {
        name: "CompleteVaultLock",
        ...base,
        lockId: init.headers["x-amz-lock-id"]!,
      }).catch(() => undefined);
      if (done?.status === 204) acknowledge({ vault, state: "Locked" });
    }
  };
  await Promise.all([0, 1, 2, 3].map(worker));
  await new Promise((r) => first.child.once("exit", r));
  const second = await startChild(dataDir);
  try {
    return await verify(second.url, [...acked.values()]);
  } finally {
    second.child.kill("SIGTERM");
  }
}

async function verify(url: string, acked: Acked[]): Promise<KillFigures> {
  const client = sdkClient(url, DEFAULT_ACCOUNTS[0]!);
  const figures: KillFigures = { acknowledged: acked.length, lost: 0, clockOffsetKept: false, examples: [] };
  for (const { vault, state } of acked) {
    const found = await client.send(new DescribeVaultCommand({ accountId: "-", vaultName: vault })).then(
      () => true,
      () => false,
    );
    const lock = await client.send(new GetVaultLockCommand({ accountId: "-", vaultName: vault })).then(
      (out) => out.State,
      () => "noLock",
    );
    // A request in flight at the kill may have been made durable without its answer arriving: a state further
    // along than the acknowledged one is fine; one behind it (or no vault) is a lost change.
    const order = ["noLock", "InProgress", "Locked"];
    const ok = found && order.indexOf(String(lock)) >= order.indexOf(state);
    if (!ok) {
      figures.lost++;
      if (figures.examples.length < 5)
        figures.examples.push(`${vault}: acknowledged ${state}, found ${found ? lock : "no vault"}`);
    }
  }
  const clock = (await (await fetch(`${url}/__emulator/clock`)).json()) as { offsetMs: number };
  figures.clockOffsetKept = Math.abs(clock.offsetMs - 3_600_000) < 60_000;
  return figures;
}
