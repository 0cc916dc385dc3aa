import { describe, expect, it } from "vitest";
import { examplePolicy } from "./abstract-events.js";
import { LOCK_TTL_MS } from "./rules.js";
import { ModelDriver, SIGNER } from "./testing.js";

const policy = examplePolicy("valid")!;
const outcome = (b: { outcome: { status: number; code?: string } }) =>
  `${b.outcome.status}${b.outcome.code ? ` ${b.outcome.code}` : ""}`;

function lockedVault(m: ModelDriver, name = "v"): string {
  m.on(name, { name: "CreateVault" });
  const lockId = m.on(name, { name: "InitiateVaultLock", policy }).response.headers["x-amz-lock-id"]!;
  expect(outcome(m.on(name, { name: "CompleteVaultLock", lockId }))).toBe("204");
  return lockId;
}

describe("lock lifecycle through the oracle", () => {
  it("INIT-INSTALLS-POLICY, GET-IN-PROGRESS: initiate returns a lock id and Get shows InProgress with a 24 h expiry", () => {
    const m = new ModelDriver();
    m.on("v", { name: "CreateVault" });
    const init = m.on("v", { name: "InitiateVaultLock", policy });
    expect(init.outcome.status).toBe(201);
    expect(init.response.headers["x-amz-lock-id"]).toBe("lock-2");
    const get = m.on("v", { name: "GetVaultLock" });
    expect(get.response.body).toEqual({
      Policy: policy,
      State: "InProgress",
      CreationDate: new Date(m.now).toISOString(),
      ExpirationDate: new Date(m.now + LOCK_TTL_MS).toISOString(),
    });
  });

  it("INIT-IN-PROGRESS-DENIED: a second Initiate is refused with 403 and the first lock id still completes", () => {
    const m = new ModelDriver();
    m.on("v", { name: "CreateVault" });
    const first = m.on("v", { name: "InitiateVaultLock", policy }).response.headers["x-amz-lock-id"]!;
    expect(outcome(m.on("v", { name: "InitiateVaultLock", policy }))).toBe("403 AccessDeniedException");
    expect(outcome(m.on("v", { name: "CompleteVaultLock", lockId: first }))).toBe("204");
  });

  it("COMP-IN-PROGRESS-WRONG-ID, COMP-LOCKED-WRONG-ID-DENIED: wrong ids give 400 while InProgress and 403 once Locked", () => {
    const m = new ModelDriver();
    m.on("v", { name: "CreateVault" });
    m.on("v", { name: "InitiateVaultLock", policy });
    expect(outcome(m.on("v", { name: "CompleteVaultLock", lockId: "nope" }))).toBe(
      "400 InvalidParameterValueException",
    );
    const m2 = new ModelDriver();
    lockedVault(m2);
    expect(outcome(m2.on("v", { name: "CompleteVaultLock", lockId: "nope" }))).toBe("403 AccessDeniedException");
  });

  it("COMP-IDEMPOTENT, ABORT-LOCKED-DENIED, LOCKED-IS-PERMANENT: a Locked vault stays Locked", () => {
    const m = new ModelDriver();
    const lockId = lockedVault(m);
    expect(outcome(m.on("v", { name: "CompleteVaultLock", lockId }))).toBe("204");
    expect(outcome(m.on("v", { name: "AbortVaultLock" }))).toBe("403 AccessDeniedException");
    expect(outcome(m.on("v", { name: "InitiateVaultLock", policy }))).toBe("403 AccessDeniedException");
    m.advance(10 * LOCK_TTL_MS);
    const get = m.on("v", { name: "GetVaultLock" });
    expect(get.response.body).toMatchObject({ State: "Locked", Policy: policy });
    expect(get.response.body).not.toHaveProperty("ExpirationDate");
  });

  it("ABORT-REMOVES-POLICY, ABORT-IDEMPOTENT, COMP-STALE-ID-REJECTED, INIT-REPEATABLE", () => {
    const m = new ModelDriver();
    m.on("v", { name: "CreateVault" });
    const old = m.on("v", { name: "InitiateVaultLock", policy }).response.headers["x-amz-lock-id"]!;
    expect(outcome(m.on("v", { name: "AbortVaultLock" }))).toBe("204");
    expect(outcome(m.on("v", { name: "AbortVaultLock" }))).toBe("204");
    expect(outcome(m.on("v", { name: "GetVaultLock" }))).toBe("404 ResourceNotFoundException");
    const fresh = m.on("v", { name: "InitiateVaultLock", policy }).response.headers["x-amz-lock-id"]!;
    expect(fresh).not.toBe(old);
    expect(outcome(m.on("v", { name: "CompleteVaultLock", lockId: old }))).toBe("400 InvalidParameterValueException");
    expect(outcome(m.on("v", { name: "CompleteVaultLock", lockId: fresh }))).toBe("204");
  });

  it("INIT-EXPIRES-AFTER-24H: the lock expires exactly 24 h after Initiate and its id no longer completes", () => {
    const m = new ModelDriver();
    m.on("v", { name: "CreateVault" });
    const lockId = m.on("v", { name: "InitiateVaultLock", policy }).response.headers["x-amz-lock-id"]!;
    m.advance(LOCK_TTL_MS - 1);
    expect(m.on("v", { name: "GetVaultLock" }).outcome.status).toBe(200);
    m.advance(1);
    const get = m.on("v", { name: "GetVaultLock" });
    expect(get.edges).toEqual(["inProgress.TICK.expired", "noLock.GET"]);
    expect(outcome(get)).toBe("404 ResourceNotFoundException");
    expect(m.on("v", { name: "CompleteVaultLock", lockId }).edges).toEqual(["noLock.COMPLETE.retiredId"]);
  });

  it("INIT-EXPIRY-BOUNDARY: with a clock tolerance both sides of the boundary are accepted", async () => {
    const { step } = await import("./oracle.js");
    const m = new ModelDriver();
    m.on("v", { name: "CreateVault" });
    m.on("v", { name: "InitiateVaultLock", policy });
    const request = {
      operation: { name: "GetVaultLock", accountId: "-", vaultName: "v" } as const,
      signer: SIGNER,
      region: "r",
      freshLockId: "x",
    };
    const near = step(m.world, { ...request, now: m.now + LOCK_TTL_MS - 500 }, { clockToleranceMs: 1000 });
    expect(near.map(outcome)).toEqual(["200", "404 ResourceNotFoundException"]);
    const far = step(m.world, { ...request, now: m.now + LOCK_TTL_MS - 5000 }, { clockToleranceMs: 1000 });
    expect(far.map(outcome)).toEqual(["200"]);
  });

  it("LOCK-OPS-VAULT-MISSING, DV-LOCKED-EMPTY, DV-IN-PROGRESS: deleting a vault ends its lock; a re-created vault is unlocked", () => {
    const m = new ModelDriver();
    expect(outcome(m.on("v", { name: "GetVaultLock" }))).toBe("404 ResourceNotFoundException");
    lockedVault(m);
    expect(outcome(m.on("v", { name: "DeleteVault" }))).toBe("204");
    expect(outcome(m.on("v", { name: "AbortVaultLock" }))).toBe("404 ResourceNotFoundException");
    m.on("v", { name: "CreateVault" });
    expect(outcome(m.on("v", { name: "GetVaultLock" }))).toBe("404 ResourceNotFoundException");
    m.on("v", { name: "InitiateVaultLock", policy });
    const del = m.run({ name: "DeleteVault", accountId: "-", vaultName: "v" });
    expect(del.map(outcome)).toEqual(["204", "403 AccessDeniedException", "400 InvalidParameterValueException"]);
    expect(del[1]!.changes).toEqual([]);
  });

  it("CV-CREATES, CV-IDEMPOTENT: Location names the numeric account; re-creating keeps the lock", () => {
    const m = new ModelDriver();
    expect(m.on("v", { name: "CreateVault" }).response.headers.location).toBe(`/${SIGNER}/vaults/v`);
    m.on("v", { name: "InitiateVaultLock", policy });
    const again = m.on("v", { name: "CreateVault" });
    expect(outcome(again)).toBe("201");
    expect(again.changes).toEqual([]);
    expect(m.on("v", { name: "GetVaultLock" }).outcome.status).toBe(200);
  });
});

