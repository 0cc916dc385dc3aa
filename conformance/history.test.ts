import { describe, expect, it } from "vitest";
import { treeHash } from "../model/index.js";
import { modelHistory, modelRun } from "./history-testing.js";
import { decodeHistory, encodeHistory, HistoryFormatError } from "./history.js";
import { checkHistory } from "./linearizability.js";

describe("histories as JSON", () => {
  it("round-trips a history, archive bodies included", () => {
    const body = new Uint8Array([1, 2, 3]);
    const history = modelHistory([
      { operation: { name: "CreateVault", accountId: "-", vaultName: "v" } },
      { operation: { name: "UploadArchive", accountId: "-", vaultName: "v", body, treeHash: treeHash(body) } },
    ]);
    const text = encodeHistory(history);
    expect(JSON.parse(text)).toMatchObject({ format: "glacier-vault-lock-history/1" });
    expect(text).toContain('"bodyBase64":"AQID"');
    expect(decodeHistory(text)).toEqual(history);
  });

  it("reads the start's vaults back with their archives, so a check of the read history sees them", () => {
    const body = new Uint8Array([1, 2, 3]);
    const vault = { accountId: "-", vaultName: "v" };
    const { end } = modelRun([
      { operation: { name: "CreateVault", ...vault } },
      { operation: { name: "UploadArchive", ...vault, body, treeHash: treeHash(body) } },
    ]);
    const archiveId = end.vault(end.toChanges()[0]!.account, "v")!.context.archives.firstId()!;
    const history = modelHistory([{ operation: { name: "DeleteArchive", ...vault, archiveId } }], end);
    const read = decodeHistory(encodeHistory(history));
    expect(read).toEqual(history);
    expect(read.start[0]!.record!.context.archives.has(archiveId)).toBe(true);
    expect(read.entries[0]!.observed.status).toBe(204);
    expect(checkHistory(read).ok).toBe(true);
    // A start built in code from JSON, not read by decodeHistory, is checked the same way.
    const plainStart = JSON.parse(JSON.stringify(history.start)) as typeof history.start;
    expect(checkHistory({ ...history, start: plainStart }).ok).toBe(true);
    expect(checkHistory({ ...history, start: [] }).ok).toBe(false);
  });

  it("refuses documents that are not histories, in one line each", () => {
    const cases: [string, RegExp][] = [
      ["{", /^not JSON/],
      ['{"format":"x"}', /not a history/],
      [
        '{"format":"glacier-vault-lock-history/1","signer":"1","region":"r","toleranceMs":0,"entries":[{}]}',
        /entries\[0\]\.client must be a number/,
      ],
      [
        '{"format":"glacier-vault-lock-history/1","signer":"1","region":"r","toleranceMs":0,"entries":[{"client":0,"called":2,"returned":1,"now":0,"observed":{"status":200},"operation":{"name":"ListVaults"}}]}',
        /returned before it was called/,
      ],
      [
        '{"format":"glacier-vault-lock-history/1","signer":"1","region":"r","toleranceMs":0,"entries":[],"start":[{"account":"1","vaultName":"v","record":{"state":"noLock","context":{"archives":5}}}]}',
        /start\[0\]: the archives must be an object/,
      ],
      [
        '{"format":"glacier-vault-lock-history/1","signer":"1","region":"r","toleranceMs":0,"entries":[],"start":[{"vaultName":"v"}]}',
        /start\[0\]: account and vaultName must be strings/,
      ],
    ];
    for (const [text, message] of cases) {
      expect(() => decodeHistory(text)).toThrow(HistoryFormatError);
      expect(() => decodeHistory(text)).toThrow(message);
    }
  });
});
