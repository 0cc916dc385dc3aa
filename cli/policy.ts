/**
 * `glacier-vault-lock policy explain|diff|verify` (issue 20): what a vault lock policy will do, before
 * CompleteVaultLock makes it permanent. Exit codes: explain 0; diff 0 when no cell changes, 1 when some do;
 * verify 0 when the lock is the file's and every exercised cell agrees, 1 otherwise; 2 on usage errors.
 */
import { readFileSync } from "node:fs";
import { NotVerifiable, verifyPolicy, type Verification } from "../conformance/policy-verify.js";
import { diffPolicies } from "../model/policy/diff.js";
import { explainPolicy } from "../model/policy/explain.js";
import { ageLabel, tagStateLabel, timeLabel } from "../model/policy/labels.js";
import { renderDiff, renderExplanation } from "../model/policy/render.js";
import { parseVaultArn, type Cell, type DecisionTable, type VaultRef } from "../model/policy/table.js";
import { parseFlagsAndArgs, usage, UsageError, type FlagSpec } from "./args.js";
import { targetFromFlags } from "./target.js";

const VAULT_ARN: FlagSpec = {
  "vault-arn": {
    type: "string",
    description: "the vault the policy is for: arn:aws:glacier:REGION:ACCOUNT:vaults/NAME",
  },
  json: { type: "boolean", description: "print the JSON document instead of the text", default: false },
};

const VERIFY: FlagSpec = {
  vault: { type: "string", description: "name of the vault whose InProgress lock to verify" },
  endpoint: { type: "string", description: "endpoint URL (else AWS_ENDPOINT_URL_GLACIER, else real AWS)" },
  region: { type: "string", description: "signing region (else AWS_REGION, else us-east-1)" },
  "account-id": { type: "string", description: "the vault owner's account id, used only when DescribeVault is denied" },
  "access-key-id": { type: "string", description: "credentials (else the SDK's default chain)" },
  "secret-access-key": { type: "string", description: "credentials (else the SDK's default chain)" },
  "clock-control": { type: "boolean", description: "the endpoint serves /__emulator/clock", default: false },
  "allow-real-aws": {
    type: "boolean",
    description: "allow an endpoint that is not loopback (real AWS)",
    default: false,
  },
  "allow-archives": {
    type: "boolean",
    description: "on real AWS (or with --read-only), exercise the archive cells with small uploads",
    default: false,
  },
  "read-only": {
    type: "boolean",
    description: "send only requests that change nothing, as on real AWS",
    default: false,
  },
  json: VAULT_ARN.json!,
};

const SUMMARY: Record<string, string> = {
  explain: "What Initiate answers, the decision table and the hazards of a lock policy for one vault.",
  diff: "The decision-table cells whose decision changes from the OLD policy to the NEW one (exit 1 if any).",
  verify: "Check a vault's InProgress lock against the file, then exercise its decision table live.",
};

