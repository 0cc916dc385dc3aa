/**
 * One self-contained HTML page (no CDN, works offline), built from a list of sections: a summary with links to
 * what failed, the state diagram per target, the race timelines, the requirement × target matrix with filters,
 * the transition matrix, every check that did not pass with its trace, the census and the inconsistencies.
 * A new section is one more entry of `SECTIONS`.
 */
import { readFileSync } from "node:fs";
import type { CheckResult } from "../conformance/results.js";
import { resultsByTarget, type ReportDocument } from "./document.js";
import { checksSection, censusSection, inconsistenciesSection, racesSection } from "./html-checks.js";
import { machineSection } from "./html-machine.js";
import { summarySection } from "./html-summary.js";
import { requirementsSection, transitionsSection } from "./html-tables.js";
import { layoutDiagram, type DiagramLayout } from "./layout.js";
import { propertiesHtml } from "./properties.js";
import { escapeHtml, requirementAnchor } from "./markup.js";
import { statusCss } from "./status.js";

const asset = (name: string) => readFileSync(new URL(name, import.meta.url), "utf8");
const SCRIPT = asset("./page.js.txt");
const STYLE = `${asset("./page.css.txt")}${statusCss()}`;

/** What every section is rendered from. */
export interface PageContext {
  document: ReportDocument;
  targets: string[];
  results: Record<string, CheckResult[]>;
  layout: DiagramLayout;
}

export interface Section {
  /** The anchor the navigation links to. */
  id: string;
  /** Its heading and its name in the navigation. */
  title: string;
  render: (page: PageContext) => string;
}

export const SECTIONS: Section[] = [
  { id: "summary", title: "Summary", render: summarySection },
  { id: "machine", title: "State machine", render: machineSection },
  { id: "races", title: "Races", render: racesSection },
  { id: "requirements", title: "Requirements", render: requirementsSection },
  { id: "transitions", title: "Transitions", render: transitionsSection },
  { id: "properties", title: "Model properties", render: (page) => propertiesHtml(page.document.proof) },
  { id: "checks", title: "Checks not passed", render: checksSection },
  { id: "census", title: "Census", render: censusSection },
  { id: "inconsistencies", title: "Inconsistencies", render: inconsistenciesSection },
];

function navigation(targets: string[]): string {
  const links = SECTIONS.map((s) => `<a href="#${s.id}">${escapeHtml(s.title)}</a>`).join("");
  const options = targets.map((t) => `<option value="${escapeHtml(t)}">${escapeHtml(t)}</option>`).join("");
  return `<nav class="top"><b>Vault Lock conformance</b>${links}<label>Target <select id="target">${options}</select></label></nav>`;
}

/** Renders the page. */
export function renderHtml(document: ReportDocument): string {
  const page: PageContext = {
    document,
    targets: document.targets.map((t) => t.name),
    results: resultsByTarget(document),
    layout: layoutDiagram(document.transitions),
  };
  const body = SECTIONS.map(
    (s) => `<section id="${s.id}"><h2>${escapeHtml(s.title)}</h2>${s.render(page)}</section>`,
  ).join("\n");
  const data = JSON.stringify({
    transitions: document.transitions.map(({ id, source, target, requirements }) => ({
      id,
      source,
      target,
      requirements,
    })),
    anchors: Object.fromEntries(document.requirements.map((r) => [r.id, requirementAnchor(r.id)])),
  }).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Vault Lock conformance report</title><style>${STYLE}</style></head>
<body>
${navigation(page.targets)}
<main>
<h1>Vault Lock conformance report</h1>
<p class="meta">Suite ${escapeHtml(document.suiteVersion)}, report schema ${document.schemaVersion}, generated ${escapeHtml(document.generatedAt)}; ${page.targets.length} target${page.targets.length === 1 ? "" : "s"}.</p>
${body}
</main>
<script type="application/json" id="report-data">${data}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
