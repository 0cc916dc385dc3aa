import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { treeHash } from "./archive.js";
import { legalHoldPolicy, retentionPolicy, seedPolicy, singleStatementPolicy } from "./policy/examples.js";
import { examplePolicy } from "./abstract-events.js";
import { LOCK_TTL_MS, vaultArn } from "./rules.js";
import { ModelDriver, REGION, SIGNER } from "./testing.js";

const DAY = 86_400_000;
const ARN = vaultArn(REGION, SIGNER, "v");
const outcome = (b: { outcome: { status: number; code?: string } }) =>
  `${b.outcome.status}${b.outcome.code ? ` ${b.outcome.code}` : ""}`;
const body = Buffer.from("archive body");

function withArchive(m: ModelDriver): string {
  m.on("v", { name: "CreateVault" });
  return m.on("v", { name: "UploadArchive", body, treeHash: treeHash(body) }).response.headers["x-amz-archive-id"]!;
}

const deleteArchive = (m: ModelDriver, archiveId: string) => outcome(m.on("v", { name: "DeleteArchive", archiveId }));
const initiate = (m: ModelDriver, policy: string) =>
  m.on("v", { name: "InitiateVaultLock", policy }).response.headers["x-amz-lock-id"]!;

describe("archives, tags and the access policy", () => {
  it("ARCH-UPLOAD, ARCH-TREE-HASH: answers the id, location and tree hash; a wrong tree hash stores nothing", () => {
    const m = new ModelDriver();
    m.on("v", { name: "CreateVault" });
    const wrong = m.on("v", { name: "UploadArchive", body, treeHash: treeHash(Buffer.from("other")) });
    expect(outcome(wrong)).toBe("400 InvalidParameterValueException");
    expect(wrong.changes).toEqual([]);
    const ok = m.on("v", { name: "UploadArchive", body, treeHash: treeHash(body) });
    const id = ok.response.headers["x-amz-archive-id"]!;
    expect(ok.response.headers).toEqual({
      location: `/${SIGNER}/vaults/v/archives/${id}`,
      "x-amz-archive-id": id,
      "x-amz-sha256-tree-hash": treeHash(body),
    });
  });

  it("ARCH-DELETE-IDEMPOTENT, DV-NOT-EMPTY, DV-RECENTLY-WRITTEN: delete twice; the vault goes once empty and inventoried", () => {
    const m = new ModelDriver();
    const id = withArchive(m);
    expect(outcome(m.on("v", { name: "DeleteVault" }))).toBe("400 InvalidParameterValueException");
    expect(deleteArchive(m, id)).toBe("204");
    expect(deleteArchive(m, id)).toBe("204");
    const early = m.run({ name: "DeleteVault", accountId: "-", vaultName: "v" });
    expect(early.map((b) => [b.edges.at(-1), outcome(b)])).toEqual([
      ["noLock.DELETE_VAULT.recentlyWritten", "400 InvalidParameterValueException"],
      ["noLock.DELETE_VAULT.afterWrites", "204"],
    ]);
    m.advance(DAY + 60_000);
    const deleted = m.run({ name: "DeleteVault", accountId: "-", vaultName: "v" });
    expect(deleted.map(outcome)).toEqual(["204", "400 InvalidParameterValueException"]);
    expect(outcome(m.on("v", { name: "DescribeVault" }))).toBe("404 ResourceNotFoundException");
  });

  it("DESC-VAULT, DESC-BEFORE-INVENTORY: counts and LastInventoryDate are the last daily inventory's", () => {
    const m = new ModelDriver();
    withArchive(m);
    const describe = () => m.on("v", { name: "DescribeVault" }).response.body!;
    expect(describe()).toMatchObject({ NumberOfArchives: 0, SizeInBytes: 0 });
    expect(describe()).not.toHaveProperty("LastInventoryDate");
    m.advance(DAY);
    expect(describe()).toMatchObject({ NumberOfArchives: 1, SizeInBytes: body.length });
    const first = describe().LastInventoryDate as string;
    m.on("v", { name: "UploadArchive", body, treeHash: treeHash(body) });
    expect(describe()).toMatchObject({ NumberOfArchives: 1, LastInventoryDate: first });
    m.advance(DAY);
    expect(describe()).toMatchObject({ NumberOfArchives: 2, SizeInBytes: 2 * body.length });
    expect(Date.parse(describe().LastInventoryDate as string) - Date.parse(first)).toBe(DAY);
  });

  it("ARCH-DELETE-OTHER-VAULT: another vault's archive id is refused, names the addressed vault and stays put", () => {
    const m = new ModelDriver();
    const id = withArchive(m);
    m.on("w", { name: "CreateVault" });
    const branches = m.run({ name: "DeleteArchive", accountId: "-", vaultName: "w", archiveId: id });
    expect(branches.map(outcome)).toEqual(["400 InvalidParameterValueException", "204"]);
    expect(branches[0]!.response.message).toBe(`Invalid vault name: ${vaultArn(REGION, SIGNER, "w")}`);
    expect(branches.every((b) => b.changes.length === 0)).toBe(true);
    expect(m.world.archiveHolder(SIGNER, id)).toBe("v");
    expect(m.on("v", { name: "DeleteArchive", archiveId: id }).edges).toEqual(["noLock.DELETE_ARCHIVE.stored"]);
    expect(m.world.archiveHolder(SIGNER, id)).toBeUndefined();
    expect(m.on("w", { name: "DeleteArchive", archiveId: id }).edges).toEqual(["noLock.DELETE_ARCHIVE.gone"]);
  });

  it("TAGS-ADD, TAGS-REMOVE, TAGS-LIST, TAGS-RULES: merge, drop, list, and at most 50", () => {
    const m = new ModelDriver();
    m.on("v", { name: "CreateVault" });
    m.on("v", { name: "AddTagsToVault", tags: { a: "1", b: "2" } });
    m.on("v", { name: "AddTagsToVault", tags: { b: "3" } });
    m.on("v", { name: "RemoveTagsFromVault", keys: ["a", "zz"] });
    expect(m.on("v", { name: "ListTagsForVault" }).response.body).toEqual({ Tags: { b: "3" } });
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, ""]));
    expect(outcome(m.on("v", { name: "AddTagsToVault", tags: many }))).toBe("400 LimitExceededException");
    expect(outcome(m.on("v", { name: "AddTagsToVault", tags: { "aws:x": "1" } }))).toBe(
      "400 InvalidParameterValueException",
    );
  });

  it("AP-SET, AP-GET-NONE, AP-DELETE, AP-INDEPENDENT: the access policy lives beside a Locked lock", () => {
    const m = new ModelDriver();
    m.on("v", { name: "CreateVault" });
    const lockId = initiate(m, examplePolicy("valid")!);
    m.on("v", { name: "CompleteVaultLock", lockId });
    expect(outcome(m.on("v", { name: "GetVaultAccessPolicy" }))).toBe("404 ResourceNotFoundException");
    const policy = singleStatementPolicy("Allow", "glacier:*", ARN);
    expect(outcome(m.on("v", { name: "SetVaultAccessPolicy", policy }))).toBe("204");
    expect(m.on("v", { name: "GetVaultAccessPolicy" }).response.body).toEqual({ Policy: policy });
    expect(outcome(m.on("v", { name: "DeleteVaultAccessPolicy" }))).toBe("204");
    expect(outcome(m.on("v", { name: "DeleteVaultAccessPolicy" }))).toBe("204");
    expect(m.on("v", { name: "GetVaultLock" }).response.body).toMatchObject({ State: "Locked" });
  });

  it("POL-SUBSET: Initiate and SetVaultAccessPolicy refuse operators outside the evaluator's subset", () => {
    const m = new ModelDriver();
    m.on("v", { name: "CreateVault" });
    const policy = singleStatementPolicy("Deny", "glacier:*", ARN, { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } });
    expect(outcome(m.on("v", { name: "InitiateVaultLock", policy }))).toBe("400 InvalidParameterValueException");
    expect(outcome(m.on("v", { name: "SetVaultAccessPolicy", policy }))).toBe("400 InvalidParameterValueException");
  });
});

