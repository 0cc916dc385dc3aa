/** Writes every report format of a document into a directory. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ReportDocument } from "./document.js";
import { renderHtml } from "./html.js";
import { renderJunit } from "./junit.js";
import { renderMarkdown } from "./markdown.js";

export const REPORT_FILES = {
  json: "report.json",
  markdown: "report.md",
  html: "report.html",
  junit: "junit.xml",
} as const;

/** Writes report.json, report.md, report.html and junit.xml; returns their paths. */
export function writeReports(document: ReportDocument, directory: string): string[] {
  mkdirSync(directory, { recursive: true });
  const files: [string, string][] = [
    [REPORT_FILES.json, `${JSON.stringify(document, null, 2)}\n`],
    [REPORT_FILES.markdown, renderMarkdown(document)],
    [REPORT_FILES.html, renderHtml(document)],
    [REPORT_FILES.junit, renderJunit(document)],
  ];
  return files.map(([name, content]) => {
    const path = join(directory, name);
    writeFileSync(path, content);
    return path;
  });
}
