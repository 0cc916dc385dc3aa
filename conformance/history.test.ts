import { describe, expect, it } from "vitest";
import { treeHash } from "../model/index.js";
import { modelHistory } from "./history-testing.js";
import { decodeHistory, encodeHistory, HistoryFormatError } from "./history.js";

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
    ];
    for (const [text, message] of cases) {
      expect(() => decodeHistory(text)).toThrow(HistoryFormatError);
      expect(() => decodeHistory(text)).toThrow(message);
    }
  });
});
