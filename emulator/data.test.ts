import {
  AddTagsToVaultCommand,
  CreateVaultCommand,
  DeleteArchiveCommand,
  DeleteVaultCommand,
  DescribeVaultCommand,
  GetVaultAccessPolicyCommand,
  ListTagsForVaultCommand,
  RemoveTagsFromVaultCommand,
  SetVaultAccessPolicyCommand,
  UploadArchiveCommand,
  type GlacierClient,
} from "@aws-sdk/client-glacier";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { treeHash } from "../model/index.js";
import { startEmulator, type Emulator } from "./server.js";
import { rawRequest, sdkClient } from "./testing.js";

let emulator: Emulator;
let client: GlacierClient;
const vault = { accountId: "-", vaultName: "data" };
beforeAll(async () => {
  emulator = await startEmulator();
  client = sdkClient(emulator.url, emulator.accounts[0]!);
  await client.send(new CreateVaultCommand(vault));
});
afterAll(() => emulator.close());

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "no error",
    (e: { name: string; $metadata: { httpStatusCode: number } }) => `${e.$metadata.httpStatusCode} ${e.name}`,
  );

describe("archives through the AWS SDK (ARCH-*)", () => {
  it("uploads (over the 1 MiB limit of other requests) with the SDK's checksums; answers id, location, tree hash", async () => {
    const body = Buffer.alloc(3 * 1024 * 1024 + 1, 7);
    const out = await client.send(new UploadArchiveCommand({ ...vault, body }));
    expect(out.archiveId).toMatch(/^[A-Za-z0-9_-]{138}$/);
    expect(out.checksum).toBe(treeHash(body));
    expect(out.location).toBe(`/111122223333/vaults/data/archives/${out.archiveId}`);
    expect(await errorOf(client.send(new DeleteVaultCommand(vault)))).toBe("400 InvalidParameterValueException");
    await client.send(new DeleteArchiveCommand({ ...vault, archiveId: out.archiveId! }));
    await client.send(new DeleteArchiveCommand({ ...vault, archiveId: out.archiveId! }));
  });

  it("refuses to delete, through another vault, an archive that vault does not hold (ARCH-DELETE-OTHER-VAULT)", async () => {
    const other = { accountId: "-", vaultName: "data-other" };
    await client.send(new CreateVaultCommand(other));
    const { archiveId } = await client.send(new UploadArchiveCommand({ ...vault, body: Buffer.from("kept") }));
    const error = await client.send(new DeleteArchiveCommand({ ...other, archiveId })).catch((e: Error) => e);
    expect(error).toMatchObject({
      name: "InvalidParameterValueException",
      message: expect.stringMatching(/data-other$/),
    });
    await client.send(new DeleteArchiveCommand({ ...vault, archiveId }));
    await client.send(new DeleteVaultCommand(other));
  });

  it("refuses a wrong tree hash with 400 and a wrong content hash with 403", async () => {
    const body = Buffer.from("some archive");
    const wrongTree = client.send(new UploadArchiveCommand({ ...vault, body, checksum: "0".repeat(64) }));
    expect(await errorOf(wrongTree)).toBe("400 InvalidParameterValueException");
    const raw = await rawRequest(emulator.url, {
      method: "POST",
      path: "/-/vaults/data/archives",
      headers: { "x-amz-sha256-tree-hash": treeHash(body), "x-amz-content-sha256": "f".repeat(64) },
      body: body.toString(),
      account: emulator.accounts[0]!,
    });
    expect([raw.status, raw.json?.code]).toEqual([403, "InvalidSignatureException"]);
  });

  it("takes a description of up to 1,024 printable ASCII characters, and refuses others", async () => {
    const body = Buffer.from("described archive");
    const ok = await client.send(new UploadArchiveCommand({ ...vault, body, archiveDescription: "d".repeat(1024) }));
    expect(ok.archiveId).toBeTruthy();
    const long = client.send(new UploadArchiveCommand({ ...vault, body, archiveDescription: "d".repeat(1025) }));
    expect(await errorOf(long)).toBe("400 InvalidParameterValueException");
    const tab = client.send(new UploadArchiveCommand({ ...vault, body, archiveDescription: "a\tb" }));
    expect(await errorOf(tab)).toBe("400 InvalidParameterValueException");
    await client.send(new DeleteArchiveCommand({ ...vault, archiveId: ok.archiveId! }));
  });

  it("requires the tree-hash header (PROTO-REQUIRED-HEADERS)", async () => {
    const body = "some archive";
    const raw = await rawRequest(emulator.url, {
      method: "POST",
      path: "/-/vaults/data/archives",
      headers: { "x-amz-content-sha256": createHash("sha256").update(body).digest("hex") },
      body,
      account: emulator.accounts[0]!,
    });
    expect([raw.status, raw.json?.code]).toEqual([400, "MissingParameterValueException"]);
  });
});

