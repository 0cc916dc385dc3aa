/**
 * Request-level rules of the model: account ids, vault names, policy size and shape. Pure functions.
 */
import { recent } from "./memo.js";
import { statementSubsetProblems } from "./policy/subset.js";

/** 24 hours: how long an InProgress lock lives (INIT-EXPIRES-AFTER-24H). */
export const LOCK_TTL_MS = 24 * 60 * 60 * 1000;
/** Policies up to this many UTF-8 bytes must be accepted (INIT-POLICY-LIMIT, read as 20,000). */
export const POLICY_SURE_LIMIT = 20_000;
/** Policies over this many UTF-8 bytes are refused (INIT-POLICY-SIZE-UNIT, read as 20 × 1024). */
export const POLICY_HARD_LIMIT = 20_480;

const ACCOUNT_ID = /^\d{12}$/;
const VAULT_NAME = /^[A-Za-z0-9_.-]{1,255}$/;

export type AccountResolution =
  { ok: true; account: string } | { ok: false; requirement: "ACCT-MISMATCH-DENIED" | "ACCT-MALFORMED" };

/** The account a URI addresses: '-' or the signer's id resolve to the signer (ACCT-DASH-OR-OWN). */
export function resolveAccount(uriAccountId: string, signerAccountId: string): AccountResolution {
  if (uriAccountId === "-" || uriAccountId === signerAccountId) return { ok: true, account: signerAccountId };
  if (!ACCOUNT_ID.test(uriAccountId)) return { ok: false, requirement: "ACCT-MALFORMED" };
  return { ok: false, requirement: "ACCT-MISMATCH-DENIED" };
}

/** True for a name of 1–255 characters of a-z, A-Z, 0-9, '_', '-', '.' (VAULT-NAME-RULES). */
export function isValidVaultName(name: string): boolean {
  return VAULT_NAME.test(name);
}

export type PolicyVerdict =
  | { kind: "valid" }
  | { kind: "sizeAmbiguous" }
  | { kind: "missing" }
  | { kind: "tooLarge"; bytes: number }
  | { kind: "invalid"; reason: string };

/** Classifies an Initiate policy (INIT-POLICY-LIMIT, INIT-POLICY-SIZE-UNIT, INIT-POLICY-INVALID, INIT-POLICY-RULES). */
export function classifyPolicy(policy: string | undefined): PolicyVerdict {
  return policy === undefined ? { kind: "missing" } : classifyText(policy);
}

/** A policy text's verdict, worked out once while it is in use (a guard reads it on every Initiate and Set). */
const classifyText = recent(64, (policy: string): PolicyVerdict => {
  const bytes = Buffer.byteLength(policy, "utf8");
  if (bytes > POLICY_HARD_LIMIT) return { kind: "tooLarge", bytes };
  const reason = policyShapeProblem(policy);
  if (reason) return { kind: "invalid", reason };
  return bytes > POLICY_SURE_LIMIT ? { kind: "sizeAmbiguous" } : { kind: "valid" };
});

/** True for a policy Initiate or SetVaultAccessPolicy must refuse: missing, over 20 KB, or not usable. */
export function isRejectedPolicy(policy: string | undefined): boolean {
  return ["missing", "tooLarge", "invalid"].includes(classifyPolicy(policy).kind);
}

/** Why a policy document is not a usable IAM resource policy, or undefined when it is. */
export function policyShapeProblem(policy: string): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    return "the policy is not valid JSON";
  }
  if (!isObject(doc)) return "the policy is not a JSON object";
  if (doc.Version !== undefined && doc.Version !== "2012-10-17" && doc.Version !== "2008-10-17")
    return "unknown policy Version";
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  if (doc.Statement === undefined || statements.length === 0) return "the policy has no Statement";
  for (const statement of statements) {
    const problem = statementProblem(statement, doc.Version);
    if (problem) return problem;
  }
  return undefined;
}

function statementProblem(statement: unknown, version: unknown): string | undefined {
  if (!isObject(statement)) return "a Statement is not a JSON object";
  if (statement.Effect !== "Allow" && statement.Effect !== "Deny") return "a Statement has no valid Effect";
  if (statement.Principal === undefined) return "a Statement has no Principal";
  if (statement.Action === undefined && statement.NotAction === undefined) return "a Statement has no Action";
  if (statement.Resource === undefined && statement.NotResource === undefined) return "a Statement has no Resource";
  return statementSubsetProblems(statement, version)[0]?.message;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `arn:aws:glacier:<region>:<account>:vaults/<name>` */
export function vaultArn(region: string, account: string, vaultName: string): string {
  return `arn:aws:glacier:${region}:${account}:vaults/${vaultName}`;
}

/**
 * ISO 8601 UTC with milliseconds (PROTO-DATE-FORMAT); throws RangeError for an invalid time, as Date does. Recent
 * texts are kept: a vault's dates are written again on every answer that shows them.
 */
export const isoDate = recent(256, (epochMs: number): string => new Date(epochMs).toISOString());
