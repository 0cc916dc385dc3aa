/**
 * Reading a report.json back (`report merge`): the document is checked against the parts of the schema
 * (docs/report-schema.md) that a merge rebuilds from, `schemaVersion` and every run report with its results and
 * their traces; other fields are kept as they are. Anything else is an InvalidInput naming the file.
 */
import { z } from "zod";
import { readJsonFile } from "../input/read.js";
import { REPORT_SCHEMA_VERSION, type ReportDocument } from "./document.js";

const strings = z.array(z.string());

const TRACE_STEP = z.looseObject({
  request: z.string(),
  observed: z.string(),
  edges: strings,
  requirements: strings,
  verdict: z.enum(["pass", "fail", "notImplemented"]),
});

const RESULT = z.looseObject({
  id: z.string(),
  generator: z.string(),
  target: z.string(),
  requirements: strings,
  verdict: z.enum(["pass", "fail", "skip", "notImplemented"]),
  trace: z.array(TRACE_STEP).optional(),
});

const RUN = z.looseObject({
  suiteVersion: z.string(),
  target: z.looseObject({
    name: z.string(),
    region: z.string(),
    capabilities: z.object({ clockControl: z.boolean(), realAws: z.boolean() }),
  }),
  seed: z.number(),
  runs: z.number(),
  prefix: z.string(),
  startedAt: z.string(),
  results: z.array(RESULT),
  unexpected: z.number(),
  stale: z.array(z.unknown()),
  census: z.record(z.string(), strings),
  leftovers: strings,
  interrupted: z.boolean(),
});

const DOCUMENT = z.looseObject({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION, {
    error: (issue) =>
      `${issue.input === undefined ? "missing" : JSON.stringify(issue.input)}, but this version of the suite reads schema ${REPORT_SCHEMA_VERSION}`,
  }),
  runs: z.array(RUN, { error: "needs the run reports (runs[])" }),
});

/** A report.json written by `glacier-vault-lock run` or `report merge`. */
export function readReport(file: string): ReportDocument {
  return readJsonFile(file, DOCUMENT, `a report.json of schema ${REPORT_SCHEMA_VERSION}`) as unknown as ReportDocument;
}
