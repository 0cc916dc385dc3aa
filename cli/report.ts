/** `glacier-vault-lock report merge --out DIR A.json B.json …`: one matrix report from several runs or shards. */
import { readFileSync } from "node:fs";
import { mergeDocuments, type ReportDocument } from "../reports/document.js";
import { writeReports } from "../reports/write.js";
import { parseFlagsAndArgs, usage, type FlagSpec } from "./args.js";

const FLAGS: FlagSpec = {
  out: { type: "string", description: "directory for the merged report files", default: "out/merged" },
};

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
  const documents = files.map((file) => JSON.parse(readFileSync(file, "utf8")) as ReportDocument);
  const merged = mergeDocuments(documents);
  const written = writeReports(merged, String(flags.out));
  console.log(
    `merged ${files.length} reports (${merged.targets.map((t) => `${t.name}: ${t.shards} run(s)`).join(", ")})\nreports: ${written.join(", ")}`,
  );
  return merged.targets.some((t) => t.unexpected > 0) ? 1 : 0;
}
