/**
 * The command line of every command: node:util's parseArgs splits it (`--name value`, `--name=value`, boolean
 * `--flag`, positionals), a zod schema per flag checks and converts each value, and any mistake is a `UsageError`:
 * one line naming the flag and what it accepts (exit 2).
 */
import { accessSync, constants, mkdirSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { InvalidInput } from "../input/read.js";

/** A mistake in the command line: reported in one line, exit code 2. */
export class UsageError extends InvalidInput {}

export interface Flag<T = unknown> {
  type: "string" | "boolean";
  description: string;
  /** The raw value when the flag is absent, checked like a given one (shown by --help). */
  default?: string;
  /** Checks the raw value (a string, a boolean, or undefined when absent) and converts it. */
  schema: z.ZodType<T>;
}

export type FlagSpec = Record<string, Flag>;
export type FlagValues<S extends FlagSpec> = { [K in keyof S]: S[K] extends Flag<infer T> ? T : never };

/** A boolean switch, false when absent. */
export function toggle(description: string): Flag<boolean> {
  return { type: "boolean", description, schema: z.boolean().default(false) };
}

/** A value refused unless `parse` returns something for it; `accepted` says what it takes. */
export function parsed<T>(description: string, accepted: string, parse: (raw: string) => T | undefined) {
  const schema = z.string().transform((raw, context) => {
    const value = parse(raw);
    if (value === undefined) context.addIssue({ code: "custom", message: `takes ${accepted}` });
    return value as T;
  });
  return {
    optional: (): Flag<T | undefined> => ({ type: "string", description, schema: schema.optional() }),
    or: (fallback: string): Flag<T> => ({ type: "string", description, default: fallback, schema }),
  };
}

/** Any non-empty text. */
export const text = (description: string) => parsed(description, "a non-empty value", (raw) => raw || undefined);

/** A whole number within `min`…`max`. */
export function whole(description: string, { min, max }: { min?: number; max?: number } = {}) {
  const accepted =
    min !== undefined && max !== undefined
      ? `a whole number from ${min} to ${max}`
      : min !== undefined
        ? `a whole number of at least ${min}`
        : "a whole number";
  return parsed(description, accepted, (raw) => {
    const n = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
    return Number.isSafeInteger(n) && n >= (min ?? -Infinity) && n <= (max ?? Infinity) ? n : undefined;
  });
}

/** One of `choices`; the refusal lists them. */
export function choice<C extends string>(
  description: string,
  noun: string,
  choices: readonly C[],
): Flag<C | undefined> {
  const message = `unknown ${noun}; known: ${choices.join(", ")}`;
  return { type: "string", description, schema: z.enum(choices as [C, ...C[]], { error: message }).optional() };
}

/** What a parseArgs error says, as one line naming the flag. */
function parseArgsProblem(command: string, error: Error): string {
  const flag = /'(-[^' ]+)/.exec(error.message)?.[1] ?? "";
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION")
    return `${command}: unknown flag ${flag} (${command} --help lists them)`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
    return /argument missing/.test(error.message) ? `${flag} needs a value` : `${flag} takes no value`;
  return `${command}: ${error.message.split("\n")[0]}`;
}

/**
 * Parses `argv` against `spec`; `positionals` says how many arguments the command takes (default none). Unless
 * `--help` is given, every flag is checked by its schema and the first refusal throws a UsageError.
 */
export function parseCommandLine<S extends FlagSpec>(
  command: string,
  argv: string[],
  spec: S,
  positionals: { max: number; names: string } = { max: 0, names: "" },
): { flags: FlagValues<S>; positionals: string[]; help: boolean } {
  const options = Object.fromEntries(
    Object.entries(spec).map(([name, { type, default: d }]) => [
      name,
      { type, ...(d !== undefined ? { default: d } : {}) },
    ]),
  );
  let values: Record<string, string | boolean | undefined>;
  let args: string[];
  try {
    const result = parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean" } },
      allowPositionals: true,
    });
    values = result.values;
    args = result.positionals;
  } catch (error) {
    if (error instanceof TypeError && String((error as NodeJS.ErrnoException).code).startsWith("ERR_PARSE_ARGS"))
      throw new UsageError(parseArgsProblem(command, error));
    throw error;
  }
  const help = values.help === true;
  if (!help && args.length > positionals.max)
    throw new UsageError(
      positionals.max
        ? `${command} takes ${positionals.names}; got ${args.length} arguments`
        : `${command} takes no arguments; got ${args[0]}`,
    );
  const shape = Object.fromEntries(Object.entries(spec).map(([name, flag]) => [name, flag.schema]));
  const checked = z.object(shape).safeParse(values);
  if (!help && !checked.success) {
    const issue = checked.error.issues[0]!;
    const name = String(issue.path[0]);
    throw new UsageError(`--${name} ${String(values[name])}: ${issue.message}`);
  }
  return { flags: (checked.data ?? {}) as FlagValues<S>, positionals: args, help };
}

/** The `--help` text of a command. */
export function usage(command: string, summary: string, spec: FlagSpec): string {
  const rows = Object.entries(spec).map(([name, { type, description, default: d }]) => [
    type === "string" ? `--${name} VALUE` : `--${name}`,
    `${description}${d !== undefined ? ` (default ${d})` : ""}`,
  ]);
  rows.push(["--help", "show this help"]);
  const width = Math.max(...rows.map(([flag]) => flag!.length));
  return [
    `usage: ${command.startsWith("npm ") ? command : `glacier-vault-lock ${command}`} [flags]`,
    "",
    summary,
    "",
    ...rows.map(([flag, description]) => `  ${flag!.padEnd(width)}  ${description}`),
  ].join("\n");
}

/** Makes `dir` (the value of `--flag`) if needed; a UsageError when it cannot be written, before any work. */
export function writableDirectory(flag: string, dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new UsageError(`--${flag} ${dir}: cannot write there (${(error as NodeJS.ErrnoException).code ?? "?"})`);
  }
}