describe("request gate", () => {
  it("ACCT-MISMATCH-DENIED, ACCT-ISOLATION: another account's id is refused and each account sees only its vaults", () => {
    const m = new ModelDriver();
    m.on("v", { name: "CreateVault" });
    const other = m.run({ name: "GetVaultLock", accountId: "999988887777", vaultName: "v" })[0]!;
    expect(outcome(other)).toBe("403 AccessDeniedException");
    const asOther = m.run({ name: "DescribeVault", accountId: "-", vaultName: "v" }, "999988887777")[0]!;
    expect(outcome(asOther)).toBe("404 ResourceNotFoundException");
    const list = m.run({ name: "ListVaults", accountId: "-" }, "999988887777")[0]!;
    expect(list.response.body).toEqual({ VaultList: [], Marker: null });
  });

  it("VAULT-NAME-RULES: a bad name is 400 on create and 404 (or 400) elsewhere", () => {
    const m = new ModelDriver();
    expect(outcome(m.on("a b", { name: "CreateVault" }))).toBe("400 InvalidParameterValueException");
    expect(m.run({ name: "GetVaultLock", accountId: "-", vaultName: "x".repeat(256) }).map(outcome)).toEqual([
      "404 ResourceNotFoundException",
      "400 InvalidParameterValueException",
    ]);
  });

  it("LIST-VAULTS, LIST-MARKER: sorted pages with an inclusive marker", () => {
    const m = new ModelDriver();
    for (const name of ["b", "a", "C", "c"]) m.on(name, { name: "CreateVault" });
    const first = m.run({ name: "ListVaults", accountId: "-", limit: "2" })[0]!.response.body!;
    expect((first.VaultList as { VaultName: string }[]).map((v) => v.VaultName)).toEqual(["C", "a"]);
    const second = m.run({ name: "ListVaults", accountId: "-", limit: "2", marker: first.Marker as string })[0]!
      .response.body!;
    expect((second.VaultList as { VaultName: string }[]).map((v) => v.VaultName)).toEqual(["b", "c"]);
    expect(second.Marker).toBeNull();
    for (const limit of ["0", "00", "x", "-1", "1.5"])
      expect(outcome(m.run({ name: "ListVaults", accountId: "-", limit })[0]!)).toBe(
        "400 InvalidParameterValueException",
      );
  });

  it("LIST-PAGE-SIZE, LIST-EMPTY-PARAMETERS: any positive limit, pages of at most 10; empty limit and marker are not given", () => {
    const m = new ModelDriver();
    for (let i = 0; i < 12; i++) m.on(`v${String(i).padStart(2, "0")}`, { name: "CreateVault" });
    const names = (branch: ReturnType<ModelDriver["run"]>[number]) =>
      (branch.response.body!.VaultList as { VaultName: string }[]).map((v) => v.VaultName);
    for (const limit of ["11", "50", "1000", "99999999999999999999"]) {
      const [page] = m.run({ name: "ListVaults", accountId: "-", limit });
      expect(names(page!)).toHaveLength(10);
      expect(page!.edges).toEqual(["gate.ListVaults.largeLimit"]);
    }
    const empty = m.run({ name: "ListVaults", accountId: "-", limit: "", marker: "" });
    expect(empty.map(outcome)).toEqual(["200", "400 InvalidParameterValueException"]);
    expect(names(empty[0]!)).toHaveLength(10);
    expect(empty[0]!.response.body!.Marker).toMatch(/vaults\/v10$/);
    expect(outcome(m.run({ name: "ListVaults", accountId: "-", marker: "zzz" })[0]!)).toBe(
      "400 InvalidParameterValueException",
    );
  });
});
