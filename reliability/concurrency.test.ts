import {
  AbortVaultLockCommand,
  CompleteVaultLockCommand,
  CreateVaultCommand,
  InitiateVaultLockCommand,
} from "@aws-sdk/client-glacier";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorTarget } from "../conformance/target.js";
import { startEmulator, type Emulator } from "../emulator/server.js";
import { sdkClient } from "../emulator/testing.js";
import { examplePolicy } from "../model/index.js";
import type { LoadKind } from "../conformance/load.js";
import { concurrentLoad } from "./concurrency.js";

/** A mix where Initiates meet often and little can hide two winners (an Abort between them would). */
const RACING: LoadKind[] = [
  "CreateVault",
  "InitiateVaultLock",
  "InitiateVaultLock",
  "InitiateVaultLock",
  "GetVaultLock",
  "AbortVaultLock",
];

describe("parallel clients on the emulator", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ clockControl: true });
  });
  afterAll(() => emulator.close());

  it("produce a linearizable history on one vault", { timeout: 60_000 }, async () => {
    const shape = { clients: 8, operations: 480, vaults: 1 };
    const figures = await concurrentLoad(emulatorTarget(emulator.url, emulator.accounts), "one", shape, 1);
    expect(figures.examples).toEqual([]);
    expect(figures).toMatchObject({ violations: 0, requests: 480, components: 1 });
  });

  it(
    "produce a linearizable history spread over many vaults, checked vault by vault",
    { timeout: 60_000 },
    async () => {
      const shape = { clients: 16, operations: 960, vaults: 4 };
      const figures = await concurrentLoad(emulatorTarget(emulator.url, emulator.accounts), "many", shape, 2);
      expect(figures).toMatchObject({ violations: 0, requests: 960, components: 4 });
    },
  );

  it(
    "the checker does catch a non-atomic emulator (the non-atomic-initiate mutant), and not the reference one",
    {
      timeout: 60_000,
    },
    async () => {
      const shape = { clients: 8, operations: 200, vaults: 1 };
      const reference = await concurrentLoad(emulatorTarget(emulator.url, emulator.accounts), "ref", shape, 1, RACING);
      expect(reference).toMatchObject({ violations: 0, requests: 200 });
      const mutant = await startEmulator({ mutant: "non-atomic-initiate", clockControl: true });
      try {
        const figures = await concurrentLoad(emulatorTarget(mutant.url, mutant.accounts), "mut", shape, 1, RACING);
        expect(figures.violations).toBe(1);
        expect(figures.examples.length).toBeGreaterThan(0);
      } finally {
        await mutant.close();
      }
    },
  );
});

describe("isolation between accounts", () => {
  it("account B can neither see nor change account A's vaults, whatever account id it puts in the URI", async () => {
    const emulator = await startEmulator();
    try {
      const [a, b] = emulator.accounts;
      const clientA = sdkClient(emulator.url, a!);
      const clientB = sdkClient(emulator.url, b!);
      await clientA.send(new CreateVaultCommand({ accountId: "-", vaultName: "private" }));
      const { lockId } = await clientA.send(
        new InitiateVaultLockCommand({
          accountId: "-",
          vaultName: "private",
          policy: { Policy: examplePolicy("valid")! },
        }),
      );
      for (const accountId of ["-", b!.accountId, a!.accountId, "1111-2222-3333", "*", ".."]) {
        const vault = { accountId, vaultName: "private" };
        const attempts = [
          clientB.send(new AbortVaultLockCommand(vault)),
          clientB.send(new CompleteVaultLockCommand({ ...vault, lockId: lockId! })),
          clientB.send(new InitiateVaultLockCommand({ ...vault, policy: { Policy: examplePolicy("valid")! } })),
        ];
        for (const attempt of attempts) {
          const outcome = await attempt.then(
            (out) => out.$metadata.httpStatusCode,
            (e: { $metadata?: { httpStatusCode?: number } }) => e.$metadata?.httpStatusCode,
          );
          expect([403, 404], `B with account ${accountId}`).toContain(outcome);
        }
      }
      expect(
        (await clientA.send(new CompleteVaultLockCommand({ accountId: "-", vaultName: "private", lockId: lockId! })))
          .$metadata.httpStatusCode,
      ).toBe(204);
    } finally {
      await emulator.close();
    }
  });

  it("the mutant switch is not read from the environment by the library", async () => {
    process.env.VAULT_LOCK_EMULATOR_MUTANT = "abort-locked-succeeds";
    const emulator = await startEmulator();
    try {
      const client = sdkClient(emulator.url, emulator.accounts[0]!);
      await client.send(new CreateVaultCommand({ accountId: "-", vaultName: "env" }));
      const { lockId } = await client.send(
        new InitiateVaultLockCommand({ accountId: "-", vaultName: "env", policy: { Policy: examplePolicy("valid")! } }),
      );
      await client.send(new CompleteVaultLockCommand({ accountId: "-", vaultName: "env", lockId: lockId! }));
      const abort = await client
        .send(new AbortVaultLockCommand({ accountId: "-", vaultName: "env" }))
        .catch((e: { name: string }) => e.name);
      expect(abort).toBe("AccessDeniedException");
    } finally {
      delete process.env.VAULT_LOCK_EMULATOR_MUTANT;
      await emulator.close();
    }
  });
});
