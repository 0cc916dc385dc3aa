/**
 * Per-target expectation files, like web-platform-tests metadata: known deviations, each with a reason.
 * A run fails only on results no expectation covers; expectations that matched nothing are reported stale.
 */
import { z } from "zod";
import { readJsonFile } from "../input/read.js";
import type { CheckResult, ResultVerdict } from "./results.js";

export interface Expectation {
  /** Result id, `*` matching any run of characters (e.g. `path:inProgress.*`). */
  id: string;
  /** The verdict expected, or several when it depends on the generated seed. */
  verdict: Exclude<ResultVerdict, "pass"> | Exclude<ResultVerdict, "pass">[];
  reason: string;
}

export interface ExpectationFile {
  target: string;
  description?: string;
  expectations: Expectation[];
}

const VERDICT = z.enum(["fail", "skip", "notImplemented"], { error: "takes fail, skip or notImplemented" });

const EXPECTATION_FILE = z.strictObject({
  target: z.string({ error: "needs the target's name, a string" }),
  description: z.string().optional(),
  expectations: z.array(
    z.strictObject({
      id: z.string({ error: "needs the result id (a string, * globs)" }).min(1),
      verdict: z.union([VERDICT, z.array(VERDICT).min(1)], { error: "takes fail, skip or notImplemented, or a list" }),
      reason: z.string({ error: "needs the reason, a string" }),
    }),
    { error: "needs a list of {id, verdict, reason}" },
  ),
}) satisfies z.ZodType<ExpectationFile>;

/** Reads an expectation file; anything but `{target, description?, expectations: [{id, verdict, reason}]}` is an InvalidInput naming the file. */
export function loadExpectations(file: string): ExpectationFile {
  return readJsonFile(file, EXPECTATION_FILE, "an expectation file");
}

function verdicts(e: Expectation): string[] {
  return Array.isArray(e.verdict) ? e.verdict : [e.verdict];
}

function pattern(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
}

export interface Applied {
  results: CheckResult[];
  /** Failures and not-implemented results no expectation covers: these fail the run. */
  unexpected: CheckResult[];
  /** Expectations that matched no result with their verdict. */
  stale: Expectation[];
}

/** Marks expected results; a skip is never unexpected, since the suite itself decided it. */
export function applyExpectations(results: CheckResult[], file: ExpectationFile | undefined): Applied {
  const expectations = (file?.expectations ?? []).map((e) => ({ e, re: pattern(e.id), used: false }));
  const marked = results.map((result) => {
    const match = expectations.find((x) => verdicts(x.e).includes(result.verdict) && x.re.test(result.id));
    if (!match) return result;
    match.used = true;
    return { ...result, expected: { reason: match.e.reason } };
  });
  const unexpected = marked.filter((r) => !r.expected && (r.verdict === "fail" || r.verdict === "notImplemented"));
  return { results: marked, unexpected, stale: expectations.filter((x) => !x.used).map((x) => x.e) };
}