/** The policy text of a file; a usage error when it cannot be read or is not JSON. */
export function readPolicy(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
  try {
    JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message.split("\n")[0]}`);
  }
  return text;
}

function vaultOf(flags: Record<string, unknown>): VaultRef {
  const arn = flags["vault-arn"];
  if (typeof arn !== "string")
    throw new UsageError("--vault-arn is required: a policy's decisions depend on the vault");
  const vault = parseVaultArn(arn);
  if (!vault)
    throw new UsageError(`--vault-arn ${arn} is not a vault ARN (arn:aws:glacier:REGION:ACCOUNT:vaults/NAME)`);
  return vault;
}

function parse(sub: string, argv: string[], spec: FlagSpec, files: string[]) {
  const { flags, positionals } = parseFlagsAndArgs(argv, spec);
  const help = flags.help ? usage(`policy ${sub} ${files.join(" ")}`, SUMMARY[sub]!, spec) : undefined;
  if (!help && positionals.length !== files.length)
    throw new UsageError(`policy ${sub} takes ${files.join(" ")}; got ${positionals.length} file argument(s)`);
  return { flags, files: positionals, help };
}

const print = (json: unknown, value: object, text: () => string) =>
  console.log(json ? JSON.stringify(value, null, 2) : text());

async function explain(argv: string[]): Promise<number> {
  const parsed = parse("explain", argv, VAULT_ARN, ["FILE"]);
  if (parsed.help) {
    console.log(parsed.help);
    return 0;
  }
  const policy = readPolicy(parsed.files[0]!);
  const explanation = explainPolicy(policy, vaultOf(parsed.flags), Date.now());
  print(parsed.flags.json, explanation, () => renderExplanation(policy, explanation));
  return 0;
}

async function diff(argv: string[]): Promise<number> {
  const parsed = parse("diff", argv, VAULT_ARN, ["OLD", "NEW"]);
  if (parsed.help) {
    console.log(parsed.help);
    return 0;
  }
  const [before, after] = parsed.files.map(readPolicy) as [string, string];
  const result = diffPolicies(before, after, vaultOf(parsed.flags), Date.now());
  print(parsed.flags.json, result, () => renderDiff(before, after, result));
  return result.changed.length ? 1 : 0;
}

const str = (flags: Record<string, unknown>, name: string) =>
  typeof flags[name] === "string" ? (flags[name] as string) : undefined;

async function verify(argv: string[]): Promise<number> {
  const parsed = parse("verify", argv, VERIFY, ["FILE"]);
  if (parsed.help) {
    console.log(parsed.help);
    return 0;
  }
  const { flags } = parsed;
  const policy = readPolicy(parsed.files[0]!);
  const vaultName = str(flags, "vault");
  if (!vaultName) throw new UsageError("--vault is required: the vault whose InProgress lock to verify");
  const target = targetFromFlags({
    endpoint: str(flags, "endpoint"),
    region: str(flags, "region"),
    accessKeyId: str(flags, "access-key-id"),
    secretAccessKey: str(flags, "secret-access-key"),
    clockControl: Boolean(flags["clock-control"]),
  });
  if (target.capabilities.realAws && !flags["allow-real-aws"])
    throw new UsageError(
      `refusing ${target.endpoint ?? "real AWS"}: it is not loopback; pass --allow-real-aws to opt in`,
    );
  if (target.capabilities.realAws) console.error(realAwsNotice(Boolean(flags["allow-archives"])));
  try {
    const result = await verifyPolicy({
      target,
      vaultName,
      policy,
      ...(str(flags, "account-id") ? { accountId: str(flags, "account-id")! } : {}),
      allowArchives: Boolean(flags["allow-archives"]),
      readOnly: Boolean(flags["read-only"]),
    });
    print(flags.json, result, () => renderVerification(result));
    return result.checks.every((c) => c.ok) && !result.live?.cells.some((c) => c.agrees === false) ? 0 : 1;
  } catch (error) {
    if (!(error instanceof NotVerifiable)) throw error;
    console.error(`cannot verify ${vaultName}: ${error.message}`);
    return 1;
  }
}

function realAwsNotice(archives: boolean): string {
  const sends = archives
    ? "small archives are uploaded and deleted where the policy allows; one it denies deleting stays in the vault (billed) until it does"
    : "no archive is uploaded (--allow-archives to exercise those cells)";
  return `REAL AWS: read-only requests (GetVaultLock, DescribeVault, GetVaultAccessPolicy, ListTagsForVault); ${sends}.`;
}

const ageText = (table: DecisionTable, age: number) =>
  "absent" in table.ages[age]! ? "of no such archive" : `at age ${ageLabel(table.ages[age]!)}`;

/** `DeleteArchive at age 0–365 LegalHold="true"`: a cell's row, without the principal. */
export function cellLabel(table: DecisionTable, cell: Cell): string {
  return [
    cell.operation,
    ...(cell.age !== undefined ? [ageText(table, cell.age)] : []),
    ...(table.times.length > 1 ? [timeLabel(table.times[cell.time]!)] : []),
    ...(table.tagKeys.length ? [tagStateLabel(table.tagStates[cell.tags]!)] : []),
  ].join(" ");
}

/** The text of a verification. */
export function renderVerification(v: Verification): string {
  const lines = [`Vault ${v.vaultArn}`, ...v.checks.map((c) => `  ${c.ok ? "ok  " : "FAIL"}  ${c.text}`)];
  if (v.notLive) lines.push(`Live: not exercised: ${v.notLive}`);
  if (!v.live || !v.table) return lines.join("\n");
  const table = v.table;
  const cells = v.live.cells;
  const differ = cells.filter((c) => c.agrees === false);
  const skipped = cells.filter((c) => c.skipped !== undefined);
  lines.push(
    `Live, as the vault's owner: ${cells.length} cells, ${cells.length - differ.length - skipped.length} agree with the table, ${differ.length} differ, ${skipped.length} not exercised`,
  );
  for (const c of differ)
    lines.push(
      `  DIFFERS  ${cellLabel(table, c.cell)}: the table says ${c.cell.decisions[0]!.effect === "Deny" ? "Deny" : "not denied"}, the endpoint answered ${c.observed}`,
    );
  const reasons = new Map<string, Cell[]>();
  for (const c of skipped) reasons.set(c.skipped!, [...(reasons.get(c.skipped!) ?? []), c.cell]);
  for (const [reason, group] of reasons)
    lines.push(
      `  not exercised (${group.length}): ${reason}: ${[...new Set(group.map((c) => cellLabel(table, c)))].join("; ")}`,
    );
  if (v.live.leftovers.length) lines.push(`Left on the vault: ${v.live.leftovers.join("; ")}`);
  return lines.join("\n");
}

const SUBCOMMANDS: Record<string, (argv: string[]) => Promise<number>> = { explain, diff, verify };

/** `policy SUBCOMMAND …`. */
export async function policyCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const run = sub ? SUBCOMMANDS[sub] : undefined;
  if (run) return run(rest);
  const help = [
    "usage: glacier-vault-lock policy SUBCOMMAND [flags]   (SUBCOMMAND --help for its flags)",
    "",
    ...Object.entries(SUMMARY).map(([name, summary]) => `  ${name.padEnd(8)} ${summary}`),
  ].join("\n");
  if (sub === "--help" || sub === "-h") {
    console.log(help);
    return 0;
  }
  throw new UsageError(
    sub
      ? `unknown policy subcommand ${sub}: explain, diff or verify`
      : "policy needs a subcommand: explain, diff or verify",
  );
}
