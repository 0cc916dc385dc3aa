import { describe, expect, it } from "vitest";
import type { Operation } from "../model/index.js";
import { ModelDriver, SIGNER } from "../model/testing.js";
import { modelHistory, type MadeOperation } from "./history-testing.js";
import type { HistoryEntry } from "./history.js";
import { components } from "./partition.js";

describe("components (P-compositionality)", () => {
  const on = (vaultName: string, name: "DescribeVault" | "CreateVault" = "DescribeVault"): MadeOperation => ({
    operation: { name, accountId: "-", vaultName },
  });

  it("gives each vault its own component and a gate refusal one of its own", () => {
    const h = modelHistory([
      on("a"),
      on("b"),
      on("a"),
      { operation: { name: "DescribeVault", accountId: "999988887777", vaultName: "a" } },
    ]);
    expect(components(h).map((c) => c.entries)).toEqual([[0, 2], [1], [3]]);
  });

  it("joins every vault of the account, the start's too, into one component when the history lists vaults", () => {
    const start = new ModelDriver();
    start.on("c", { name: "CreateVault" });
    const h = modelHistory([on("a"), on("b"), { operation: { name: "ListVaults", accountId: "-" } }], start.world);
    expect(components(h)).toEqual([
      { entries: [0, 1, 2], vaults: ["a", "b", "c"].map((vaultName) => ({ account: SIGNER, vaultName })) },
    ]);
  });

  it("joins a vault deleting an archive with the vault the archive was uploaded to", () => {
    const upload: Operation = {
      name: "UploadArchive",
      accountId: "-",
      vaultName: "a",
      body: new Uint8Array([1]),
      treeHash: "x",
    };
    const h = modelHistory([on("a", "CreateVault"), on("b", "CreateVault"), { operation: upload }]);
    h.entries[2]!.observed.headers["x-amz-archive-id"] = "made-2";
    const del: HistoryEntry = {
      ...h.entries[1]!,
      operation: { name: "DeleteArchive", accountId: "-", vaultName: "b", archiveId: "made-2" },
    };
    expect(components({ ...h, entries: [...h.entries, del] }).map((c) => c.entries)).toEqual([[0, 1, 2, 3]]);
  });
});