describe("policy enforcement", () => {
  it("builds the Initiate seed's example policy exactly, for the seed's own account and vault", () => {
    const seed = readFileSync(new URL("../../shared/seeds/000_f03050a571b13665.txt", import.meta.url), "utf8");
    const example = JSON.parse(/\{"Policy":(".*")\}/.exec(seed)![1]!) as string;
    const vault = "arn:aws:glacier:us-west-2:999999999999:vaults/examplevault";
    expect(seedPolicy("999999999999", vault)).toBe(example);
  });

  it("POL-FULL-EFFECT-IN-PROGRESS, POL-GONE-AFTER-ABORT-OR-EXPIRY: retention denies while InProgress only", () => {
    const m = new ModelDriver();
    const id = withArchive(m);
    initiate(m, retentionPolicy(ARN));
    const denied = m.on("v", { name: "DeleteArchive", archiveId: id });
    expect(outcome(denied)).toBe("403 AccessDeniedException");
    expect(denied.edges).toEqual(["policy.lockDenied.inProgress"]);
    expect(denied.response.message).toContain("deny-based-on-archive-age");
    m.advance(LOCK_TTL_MS);
    const after = m.on("v", { name: "DeleteArchive", archiveId: id });
    expect(after.edges).toEqual(["inProgress.TICK.expired", "noLock.DELETE_ARCHIVE.stored"]);
  });

  it("POL-ENFORCED-LOCKED, POL-RETENTION-EXAMPLE: once Locked, young archives stay; at 365 days they may go", () => {
    const m = new ModelDriver();
    const id = withArchive(m);
    m.on("v", { name: "CompleteVaultLock", lockId: initiate(m, retentionPolicy(ARN)) });
    m.advance(364 * DAY);
    expect(m.on("v", { name: "DeleteArchive", archiveId: id }).edges).toEqual(["policy.lockDenied.locked"]);
    m.advance(DAY);
    expect(deleteArchive(m, id)).toBe("204");
  });

  it("DV-LOCKED-EMPTY: a Locked, empty vault is deleted unless its lock policy denies glacier:DeleteVault", () => {
    const m = new ModelDriver();
    m.on("v", { name: "CreateVault" });
    m.on("v", {
      name: "CompleteVaultLock",
      lockId: initiate(m, singleStatementPolicy("Deny", "glacier:DeleteVault", ARN)),
    });
    expect(m.on("v", { name: "DeleteVault" }).edges).toEqual(["policy.lockDenied.locked"]);
    const other = new ModelDriver();
    other.on("v", { name: "CreateVault" });
    other.on("v", { name: "CompleteVaultLock", lockId: initiate(other, retentionPolicy(ARN)) });
    expect(other.on("v", { name: "DeleteVault" }).edges).toEqual(["locked.DELETE_VAULT"]);
  });

  it("POL-CONDITION-KEY-CASE: the seed's ArchiveAgeinDays spelling applies; its <= bound still denies on day 365", () => {
    const m = new ModelDriver();
    const first = withArchive(m);
    const second = m.on("v", { name: "UploadArchive", body, treeHash: treeHash(body) }).response.headers[
      "x-amz-archive-id"
    ]!;
    m.advance(365 * DAY);
    initiate(m, retentionPolicy(ARN));
    expect(deleteArchive(m, first)).toBe("204");
    m.on("v", { name: "AbortVaultLock" });
    initiate(m, seedPolicy(SIGNER, ARN));
    expect(deleteArchive(m, second)).toBe("403 AccessDeniedException");
  });

  it("POL-LEGAL-HOLD-EXAMPLE, POL-TAG-CONDITIONS-LIVE: the LegalHold tag blocks deletion while it is set", () => {
    const m = new ModelDriver();
    const id = withArchive(m);
    initiate(m, legalHoldPolicy(SIGNER, ARN));
    m.on("v", { name: "AddTagsToVault", tags: { LegalHold: "true" } });
    expect(deleteArchive(m, id)).toBe("403 AccessDeniedException");
    m.on("v", { name: "RemoveTagsFromVault", keys: ["LegalHold"] });
    expect(deleteArchive(m, id)).toBe("204");
  });

  it("AP-ENFORCED, AP-DENY-WINS: a Deny in the access policy wins over the lock policy's Allow", () => {
    const m = new ModelDriver();
    const id = withArchive(m);
    initiate(m, singleStatementPolicy("Allow", "glacier:DeleteArchive", ARN));
    m.on("v", { name: "SetVaultAccessPolicy", policy: singleStatementPolicy("Deny", "glacier:Delete*", ARN) });
    const denied = m.on("v", { name: "DeleteArchive", archiveId: id });
    expect(denied.edges).toEqual(["policy.accessDenied"]);
    expect(outcome(m.on("v", { name: "DeleteVault" }))).toBe("403 AccessDeniedException");
  });

  it("POL-SELF-LOCK: the lock operations are not governed, so a policy denying glacier:* can still be aborted", () => {
    const m = new ModelDriver();
    m.on("v", { name: "CreateVault" });
    initiate(m, singleStatementPolicy("Deny", "glacier:*", ARN));
    expect(outcome(m.on("v", { name: "DescribeVault" }))).toBe("403 AccessDeniedException");
    expect(outcome(m.on("v", { name: "GetVaultLock" }))).toBe("200");
    expect(outcome(m.on("v", { name: "AbortVaultLock" }))).toBe("204");
    expect(outcome(m.on("v", { name: "DescribeVault" }))).toBe("200");
  });

  it("a policy naming another vault or account does not apply (POL-RESOURCE-MATCH)", () => {
    const m = new ModelDriver();
    const id = withArchive(m);
    initiate(m, seedPolicy("999999999999", "arn:aws:glacier:us-west-2:999999999999:vaults/examplevault"));
    expect(deleteArchive(m, id)).toBe("204");
  });

  it("POL-IDENTITY-ONLY: vault policies denying CreateVault or ListVaults refuse neither", () => {
    const m = new ModelDriver();
    m.on("v", { name: "CreateVault" });
    const deny = singleStatementPolicy("Deny", "glacier:*", ARN);
    m.on("v", { name: "SetVaultAccessPolicy", policy: deny });
    initiate(m, deny);
    expect(outcome(m.on("v", { name: "CreateVault" }))).toBe("201");
    expect(outcome(m.run({ name: "ListVaults", accountId: "-" })[0]!)).toBe("200");
    expect(outcome(m.on("v", { name: "DescribeVault" }))).toBe("403 AccessDeniedException");
  });
});
