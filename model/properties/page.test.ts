import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeBounds, PROOF_BOUNDS } from "../check/bounds.js";
import { OUTCOME_RULES, PROPERTIES } from "./index.js";

describe("docs/properties.md", () => {
  it("lists the current properties, bounds and outcome table, all proven (run `npm run docs`)", () => {
    const page = readFileSync(new URL("../../docs/properties.md", import.meta.url), "utf8");
    for (const p of PROPERTIES)
      expect(page, p.id).toContain(
        `| \`${p.id}\` | ${p.kind} | ${p.statement.replace(/\|/g, "\\|")} | ${p.requirements.join(", ")} | proven |`,
      );
    for (const bounds of PROOF_BOUNDS)
      expect(page).toContain(`| ${bounds.name} | ${describeBounds(bounds).join("; ")} |`);
    for (const rule of OUTCOME_RULES)
      expect(page).toContain(`| ${rule.accepts.join(" or ")} | ${rule.requirements.join(", ")} |`);
    expect(page).toContain(`**${PROPERTIES.length}/${PROPERTIES.length} properties proven within the bounds.**`);
  });
});
