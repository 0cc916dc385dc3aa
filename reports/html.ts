/**
 * One self-contained HTML page (no CDN, works offline): the state diagram coloured by status for a chosen
 * target, the requirement × target table with filters, the transition matrix, and every non-passing check
 * expandable to its request/response trace.
 */
import { readFileSync } from "node:fs";
import type { CheckResult } from "../conformance/results.js";
import { resultsByTarget, type ReportDocument } from "./document.js";
import { escapeHtml, stateDiagramSvg } from "./svg.js";

const SCRIPT = readFileSync(new URL("./page.js.txt", import.meta.url), "utf8");

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d2433}h1{font-size:22px}h2{margin-top:32px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #d5dae3;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#eef1f6}.controls{display:flex;gap:12px;flex-wrap:wrap;margin:8px 0}
.s-passed{background:#d9f2de}.s-failed{background:#f8d3d3}.s-not-implemented{background:#fbe3c6}.s-expected-failure{background:#fff3bf}
.s-skipped,.s-not-exercised{background:#eceef2}
#diagram .state rect{fill:#fff;stroke:#5b6b86;stroke-width:1.5}#diagram .state-name{font-weight:bold;font-size:15px}
#diagram text{font-size:11px}#diagram path{fill:none;stroke:#7a8699;stroke-width:1.5}
#diagram .edge.s-passed path{stroke:#2f9e44}#diagram .edge.s-failed path,#diagram .edge.s-not-implemented path{stroke:#e03131}
#diagram text.edge.s-passed,#diagram g.edge.s-passed text{fill:#2b8a3e}#diagram text.edge.s-failed,#diagram g.edge.s-failed text{fill:#c92a2a;font-weight:bold}
#diagram text.edge.s-not-implemented,#diagram g.edge.s-not-implemented text{fill:#d9480f}#diagram .s-not-exercised,#diagram .s-skipped{fill:#868e96}
details{margin:4px 0}summary{cursor:pointer}code{background:#f3f4f7;padding:0 3px}.legend span{padding:2px 6px;margin-right:6px}
`;

function option(value: string, text = value): string {
  return `<option value="${escapeHtml(value)}">${escapeHtml(text)}</option>`;
}

function requirementTable(document: ReportDocument, targets: string[]): string {
  const rows = document.requirements.map((r) => {
    const cells = targets
      .map(
        (t) =>
          `<td class="s-${r.status[t]}" data-target="${escapeHtml(t)}" data-status="${r.status[t]}">${r.status[t]}</td>`,
      )
      .join("");
    const choice = r.choice
      ? `<br><small>accepts: ${escapeHtml(r.choice.accepts.join(" · "))}; emulator: ${escapeHtml(r.choice.chosen)}</small>`
      : "";
    return `<tr data-level="${r.level}" data-scope="${r.scope}"><td><code>${escapeHtml(r.id)}</code></td><td>${r.level}</td><td>${r.scope}</td><td>${escapeHtml(r.statement)}${choice}</td>${cells}</tr>`;
  });
  return `<table id="requirements"><thead><tr><th>id</th><th>level</th><th>scope</th><th>statement</th>${targets.map((t) => `<th>${escapeHtml(t)}</th>`).join("")}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function transitionMatrix(document: ReportDocument, targets: string[]): string {
  const rows = document.transitions.map(
    (t) =>
      `<tr><td><code>${escapeHtml(t.id)}</code></td><td>${escapeHtml(t.requirements.join(", "))}</td>${targets.map((x) => `<td class="s-${t.status[x]}">${t.status[x]}</td>`).join("")}</tr>`,
  );
  return `<table id="transitions"><thead><tr><th>transition</th><th>requirements</th>${targets.map((t) => `<th>${escapeHtml(t)}</th>`).join("")}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function failure(result: CheckResult): string {
  const trace = (result.trace ?? []).map(
    (s) =>
      `<tr class="s-${s.verdict === "pass" ? (s.deviation ? "expected-failure" : "passed") : s.verdict === "fail" ? "failed" : "not-implemented"}"><td>${escapeHtml(s.request)}</td><td>${escapeHtml(s.observed)}</td><td>${escapeHtml(s.accepted.join(" or "))}</td><td>${escapeHtml(s.edges.join(" → "))}</td><td>${escapeHtml(s.detail ?? s.deviation ?? "")}</td></tr>`,
  );
  const counterexample = result.counterexample?.length
    ? `<p>Minimal counterexample:</p><ol>${result.counterexample.map((c) => `<li>${escapeHtml(c)}</li>`).join("")}</ol>`
    : "";
  const replay =
    result.path !== undefined
      ? `<p>Replay: <code>glacier-vault-lock run --replay ${escapeHtml(`${result.seed}:${result.path}`)}</code></p>`
      : "";
  const table = trace.length
    ? `<table><thead><tr><th>request</th><th>answer</th><th>accepted</th><th>model edges</th><th>detail</th></tr></thead><tbody>${trace.join("")}</tbody></table>`
    : "";
  const status = result.expected
    ? "expected-failure"
    : result.verdict === "fail"
      ? "failed"
      : result.verdict === "skip"
        ? "skipped"
        : "not-implemented";
  const why = result.expected ? ` (expected: ${escapeHtml(result.expected.reason)})` : "";
  return `<details class="failure"><summary class="s-${status}"><code>${escapeHtml(result.id)}</code> [${escapeHtml(result.requirements.join(", "))}] ${escapeHtml(result.reason ?? "")}${why}</summary>${counterexample}${replay}${table}</details>`;
}

/** Renders the page. */
export function renderHtml(document: ReportDocument): string {
  const targets = document.targets.map((t) => t.name);
  const results = resultsByTarget(document);
  const data = JSON.stringify({
    transitions: document.transitions.map((t) => ({ id: t.id, status: t.status })),
  }).replace(/</g, "\\u003c");
  const summary = document.targets
    .map(
      (t) =>
        `<tr><td>${escapeHtml(t.name)}</td><td>${escapeHtml(t.endpoints.join(", "))}</td><td>${t.seeds.join(", ")}</td><td>${t.checks}</td><td class="${t.unexpected ? "s-failed" : "s-passed"}">${t.unexpected}</td></tr>`,
    )
    .join("");
  const failures = targets
    .map(
      (t) =>
        `<h3>${escapeHtml(t)}</h3>${
          (results[t] ?? [])
            .filter((r) => r.verdict !== "pass")
            .map(failure)
            .join("") || "<p>Every check passed.</p>"
        }`,
    )
    .join("");
  const census = targets
    .flatMap((t) =>
      Object.entries(document.census[t] ?? {}).map(
        ([id, seen]) => `<li>${escapeHtml(t)} · <code>${escapeHtml(id)}</code>: ${escapeHtml(seen.join("; "))}</li>`,
      ),
    )
    .join("");
  const inconsistencies = document.inconsistencies
    .map((i) => `<li><b>${escapeHtml(i.id)}</b>: ${escapeHtml(i.summary)} <i>${escapeHtml(i.resolution)}</i></li>`)
    .join("");
  const statuses = ["failed", "not-implemented", "expected-failure", "passed", "skipped", "not-exercised"];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Vault Lock conformance report</title><style>${STYLE}</style></head>
<body>
<h1>Vault Lock conformance report</h1>
<p>Suite ${escapeHtml(document.suiteVersion)}, report schema ${document.schemaVersion}, generated ${escapeHtml(document.generatedAt)}.</p>
<table><thead><tr><th>target</th><th>endpoint</th><th>seeds</th><th>checks</th><th>unexpected</th></tr></thead><tbody>${summary}</tbody></table>
<div class="controls"><label>Target <select id="target">${targets.map((t) => option(t)).join("")}</select></label></div>
<p class="legend">${statuses.map((s) => `<span class="s-${s}">${s}</span>`).join("")}</p>
<h2>State machine</h2>${stateDiagramSvg(document.transitions)}
<h2>Requirements (<span id="shown"></span> shown)</h2>
<div class="controls"><label>Level <select id="f-level">${option("", "all")}${["documented", "observed", "unspecified"].map((l) => option(l)).join("")}</select></label>
<label>Scope <select id="f-scope">${option("", "all")}${["lifecycle", "request", "protocol", "policy", "service", "harness"].map((l) => option(l)).join("")}</select></label>
<label>Status for the target <select id="f-status">${option("", "all")}${statuses.map((s) => option(s)).join("")}</select></label>
<label>Search <input id="f-text" type="search"></label></div>
${requirementTable(document, targets)}
<h2>Transitions × targets</h2>${transitionMatrix(document, targets)}
<h2>Checks that did not pass</h2>${failures}
<h2>Unspecified behaviour observed</h2><ul>${census}</ul>
<h2>Documentation inconsistencies</h2><ul>${inconsistencies}</ul>
<script type="application/json" id="report-data">${data}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
