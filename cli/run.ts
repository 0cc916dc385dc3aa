/**
 * `glacier-vault-lock run`: the suite against an endpoint, or against the embedded emulator when none is
 * given. Writes the reports (JSON, Markdown, HTML, JUnit); exit 0 when every result is a pass or expected, 1 otherwise, 2 on usage.
 */
import { loadExpectations } from "../conformance/expectations.js";
import { runSuite, type RunReport } from "../conformance/run.js";
import { parseReplay } from "../conformance/sequences.js";
import { summarize } from "../conformance/summary.js";
import { emulatorTarget, type Target } from "../conformance/target.js";
import { startEmulator, type Emulator } from "../emulator/server.js";
import { buildDocument } from "../reports/document.js";
import { writeReports } from "../reports/write.js";
import { parseFlags, usage, type FlagSpec } from "./args.js";
import { targetFromFlags } from "./target.js";

const FLAGS: FlagSpec = {
  endpoint: { type: "string", description: "endpoint URL; none: start the embedded emulator" },
  region: { type: "string", description: "signing region (else AWS_REGION, else us-east-1)" },
  "target-name": { type: "string", description: "name of the target in reports" },
  "account-id": { type: "string", description: "the signer's 12-digit account id", default: "123456789012" },
  "access-key-id": { type: "string", description: "credentials (else the SDK's default chain)" },
  "secret-access-key": { type: "string", description: "credentials (else the SDK's default chain)" },
  "clock-control": { type: "boolean", description: "the endpoint serves /__emulator/clock", default: false },
  "allow-real-aws": { type: "boolean", description: "allow an endpoint that is not loopback", default: false },
  seed: { type: "string", description: "seed of the generated sequences (default: random, printed)" },
  runs: { type: "string", description: "number of generated sequences", default: "100" },
  expectations: { type: "string", description: "expectation file of known deviations" },
  replay: { type: "string", description: "SEED:PATH[@REPLAYPATH] of a failure to rerun alone" },
  out: { type: "string", description: "directory for report.json, report.md, report.html, junit.xml", default: "out" },
  json: {
    type: "boolean",
    description: "print the JSON report document on stdout instead of the summary",
    default: false,
  },
};

async function embeddedTarget(): Promise<{ target: Target; emulator: Emulator }> {
  const emulator = await startEmulator({ clockControl: true });
  return { target: emulatorTarget(emulator.url, emulator.accounts), emulator };
}

export async function runCommand(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  if (flags.help) {
    console.log(
      usage(
        "run",
        "Check an endpoint against the vault-lock model; exit 0 conforms, 1 unexpected results, 2 usage.",
        FLAGS,
      ),
    );
    return 0;
  }
  const str = (name: string) => (typeof flags[name] === "string" ? (flags[name] as string) : undefined);
  const replay = str("replay") !== undefined ? parseReplay(str("replay")!) : undefined;
  const seed = replay?.seed ?? (str("seed") !== undefined ? Number(str("seed")) : Math.floor(Math.random() * 2 ** 31));
  const embedded =
    str("endpoint") === undefined && !process.env.AWS_ENDPOINT_URL_GLACIER ? await embeddedTarget() : undefined;
  const target =
    embedded?.target ??
    targetFromFlags({
      endpoint: str("endpoint"),
      region: str("region"),
      name: str("target-name"),
      accountId: str("account-id"),
      accessKeyId: str("access-key-id"),
      secretAccessKey: str("secret-access-key"),
      clockControl: Boolean(flags["clock-control"]),
    });
  if (target.capabilities.realAws && !flags["allow-real-aws"]) {
    console.error(
      `refusing to run against ${target.endpoint ?? "real AWS"}: it is not loopback. Pass --allow-real-aws to opt in.`,
    );
    await embedded?.emulator.close();
    return 2;
  }
  let interrupted = false;
  const onSignal = () => (interrupted = true);
  process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
  const progress = process.stderr.isTTY ? (line: string) => process.stderr.write(`${line}\n`) : undefined;
  console.error(`seed ${seed}; target ${target.name}`);
  let report: RunReport;
  try {
    report = await runSuite({
      target,
      seed,
      runs: Number(str("runs") ?? 100),
      ...(replay ? { replay } : {}),
      ...(str("expectations") ? { expectations: loadExpectations(str("expectations")!) } : {}),
      ...(progress ? { progress } : {}),
      interrupted: () => interrupted,
    });
  } finally {
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
    await embedded?.emulator.close();
  }
  const document = buildDocument([report]);
  const written = writeReports(document, str("out") ?? "out");
  console.log(flags.json ? JSON.stringify(document, null, 2) : `${summarize(report)}\nreports: ${written.join(", ")}`);
  return report.unexpected === 0 && !report.interrupted && report.leftovers.length === 0 ? 0 : 1;
}
