/** `glacier-vault-lock report merge --out DIR A.json B.json …`: one matrix report from several runs or shards. */
import { mergeDocuments, type ReportDocument } from "../reports/document.js";
import { readReport } from "../reports/read.js";
import { writeReports } from "../reports/write.js";
import { parseCommandLine, text, usage, UsageError, writableDirectory } from "./args.js";

const FLAGS = {
  out: text("directory for the merged report files").or("out/merged"),
};

/**
 * The documents with every run report kept once: a run (its target, random prefix and start) found again, in
 * the same file or another, is dropped with a warning, so merging a report with itself doubles no count.
 */
export function withoutDuplicateRuns(
  documents: { file: string; document: ReportDocument }[],
  warn: (line: string) => void,
): ReportDocument[] {
  const seen = new Map<string, string>();
  return documents.map(({ file, document }) => ({
    ...document,
    runs: document.runs.filter((run) => {
      const key = `${run.target.name}\n${run.prefix}\n${run.startedAt}`;
      const first = seen.get(key);
      if (first)
        warn(
          `warning: duplicate run: ${file} repeats run ${run.prefix} of ${run.target.name} from ${first}; merged once`,
        );
      else seen.set(key, file);
      return !first;
    }),
  }));
}

export async function reportCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandLine("report", argv, FLAGS, { max: Infinity, names: "merge FILE.json…" });
  const [action, ...files] = parsed.positionals;
  const help = usage(
    "report merge FILE.json…",
    "Merge report.json files of several targets or shards into one matrix report.",
    FLAGS,
  );
  if (parsed.help) return (console.log(help), 0);
  if (action !== "merge")
    throw new UsageError(action ? `unknown report action ${action}: merge` : "report needs merge FILE.json…");
  if (!files.length) throw new UsageError("report merge needs at least one report.json");
  const documents = files.map((file) => ({ file, document: readReport(file) }));
  writableDirectory("out", parsed.flags.out);
  let merged: ReportDocument;
  try {
    merged = mergeDocuments(withoutDuplicateRuns(documents, console.error));
  } catch (error) {
    throw new UsageError(`cannot merge: ${(error as Error).message}`);
  }
  const written = writeReports(merged, parsed.flags.out);
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  const targets = merged.targets.map((t) => `${t.name}: ${count(t.shards, "run")}`).join(", ");
  console.log(`merged ${count(files.length, "report")} (${targets})\nreports: ${written.join(", ")}`);
  return merged.targets.some((t) => t.unexpected > 0) ? 1 : 0;
}
