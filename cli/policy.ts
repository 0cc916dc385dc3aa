/**
 * `glacier-vault-lock policy explain|diff|verify` (issue 20): what a vault lock policy will do, before
 * CompleteVaultLock makes it permanent. Exit codes: explain 0; diff 0 when no cell changes, 1 when some do;
 * verify 0 when the lock is the file's and every exercised cell agrees, 1 otherwise; 2 on usage errors.
 */
import { NotVerifiable, verifyPolicy, type Verification } from "../conformance/policy-verify.js";
import { readText } from "../input/read.js";
import { diffPolicies } from "../model/policy/diff.js";
import { explainPolicy } from "../model/policy/explain.js";
import { ageLabel, tagStateLabel, timeLabel } from "../model/policy/labels.js";
import { renderDiff, renderExplanation } from "../model/policy/render.js";
import { parseVaultArn, type Cell, type DecisionTable } from "../model/policy/table.js";
import { parseCommandLine, parsed, text, toggle, usage, UsageError, type FlagSpec } from "./args.js";
import { checkCredentials, TARGET_FLAGS, targetFromFlags } from "./target.js";

const json = toggle("print the JSON document instead of the text");

const VAULT_ARN = {
  "vault-arn": parsed(
    "the vault the policy is for: arn:aws:glacier:REGION:ACCOUNT:vaults/NAME",
    "a vault ARN (arn:aws:glacier:REGION:ACCOUNT:vaults/NAME)",
    parseVaultArn,
  ).optional(),
  json,
};

const VERIFY = {
  vault: text("name of the vault whose InProgress lock to verify").optional(),
  ...TARGET_FLAGS,
  "account-id": parsed(
    "the vault owner's account id, used only when DescribeVault is denied",
    "a 12-digit account id",
    (raw) => (/^\d{12}$/.test(raw) ? raw : undefined),
  ).optional(),
  "allow-archives": toggle("on real AWS (or with --read-only), exercise the archive cells with small uploads"),
  "read-only": toggle("send only requests that change nothing, as on real AWS"),
  json,
};

const SUMMARY: Record<string, string> = {
  explain: "What Initiate answers, the decision table and the hazards of a lock policy for one vault.",
  diff: "The decision-table cells whose decision changes from the OLD policy to the NEW one (exit 1 if any).",
  verify: "Check a vault's InProgress lock against the file, then exercise its decision table live.",
};

/** The policy text of a file; a usage error when it cannot be read or is not JSON. */
export function readPolicy(file: string): string {
  const text = readText(file, "a JSON policy document");
  try {
    JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message.split("\n")[0]}`);
  }
  return text;
}

function parse<S extends FlagSpec>(sub: string, argv: string[], spec: S, files: string[]) {
  const names = files.join(" ");
  const { flags, positionals, help } = parseCommandLine(`policy ${sub}`, argv, spec, { max: files.length, names });
  if (!help && positionals.length !== files.length)
    throw new UsageError(`policy ${sub} takes ${names}; got ${positionals.length} file argument(s)`);
  return { flags, files: positionals, help: help ? usage(`policy ${sub} ${names}`, SUMMARY[sub]!, spec) : undefined };
}

function vaultOf(flags: { "vault-arn": ReturnType<typeof parseVaultArn> }) {
  if (!flags["vault-arn"]) throw new UsageError("--vault-arn is required: a policy's decisions depend on the vault");
  return flags["vault-arn"];
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

async function verify(argv: string[]): Promise<number> {
  const parsed = parse("verify", argv, VERIFY, ["FILE"]);
  if (parsed.help) {
    console.log(parsed.help);
    return 0;
  }
  const { flags } = parsed;
  const policy = readPolicy(parsed.files[0]!);
  const vaultName = flags.vault;
  if (!vaultName) throw new UsageError("--vault is required: the vault whose InProgress lock to verify");
  const target = targetFromFlags(flags);
  if (target.capabilities.realAws && !flags["allow-real-aws"])
    throw new UsageError(
      `refusing ${target.endpoint ?? "real AWS"}: it is not loopback; pass --allow-real-aws to opt in`,
    );
  if (target.capabilities.realAws) console.error(realAwsNotice(flags["allow-archives"]));
  await checkCredentials(target);
  try {
    const result = await verifyPolicy({
      target,
      vaultName,
      policy,
      ...(flags["account-id"] ? { accountId: flags["account-id"] } : {}),
      allowArchives: flags["allow-archives"],
      readOnly: flags["read-only"],
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
