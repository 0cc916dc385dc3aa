/**
 * The report's "Model properties" section (HTML and Markdown): the searches with their bounds, state and
 * transition counts, and every property with its status; a violated one with its shortest counterexample.
 * `glacier-vault-lock run --prove` attaches the proof; without one the HTML section says how to get it and the
 * Markdown leaves it out.
 */
import type { ProofSummary } from "../model/check/prove.js";
import { escapeHtml } from "./markup.js";

const STATUS_CLASS = { proven: "s-passed", violated: "s-failed", unfinished: "s-skipped" } as const;
const count = (n: number) => n.toLocaleString("en-US");

/** The section's HTML body. */
export function propertiesHtml(proof: ProofSummary | undefined): string {
  if (!proof)
    return "<p>Not proven in this run: <code>glacier-vault-lock run --prove</code> adds the model's properties, proven within bounds.</p>";
  const searches = proof.searches
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.bounds)}</td><td>${escapeHtml(s.limits.join("; "))}</td><td>${count(s.states)}</td><td>${count(s.transitions)}</td><td>${s.depth}</td><td class="${s.complete ? "s-passed" : "s-skipped"}">${s.complete ? "complete" : "incomplete"}</td></tr>`,
    )
    .join("");
  const rows = proof.properties
    .map((p) => {
      const trace = p.counterexample
        ? `<details><summary>${escapeHtml(p.counterexample.detail)}</summary><ol>${p.counterexample.steps.map((s) => `<li>${escapeHtml(s)}</li>`).join("")}</ol></details>`
        : "";
      return `<tr><td><code>${escapeHtml(p.id)}</code></td><td>${p.kind}</td><td>${escapeHtml(p.statement)}${trace}</td><td>${escapeHtml(p.requirements.join(", "))}</td><td class="${STATUS_CLASS[p.status]}">${p.status}</td></tr>`;
    })
    .join("");
  const proven = proof.properties.filter((p) => p.status === "proven").length;
  return `<p>${proven}/${proof.properties.length} properties proven over every state the model reaches within the bounds (${proof.seconds.toFixed(1)} s).</p>
<table id="proof-searches"><thead><tr><th>bounds</th><th>limits</th><th>states</th><th>transitions</th><th>depth</th><th>search</th></tr></thead><tbody>${searches}</tbody></table>
<table id="properties"><thead><tr><th>property</th><th>kind</th><th>statement</th><th>requirements</th><th>status</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The section as Markdown blocks, or none without a proof. */
export function propertiesMarkdown(proof: ProofSummary | undefined): string[] {
  if (!proof) return [];
  const proven = proof.properties.filter((p) => p.status === "proven").length;
  const failing = proof.properties
    .filter((p) => p.status !== "proven")
    .flatMap((p) => [
      `- \`${p.id}\` ${p.status}${p.counterexample ? `: ${p.counterexample.detail}` : ""}`,
      ...(p.counterexample?.steps ?? []).map((s, i) => `  ${i + 1}. ${s}`),
    ]);
  return [
    "## Model properties",
    `${proven}/${proof.properties.length} properties proven within the bounds (${proof.seconds.toFixed(1)} s):`,
    [
      "| bounds | states | transitions | depth | search |",
      "| --- | --- | --- | --- | --- |",
      ...proof.searches.map(
        (s) =>
          `| ${s.bounds} | ${count(s.states)} | ${count(s.transitions)} | ${s.depth} | ${s.complete ? "complete" : "incomplete"} |`,
      ),
    ].join("\n"),
    failing.join("\n"),
  ];
}
