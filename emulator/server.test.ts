import {
  AbortVaultLockCommand,
  CompleteVaultLockCommand,
  CreateVaultCommand,
  DeleteVaultCommand,
  DescribeVaultCommand,
  GetVaultLockCommand,
  InitiateVaultLockCommand,
  ListVaultsCommand,
  type GlacierClient,
} from "@aws-sdk/client-glacier";
import { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { examplePolicy, LOCK_TTL_MS } from "../model/index.js";
import { startEmulator, type Emulator } from "./server.js";
import { rawRequest, sdkClient } from "./testing.js";

const Policy = examplePolicy("valid")!;
let emulator: Emulator;
let glacier: GlacierClient;
let other: GlacierClient;

beforeAll(async () => {
  emulator = await startEmulator({ clockControl: true });
  glacier = sdkClient(emulator.url, emulator.accounts[0]!);
  other = sdkClient(emulator.url, emulator.accounts[1]!);
});
afterAll(() => emulator.close());

/** The error name and HTTP status of a failing call. */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return `${e.$metadata?.httpStatusCode} ${e.name}`;
  }
  throw new Error("expected the call to fail");
}

const v = (vaultName: string) => ({ accountId: "-", vaultName });

describe("the lock lifecycle through @aws-sdk/client-glacier", () => {
  it("create → initiate → get → complete → get, with the documented shapes", async () => {
    const created = await glacier.send(new CreateVaultCommand(v("life")));
    expect(created.location).toBe(`/${emulator.accounts[0]!.accountId}/vaults/life`);
    const { lockId, $metadata } = await glacier.send(
      new InitiateVaultLockCommand({ ...v("life"), policy: { Policy } }),
    );
    expect($metadata.httpStatusCode).toBe(201);
    expect(lockId).toMatch(/^[A-Za-z0-9]{24}$/);
    const inProgress = await glacier.send(new GetVaultLockCommand(v("life")));
    expect(inProgress).toMatchObject({ Policy, State: "InProgress" });
    expect(Date.parse(inProgress.ExpirationDate!) - Date.parse(inProgress.CreationDate!)).toBe(LOCK_TTL_MS);
    expect(inProgress.CreationDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect((await glacier.send(new CompleteVaultLockCommand({ ...v("life"), lockId }))).$metadata.httpStatusCode).toBe(
      204,
    );
    const locked = await glacier.send(new GetVaultLockCommand(v("life")));
    expect(locked.State).toBe("Locked");
    expect(locked.ExpirationDate).toBeUndefined();
    expect((await glacier.send(new CompleteVaultLockCommand({ ...v("life"), lockId }))).$metadata.httpStatusCode).toBe(
      204,
    );
  });

  it("answers every state-dependent error with the model's code and status", async () => {
    expect(await failure(glacier.send(new GetVaultLockCommand(v("nowhere"))))).toBe("404 ResourceNotFoundException");
    await glacier.send(new CreateVaultCommand(v("errs")));
    expect(await failure(glacier.send(new GetVaultLockCommand(v("errs"))))).toBe("404 ResourceNotFoundException");
    expect(await failure(glacier.send(new CompleteVaultLockCommand({ ...v("errs"), lockId: "x" })))).toBe(
      "400 InvalidParameterValueException",
    );
    expect((await glacier.send(new AbortVaultLockCommand(v("errs")))).$metadata.httpStatusCode).toBe(204);
    expect(await failure(glacier.send(new InitiateVaultLockCommand(v("errs"))))).toBe(
      "400 MissingParameterValueException",
    );
    expect(await failure(glacier.send(new InitiateVaultLockCommand({ ...v("errs"), policy: { Policy: "{" } })))).toBe(
      "400 InvalidParameterValueException",
    );
    expect(
      await failure(
        glacier.send(new InitiateVaultLockCommand({ ...v("errs"), policy: { Policy: examplePolicy("tooLarge") } })),
      ),
    ).toBe("400 InvalidParameterValueException");
    const { lockId } = await glacier.send(new InitiateVaultLockCommand({ ...v("errs"), policy: { Policy } }));
    expect(await failure(glacier.send(new InitiateVaultLockCommand({ ...v("errs"), policy: { Policy } })))).toBe(
      "403 AccessDeniedException",
    );
    expect(await failure(glacier.send(new CompleteVaultLockCommand({ ...v("errs"), lockId: "wrong" })))).toBe(
      "400 InvalidParameterValueException",
    );
    await glacier.send(new CompleteVaultLockCommand({ ...v("errs"), lockId }));
    expect(await failure(glacier.send(new AbortVaultLockCommand(v("errs"))))).toBe("403 AccessDeniedException");
    expect(await failure(glacier.send(new CompleteVaultLockCommand({ ...v("errs"), lockId: "wrong" })))).toBe(
      "403 AccessDeniedException",
    );
    expect(await failure(glacier.send(new InitiateVaultLockCommand({ ...v("errs"), policy: { Policy } })))).toBe(
      "403 AccessDeniedException",
    );
    expect((await glacier.send(new DeleteVaultCommand(v("errs")))).$metadata.httpStatusCode).toBe(204);
    expect(await failure(glacier.send(new DescribeVaultCommand(v("errs"))))).toBe("404 ResourceNotFoundException");
    expect(await failure(glacier.send(new CreateVaultCommand(v("bad name"))))).toBe(
      "400 InvalidParameterValueException",
    );
  });

  it("expires an InProgress lock when the service clock passes 24 h (over the HTTP control route)", async () => {
    await glacier.send(new CreateVaultCommand(v("expiry")));
    const { lockId } = await glacier.send(new InitiateVaultLockCommand({ ...v("expiry"), policy: { Policy } }));
    const moved = await rawRequest(emulator.url, {
      method: "POST",
      path: "/__emulator/clock",
      body: JSON.stringify({ advanceMs: LOCK_TTL_MS }),
    });
    expect(moved.status).toBe(200);
    expect(await failure(glacier.send(new GetVaultLockCommand(v("expiry"))))).toBe("404 ResourceNotFoundException");
    expect(await failure(glacier.send(new CompleteVaultLockCommand({ ...v("expiry"), lockId })))).toBe(
      "400 InvalidParameterValueException",
    );
    const again = await glacier.send(new InitiateVaultLockCommand({ ...v("expiry"), policy: { Policy } }));
    expect(again.lockId).not.toBe(lockId);
  });
});

describe("accounts", () => {
  it("keeps each account's vaults apart and refuses another account id in the URI", async () => {
    await glacier.send(new CreateVaultCommand(v("mine")));
    expect(await failure(other.send(new DescribeVaultCommand(v("mine"))))).toBe("404 ResourceNotFoundException");
    const theirs = emulator.accounts[1]!.accountId;
    expect(await failure(glacier.send(new DescribeVaultCommand({ accountId: theirs, vaultName: "mine" })))).toBe(
      "403 AccessDeniedException",
    );
    const listed = await other.send(new ListVaultsCommand({ accountId: "-" }));
    expect(listed.VaultList ?? []).toEqual([]);
    const own = await glacier.send(
      new DescribeVaultCommand({ accountId: emulator.accounts[0]!.accountId, vaultName: "mine" }),
    );
    expect(own.VaultName).toBe("mine");
  });

  it("pages ListVaults in name order", async () => {
    const names = ["p-c", "p-a", "p-b"];
    const client = sdkClient(emulator.url, emulator.accounts[0]!, "eu-west-1");
    for (const name of names) await client.send(new CreateVaultCommand(v(name)));
    const first = await client.send(new ListVaultsCommand({ accountId: "-", limit: 2 }));
    expect(first.VaultList!.map((x) => x.VaultName)).toEqual(["p-a", "p-b"]);
    const second = await client.send(new ListVaultsCommand({ accountId: "-", limit: 2, marker: first.Marker }));
    expect(second.VaultList!.map((x) => x.VaultName)).toEqual(["p-c"]);
    expect(second.Marker).toBeUndefined();
  });
});

describe("clock control", () => {
  it("is absent unless the emulator was started with it", async () => {
    const plain = await startEmulator();
    try {
      const response = await rawRequest(plain.url, {
        method: "POST",
        path: "/__emulator/clock",
        body: '{"advanceMs":1}',
      });
      expect(response.status).toBe(400);
      expect(response.json?.code).toBe("MissingAuthenticationTokenException");
      expect(plain.clock.offset()).toBe(0);
    } finally {
      await plain.close();
    }
  });

  it("reads, sets and rejects bad values", async () => {
    const read = await rawRequest(emulator.url, { method: "GET", path: "/__emulator/clock" });
    expect(Date.parse(String(read.json?.now))).toBeGreaterThan(0);
    const set = await rawRequest(emulator.url, {
      method: "POST",
      path: "/__emulator/clock",
      body: '{"now":"2030-01-01T00:00:00Z"}',
    });
    expect(String(set.json?.now).startsWith("2030-01-01T00:00:0")).toBe(true);
    const bad = await rawRequest(emulator.url, {
      method: "POST",
      path: "/__emulator/clock",
      body: '{"advanceMs":"soon"}',
    });
    expect([bad.status, bad.json?.code]).toEqual([400, "InvalidParameterValueException"]);
  });
});

describe("answers on the wire", () => {
  it("sends each answer, headers and body together, in one socket write", async () => {
    const vault = v("one-write");
    await glacier.send(new CreateVaultCommand(vault));
    const counted = { writes: 0 };
    const write = Socket.prototype._write;
    const writev = Socket.prototype._writev!;
    Socket.prototype._write = function (this: Socket & { server?: unknown }, ...args) {
      if (this.server) counted.writes++;
      return write.apply(this, args);
    };
    Socket.prototype._writev = function (this: Socket & { server?: unknown }, ...args) {
      if (this.server) counted.writes++;
      return writev.apply(this, args);
    };
    try {
      await glacier.send(new DescribeVaultCommand(vault));
      await glacier.send(new DeleteVaultCommand(vault));
      await failure(glacier.send(new GetVaultLockCommand(vault)));
    } finally {
      Socket.prototype._write = write;
      Socket.prototype._writev = writev;
    }
    expect(counted.writes).toBe(3);
  });
});
