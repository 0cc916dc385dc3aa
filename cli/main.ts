/** Entry point of the `glacier-vault-lock` command. Exit codes: 0 success, 1 failures found, 2 usage error, 3 a suite defect. */
import { UsageError } from "./args.js";
import { emulatorCommand } from "./emulator.js";
import { checkHistoryCommand } from "./history.js";
import { policyCommand } from "./policy.js";
import { reportCommand } from "./report.js";
import { runCommand } from "./run.js";

const COMMANDS: Record<string, { summary: string; run: (argv: string[]) => Promise<number> }> = {
  run: { summary: "check an endpoint (default: the embedded emulator) against the model", run: runCommand },
  emulator: { summary: "run the reference emulator", run: emulatorCommand },
  report: { summary: "merge report.json files into one matrix report (report merge …)", run: reportCommand },
  policy: { summary: "explain, diff or verify a vault lock policy (policy explain|diff|verify …)", run: policyCommand },
  "check-history": {
    summary: "check recorded histories for linearizability against the model",
    run: checkHistoryCommand,
  },
};

function help(): string {
  const lines = Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(14)} ${summary}`);
  return ["usage: glacier-vault-lock COMMAND [flags]   (COMMAND --help for its flags)", "", ...lines].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`unknown command ${name}\n\n${help()}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    const parseError = error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");
    if (parseError || error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    console.error(`glacier-vault-lock: internal error, a defect of the suite (please report it): ${String(error)}`);
    if (error instanceof Error && error.stack) console.error(error.stack);
    return 3;
  }
}

process.exitCode = await main(process.argv.slice(2));
