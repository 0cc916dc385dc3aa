/**
 * Inputs people hand the tool (flags, expectation files, report files, the pending-state file, the emulator's
 * snapshot) are checked with zod schemas; whatever a schema refuses becomes an `InvalidInput`, one line naming the
 * input and what it accepts, which the CLI prints without a stack trace and exits 2 on.
 */
import { readFileSync } from "node:fs";
import type { z } from "zod";

/** An input the tool cannot take; the message is one line naming the input and what is accepted. */
export class InvalidInput extends Error {}

/** Zod's first problem as one line: `expectations[3].verdict: …` (the message alone at the top level). */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  const path = issue.path
    .map((key, i) => (typeof key === "number" ? `[${key}]` : `${i ? "." : ""}${String(key)}`))
    .join("");
  return path ? `${path}: ${issue.message}` : issue.message;
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0];

/** The text of `file`; `what` says what it should be (`an expectation file`), for the one-line refusal. */
export function readText(file: string, what: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "a directory, not a file" : firstLine(error);
    throw new InvalidInput(`${file}: ${problem} (expected ${what})`);
  }
}

/** `file` read as JSON and checked by `schema`; anything else is an `InvalidInput` naming the file. */
export function readJsonFile<T>(file: string, schema: z.ZodType<T>, what: string): T {
  const text = readText(file, what);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InvalidInput(`${file}: not JSON (${firstLine(error)}); expected ${what}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new InvalidInput(`${file}: not ${what}: ${firstIssue(parsed.error)}`);
  return parsed.data;
}
