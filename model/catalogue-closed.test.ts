import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REQUIREMENTS } from "./requirements/index.js";

const ROOT = new URL("..", import.meta.url);
const ids = new Set(REQUIREMENTS.map((r) => r.id));
const prefixes = [...new Set(REQUIREMENTS.map((r) => r.id.split("-")[0]!))];
/** A requirement-like id: a catalogue prefix, then one or more `-PART`, standing alone (not inside INC-… ids). */
const CITED = new RegExp(`(?<![\\w-])(?:${prefixes.join("|")})(?:-[A-Z0-9]+)+(?:-\\*)?(?![\\w-])`, "g");

/** Every id-like token in the project's tracked sources and documents, with where it stands. */
function citations(): { id: string; file: string }[] {
  const files = execFileSync("git", ["ls-files", "*.ts", "*.md", "*.json", "*.txt"], { cwd: ROOT })
    .toString()
    .split("\n")
    .filter((f) => f && f !== "package-lock.json" && f !== "package.json");
  return files.flatMap((file) =>
    [...readFileSync(new URL(file, ROOT), "utf8").matchAll(CITED)].map((m) => ({ id: m[0], file })),
  );
}

describe("the catalogue is closed", () => {
  it("every requirement id cited in code, tests, docs and expectation files is in the catalogue", () => {
    const found = citations();
    const unknown = found.filter(({ id }) =>
      id.endsWith("-*") ? ![...ids].some((known) => known.startsWith(id.slice(0, -1))) : !ids.has(id),
    );
    expect(unknown.map(({ id, file }) => `${file}: ${id}`)).toEqual([]);
    expect(found.length).toBeGreaterThan(200);
  });
});
