/** `glacier-vault-lock emulator`: runs the reference emulator until interrupted. */
import { startEmulator } from "../emulator/server.js";
import { parseFlags, usage, type FlagSpec } from "./args.js";

const FLAGS: FlagSpec = {
  port: { type: "string", description: "port to listen on; 0 picks a free one", default: "0" },
  host: { type: "string", description: "address to bind", default: "127.0.0.1" },
  "clock-control": {
    type: "boolean",
    description: "serve /__emulator/clock so tests can move the service clock",
    default: false,
  },
  "data-dir": {
    type: "string",
    description: "keep vaults, locks and the clock offset here across restarts (default: memory only)",
  },
  mutant: {
    type: "string",
    description: "run a behavioural mutant, to measure a suite (also VAULT_LOCK_EMULATOR_MUTANT)",
  },
};

export async function emulatorCommand(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  if (flags.help) {
    console.log(
      usage("emulator", "Serve Glacier's vault-lock API (REST-JSON, SigV4) from the reference model.", FLAGS),
    );
    return 0;
  }
  const mutant = typeof flags.mutant === "string" ? flags.mutant : process.env.VAULT_LOCK_EMULATOR_MUTANT;
  const clockControl = Boolean(flags["clock-control"]);
  const dataDir = typeof flags["data-dir"] === "string" ? flags["data-dir"] : undefined;
  const emulator = await startEmulator({
    ...(dataDir ? { dataDir } : {}),
    port: Number(flags.port),
    host: String(flags.host),
    clockControl,
    ...(mutant ? { mutant } : {}),
  });
  console.log(emulator.url);
  const [first] = emulator.accounts;
  const notes = [
    `clock control ${clockControl ? "on" : "off"}`,
    ...(mutant ? [`MUTANT ${mutant}: not the reference behaviour`] : []),
  ];
  console.error(`accepting access key ${first!.accessKeyId} (account ${first!.accountId}); ${notes.join("; ")}`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await emulator.close();
  return 0;
}
