/** `glacier-vault-lock report merge --out DIR A.json B.json …`: one matrix report from several runs or shards. */
import { readFileSync } from "node:fs";
import { mergeDocuments, type ReportDocument } from "../reports/document.js";
import { writeReports } from "../reports/write.js";
import { parseFlagsAndArgs, usage, UsageError, type FlagSpec } from "./args.js";

const FLAGS: FlagSpec = {
  out: { type: "string", description: "directory for the merged report files", default: "out/merged" },
};

/** A report.json, or a UsageError naming the file (a missing file or broken JSON is a usage error, exit 2). */
function readDocument(file: string): ReportDocument {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as ReportDocument;
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

export async function reportCommand(argv: string[]): Promise<number> {
  const { flags, positionals } = parseFlagsAndArgs(argv, FLAGS);
  const [action, ...files] = positionals;
  if (flags.help || action !== "merge" || files.length === 0) {
    console.log(
      usage(
        "report merge FILE.json…",
        "Merge report.json files of several targets or shards into one matrix report.",
        FLAGS,
      ),
    );
    return flags.help ? 0 : 2;
  }
  const documents = files.map(readDocument);
  let merged: ReportDocument;
  try {
    merged = mergeDocuments(documents);
  } catch (error) {
    throw new UsageError(`cannot merge: ${(error as Error).message}`);
  }
  const written = writeReports(merged, String(flags.out));
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  const targets = merged.targets.map((t) => `${t.name}: ${count(t.shards, "run")}`).join(", ");
  console.log(`merged ${count(files.length, "report")} (${targets})\nreports: ${written.join(", ")}`);
  return merged.targets.some((t) => t.unexpected > 0) ? 1 : 0;
}
