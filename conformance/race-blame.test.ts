import { describe, expect, it } from "vitest";
import type { Operation } from "../model/index.js";
import { initiate, modelHistory } from "./history-testing.js";
import type { History } from "./history.js";
import { checkHistory } from "./linearizability.js";
import { defectRequirements, describeValueDefects, valueDefects } from "./race-blame.js";
import { RACE_REQUIREMENTS } from "./races.js";

const vault = { accountId: "-", vaultName: "v" };
const get: Operation = { name: "GetVaultLock", ...vault };

/** Create, Initiate, then two GetVaultLocks racing, answered by the model; `edit` alters the answers. */
function history(edit: (h: History) => void): History {
  const made = modelHistory([
    { operation: { name: "CreateVault", ...vault } },
    { operation: initiate() },
    { operation: get, after: 30 },
    { operation: get, before: 20 },
  ]);
  edit(made);
  return made;
}

describe("a failed race blamed on values, not order", () => {
  it("names the field's rule when only a value is wrong (a lower-cased State)", () => {
    const broken = history((h) => (h.entries[3]!.observed.body!.State = "inprogress"));
    expect(checkHistory(broken).ok).toBe(false);
    const defects = valueDefects(broken)!;
    expect(defects.map((d) => [d.entry, d.problem])).toEqual([[3, "State inprogress instead of InProgress"]]);
    const requirements = defectRequirements(defects);
    expect(requirements.length).toBeGreaterThan(0);
    expect(requirements).not.toContain(RACE_REQUIREMENTS[0]);
    expect(describeValueDefects(broken, defects)).toMatch(/^the outcomes are linearizable, but 1 answer carries/);
  });

  it("leaves a failure of order alone: two Initiates that both win", () => {
    const both = modelHistory([
      { operation: { name: "CreateVault", ...vault } },
      { operation: initiate(), after: 30 },
      { operation: { name: "AbortVaultLock", ...vault }, before: 20, after: 20 },
      { operation: initiate(), before: 30 },
    ]);
    both.entries.splice(2, 1);
    expect(checkHistory(both).ok).toBe(false);
    expect(valueDefects(both)).toBeUndefined();
  });

  it("finds nothing in a linearizable history", () => {
    expect(valueDefects(history(() => {}))).toBeUndefined();
  });
});
