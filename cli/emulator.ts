/** `glacier-vault-lock emulator`: runs the reference emulator until interrupted. */
import { MUTANTS } from "../emulator/mutants/catalogue.js";
import { startEmulator, type Emulator, type EmulatorOptions } from "../emulator/server.js";
import { choice, parseCommandLine, text, toggle, usage, UsageError, whole } from "./args.js";

const MUTANT_NAMES = MUTANTS.map((m) => m.name);

const FLAGS = {
  port: whole("port to listen on; 0 picks a free one", { min: 0, max: 65535 }).or("0"),
  host: text("address to bind").or("127.0.0.1"),
  "clock-control": toggle("serve /__emulator/clock so tests can move the service clock"),
  "data-dir": text("keep vaults, locks and the clock offset here across restarts (default: memory only)").optional(),
  mutant: choice(
    "run a behavioural mutant, to measure a suite (also VAULT_LOCK_EMULATOR_MUTANT)",
    "mutant",
    MUTANT_NAMES,
  ),
};

/** The mutant of the environment variable, refused like the flag when it names none. */
function mutantFromEnvironment(): string | undefined {
  const name = process.env.VAULT_LOCK_EMULATOR_MUTANT;
  if (name && !MUTANT_NAMES.includes(name))
    throw new UsageError(`VAULT_LOCK_EMULATOR_MUTANT ${name}: unknown mutant; known: ${MUTANT_NAMES.join(", ")}`);
  return name || undefined;
}

/** Starts the emulator; an address it cannot listen on, or a data directory it cannot use, is a usage error. */
async function listen(options: EmulatorOptions & { port: number; host: string }): Promise<Emulator> {
  try {
    return await startEmulator(options);
  } catch (error) {
    const { code, syscall, path } = error as NodeJS.ErrnoException;
    const where = `${options.host}:${options.port}`;
    if (path && options.dataDir) throw new UsageError(`--data-dir ${options.dataDir}: cannot use ${path} (${code})`);
    if (code === "EADDRINUSE")
      throw new UsageError(`--port ${options.port}: ${where} is in use; choose another port, or 0 for a free one`);
    if (code === "EACCES" && syscall === "listen")
      throw new UsageError(`--port ${options.port}: not allowed to listen on ${where}`);
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND")
      throw new UsageError(`--host ${options.host}: not an address of this machine (${code})`);
    throw error;
  }
}

export async function emulatorCommand(argv: string[]): Promise<number> {
  const { flags, help } = parseCommandLine("emulator", argv, FLAGS);
  if (help) {
    console.log(
      usage("emulator", "Serve Glacier's vault-lock API (REST-JSON, SigV4) from the reference model.", FLAGS),
    );
    return 0;
  }
  const mutant = flags.mutant ?? mutantFromEnvironment();
  const clockControl = flags["clock-control"];
  const emulator = await listen({
    port: flags.port,
    host: flags.host,
    clockControl,
    ...(flags["data-dir"] ? { dataDir: flags["data-dir"] } : {}),
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
