import { describe, expect, it } from "vitest";
import type { ProofSummary } from "../model/check/prove.js";
import { buildDocument, mergeDocuments } from "./document.js";
import { FAILING, PASSING } from "./fixtures.js";
import { renderHtml } from "./html.js";
import { renderMarkdown } from "./markdown.js";

const PROOF: ProofSummary = {
  searches: [
    {
      bounds: "one vault",
      limits: ["accounts: 111122223333 (vaults a)"],
      states: 1904,
      transitions: 64852,
      depth: 14,
      complete: true,
      seconds: 3.2,
    },
  ],
  properties: [
    {
      id: "locked-is-permanent",
      kind: "transition",
      statement: "A Locked vault stays Locked.",
      requirements: ["LOCKED-IS-PERMANENT"],
      status: "proven",
    },
    {
      id: "made-up <&>",
      kind: "state",
      statement: "A property that fails.",
      requirements: ["COMP-LOCKS"],
      status: "violated",
      counterexample: { bounds: "one vault", detail: "it broke", steps: ["as 111122223333: CreateVault(a) → 201"] },
    },
  ],
  seconds: 3.2,
};

describe("the report's model properties section", () => {
  const document = buildDocument([PASSING, FAILING], new Date("2026-11-22T12:00:00Z"), PROOF);

  it("shows the searches, every property with its status and a violated one's counterexample", () => {
    const html = renderHtml(document);
    expect(html).toContain('<table id="proof-searches">');
    expect(html).toContain("<td>1,904</td><td>64,852</td>");
    expect(html).toMatch(/<code>locked-is-permanent<\/code>.*class="s-passed">proven</);
    expect(html).toContain("<code>made-up &lt;&amp;&gt;</code>");
    expect(html).toContain("<li>as 111122223333: CreateVault(a) → 201</li>");
    const markdown = renderMarkdown(document);
    expect(markdown).toContain("1/2 properties proven within the bounds (3.2 s)");
    expect(markdown).toContain("| one vault | 1,904 | 64,852 | 14 | complete |");
    expect(markdown).toContain("  1. as 111122223333: CreateVault(a) → 201");
  });

  it("says how to get it without a proof (Markdown leaves it out), and is kept by report merge", () => {
    const plain = buildDocument([PASSING]);
    expect(plain.proof).toBeUndefined();
    expect(renderHtml(plain)).toContain("Not proven in this run: <code>glacier-vault-lock run --prove</code>");
    expect(renderMarkdown(plain)).not.toContain("Model properties");
    expect(mergeDocuments([plain, document]).proof).toEqual(PROOF);
  });
});
