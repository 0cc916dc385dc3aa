/** A small, strict flag parser for the CLI: `--name value`, `--name=value` and boolean `--flag`. */
import { parseArgs } from "node:util";

export type FlagSpec = Record<string, { type: "string" | "boolean"; description: string; default?: string | boolean }>;

/** Parses `argv` against `spec` and returns the positional arguments too; unknown flags throw. */
export function parseFlagsAndArgs(argv: string[], spec: FlagSpec) {
  const options = Object.fromEntries(
    Object.entries(spec).map(([name, { type, default: d }]) => [
      name,
      { type, ...(d !== undefined ? { default: d } : {}) },
    ]),
  );
  const parsed = parseArgs({
    args: argv,
    options: { ...options, help: { type: "boolean" } },
    strict: true,
    allowPositionals: true,
  });
  return { flags: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}

/** Parses `argv` against `spec`; unknown flags throw with the command's usage. */
export function parseFlags(argv: string[], spec: FlagSpec) {
  const options = Object.fromEntries(
    Object.entries(spec).map(([name, { type, default: d }]) => [
      name,
      { type, ...(d !== undefined ? { default: d } : {}) },
    ]),
  );
  return parseArgs({
    args: argv,
    options: { ...options, help: { type: "boolean" } },
    strict: true,
    allowPositionals: false,
  }).values as Record<string, string | boolean | undefined>;
}

/** The `--help` text of a command. */
export function usage(command: string, summary: string, spec: FlagSpec): string {
  const lines = Object.entries(spec).map(([name, { type, description, default: d }]) => {
    const flag = type === "string" ? `--${name} VALUE` : `--${name}`;
    return `  ${flag.padEnd(26)} ${description}${d !== undefined && d !== false ? ` (default ${String(d)})` : ""}`;
  });
  return [
    `usage: glacier-vault-lock ${command} [flags]`,
    "",
    summary,
    "",
    ...lines,
    `  ${"--help".padEnd(26)} show this help`,
  ].join("\n");
}

/** A mistake in the command line: reported in one line, exit code 2. */
export class UsageError extends Error {}
