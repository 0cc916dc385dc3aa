/** Entry point of the `glacier-vault-lock` command. Exit codes: 0 success, 1 failures found, 2 usage error, 3 a suite defect. */
import { InvalidInput } from "../input/read.js";
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
  if (name === "--help" || name === "-h") return (console.log(help()), 0);
  const command = name ? COMMANDS[name] : undefined;
  try {
    if (!command)
      throw new UsageError(
        `${name ? `unknown command ${name}` : "a command is needed"}: ${Object.keys(COMMANDS).join(", ")} (glacier-vault-lock --help)`,
      );
    return await command.run(rest);
  } catch (error) {
    if (error instanceof InvalidInput) {
      console.error(error.message);
      return 2;
    }
    console.error(`glacier-vault-lock: internal error, a defect of the suite (please report it): ${String(error)}`);
    if (error instanceof Error && error.stack) console.error(error.stack);
    return 3;
  }
}

process.exitCode = await main(process.argv.slice(2));