describe("tags and the access policy through the AWS SDK (TAGS-*, AP-*)", () => {
  it("adds, lists and removes tags", async () => {
    await client.send(new AddTagsToVaultCommand({ ...vault, Tags: { team: "archive", LegalHold: "false" } }));
    await client.send(new RemoveTagsFromVaultCommand({ ...vault, TagKeys: ["LegalHold"] }));
    expect((await client.send(new ListTagsForVaultCommand(vault))).Tags).toEqual({ team: "archive" });
  });

  it("sets and reads the access policy", async () => {
    const Policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: "*", Action: "glacier:ListTagsForVault", Resource: "*" }],
    });
    await client.send(new SetVaultAccessPolicyCommand({ ...vault, policy: { Policy } }));
    expect((await client.send(new GetVaultAccessPolicyCommand(vault))).policy?.Policy).toBe(Policy);
  });

  it("answers malformed tag bodies with SerializationException, not a crash", async () => {
    for (const body of ['{"Tags": ["x"]}', '{"TagKeys": "x"}', "{"]) {
      const remove = body.includes("TagKeys");
      const raw = await rawRequest(emulator.url, {
        method: "POST",
        path: "/-/vaults/data/tags",
        query: { operation: remove ? "remove" : "add" },
        body,
        account: emulator.accounts[0]!,
      });
      expect([raw.status, raw.json?.code], body).toEqual([400, "SerializationException"]);
    }
    const unknown = await rawRequest(emulator.url, {
      method: "POST",
      path: "/-/vaults/data/tags",
      query: { operation: "rename" },
      account: emulator.accounts[0]!,
    });
    expect([unknown.status, unknown.json?.code]).toEqual([404, "UnknownOperationException"]);
  });
});

describe("the daily inventory (DV-RECENTLY-WRITTEN, DESC-VAULT) over HTTP with clock control", () => {
  it("refuses DeleteVault after upload and archive deletion until the clock passes an inventory, then deletes", async () => {
    const timed = await startEmulator({ clockControl: true });
    try {
      const sdk = sdkClient(timed.url, timed.accounts[0]!);
      const written = { accountId: "-", vaultName: "written" };
      await sdk.send(new CreateVaultCommand(written));
      const { archiveId } = await sdk.send(new UploadArchiveCommand({ ...written, body: Buffer.from("x") }));
      await sdk.send(new DeleteArchiveCommand({ ...written, archiveId: archiveId! }));
      expect(await errorOf(sdk.send(new DeleteVaultCommand(written)))).toBe("400 InvalidParameterValueException");
      const before = await sdk.send(new DescribeVaultCommand(written));
      expect(before).toMatchObject({ NumberOfArchives: 0, SizeInBytes: 0 });
      expect(before.LastInventoryDate).toBeUndefined();
      const move = (advanceMs: number) =>
        fetch(`${timed.url}/__emulator/clock`, { method: "POST", body: JSON.stringify({ advanceMs }) });
      await move(23 * 3_600_000);
      expect(await errorOf(sdk.send(new DeleteVaultCommand(written)))).toBe("400 InvalidParameterValueException");
      await move(3_600_000 + 60_000);
      const after = await sdk.send(new DescribeVaultCommand(written));
      expect(after.LastInventoryDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(await errorOf(sdk.send(new DeleteVaultCommand(written)))).toBe("no error");
    } finally {
      await timed.close();
    }
  });
});
