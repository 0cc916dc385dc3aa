/**
 * `glacier-vault-lock-conformance/reports`: the report document (schema in docs/report-schema.md) and its
 * renderers: Markdown, one offline HTML page, JUnit XML; `mergeDocuments` is `report merge`.
 */
export {
  buildDocument,
  mergeDocuments,
  REPORT_SCHEMA_VERSION,
  type ReportDocument,
  type RequirementRow,
  type Status,
  type TargetSummary,
  type TransitionRow,
} from "../reports/document.js";
export { readReport } from "../reports/read.js";
export { renderHtml } from "../reports/html.js";
export { renderJunit } from "../reports/junit.js";
export { renderMarkdown } from "../reports/markdown.js";
export { REPORT_FILES, writeReports } from "../reports/write.js";
