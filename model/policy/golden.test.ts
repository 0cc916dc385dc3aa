/**
 * Golden outputs of `policy explain` and `policy diff` for the example policies of the seed pages and the
 * research digest (model/policy/golden/). `GOLDEN_UPDATE=1 npx vitest run model/policy/golden.test.ts`
 * rewrites them; review the diff before committing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diffPolicies } from "./diff.js";
import { legalHoldPolicy, retentionPolicy, seedPolicy } from "./examples.js";
import { explainPolicy } from "./explain.js";
import { renderDiff, renderExplanation } from "./render.js";
import { parseVaultArn } from "./table.js";

const dir = new URL("./golden/", import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dir), "utf8");
const seed = (file: string) => readFileSync(new URL(`../../../shared/seeds/${file}`, import.meta.url), "utf8");
const EXAMPLEVAULT = "arn:aws:glacier:us-west-2:999999999999:vaults/examplevault";
const OUR_VAULT = "arn:aws:glacier:us-west-2:111122223333:vaults/examplevault";
const NOW = Date.UTC(2026, 10, 22);

function matchesGolden(name: string, text: string): void {
  const file = new URL(name, dir);
  if (process.env.GOLDEN_UPDATE === "1") writeFileSync(file, `${text}\n`);
  expect(`${text}\n`).toBe(readFileSync(file, "utf8"));
}

/** The policy of the GetVaultLock seed's example answer, shown there unescaped with line numbers. */
function getSeedPolicy(): unknown {
  const page = seed("004_a26c734c85ad3dbf.txt");
  const lines = page.slice(page.indexOf('"Policy": "\n')).split("\n").slice(1);
  const end = lines.findIndex((l) => /^\s*\d+\.\s*",/.test(l));
  return JSON.parse(
    lines
      .slice(0, end)
      .map((l) => l.replace(/^\s*\d+\.\s?/, ""))
      .join("\n"),
  );
}

describe("the golden inputs are the documents' example policies", () => {
  it("initiate-seed.json is the Initiate page's example, byte for byte, and boto3's", () => {
    for (const file of ["000_f03050a571b13665.txt", "001_d18002ec32b655dd.txt"]) {
      const match = /\{"Policy":(".*")\}/.exec(seed(file)) ?? /'Policy': '(.*)',/.exec(seed(file));
      const example = file.startsWith("000") ? (JSON.parse(match![1]!) as string) : match![1]!;
      expect(read("initiate-seed.json")).toBe(example);
    }
  });

  it("get-seed.json is the GetVaultLock page's example (its ArchiveAgeInDays spelling, a Resource list)", () => {
    expect(JSON.parse(read("get-seed.json"))).toEqual(getSeedPolicy());
    expect(JSON.parse(read("get-seed.json"))).toEqual(JSON.parse(seedPolicy("999999999999", EXAMPLEVAULT, "get")));
  });

  it("retention.json and legal-hold.json are the digest's examples 1 and 2 (VL-POL-05, VL-POL-06)", () => {
    expect(read("retention.json")).toBe(retentionPolicy(EXAMPLEVAULT));
    expect(read("legal-hold.json")).toBe(legalHoldPolicy("999999999999", EXAMPLEVAULT));
  });
});

const EXPLAINED: [policy: string, vault: string, golden: string][] = [
  ["initiate-seed", EXAMPLEVAULT, "initiate-seed.examplevault.txt"],
  ["initiate-seed", OUR_VAULT, "initiate-seed.our-vault.txt"],
  ["get-seed", EXAMPLEVAULT, "get-seed.examplevault.txt"],
  ["retention", EXAMPLEVAULT, "retention.examplevault.txt"],
  ["legal-hold", EXAMPLEVAULT, "legal-hold.examplevault.txt"],
];

describe("policy explain", () => {
  it.each(EXPLAINED)("%s for %s matches golden/%s", (name, arn, golden) => {
    const policy = read(`${name}.json`);
    matchesGolden(golden, renderExplanation(policy, explainPolicy(policy, parseVaultArn(arn)!, NOW)));
  });

  it("--json of the Initiate seed for examplevault matches golden/initiate-seed.examplevault.json", () => {
    const policy = read("initiate-seed.json");
    matchesGolden(
      "initiate-seed.examplevault.json",
      JSON.stringify(explainPolicy(policy, parseVaultArn(EXAMPLEVAULT)!, NOW), null, 2),
    );
  });
});

const DIFFED: [before: string, after: string, golden: string][] = [
  ["retention", "initiate-seed", "retention-to-initiate-seed.diff.txt"],
  ["initiate-seed", "get-seed", "initiate-seed-to-get-seed.diff.txt"],
  ["retention", "legal-hold", "retention-to-legal-hold.diff.txt"],
];

describe("policy diff", () => {
  it.each(DIFFED)("%s → %s matches golden/%s", (before, after, golden) => {
    const [old, now] = [read(`${before}.json`), read(`${after}.json`)];
    matchesGolden(golden, renderDiff(old, now, diffPolicies(old, now, parseVaultArn(EXAMPLEVAULT)!, NOW)));
  });
});
