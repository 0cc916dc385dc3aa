/**
 * Hazards of a lock policy (issue 20), each explained with the statement it comes from: a vault that can never be
 * deleted once Locked, a policy that denies nothing for this vault (or nothing to its owner), condition keys no
 * request carries, retention boundaries (LessThan vs LessThanEquals), Allow statements, protection a tag change
 * lifts, and policy variables. Read off the decision table and the policy text. Pure.
 */
import { GOVERNED_OPERATIONS } from "../authorize.js";
import type { OperationName } from "../operations.js";
import { operatorHolds, parseNumber } from "./conditions.js";
import { conditionEntries, type ConditionEntry } from "./dimensions.js";
import {
  actionMatches,
  list,
  parsePolicy,
  principalMatches,
  resourceMatches,
  type ParsedPolicy,
  type Statement,
} from "./evaluate.js";
import { closestKey, keyKind, REQUEST_KEYS } from "./keys.js";
import { ageLabel, principalLabel } from "./labels.js";
import { liftHazards } from "./lifts.js";
import { statementName, type DecisionTable } from "./table.js";
import { VARIABLES_VERSION, variablesIn } from "./variables.js";

export type HazardKind =
  | "never-deletable"
  | "denies-nothing"
  | "owner-unrestricted"
  | "unknown-key"
  | "key-not-modelled"
  | "retention-boundary"
  | "allow-statement"
  | "tag-lifts-protection"
  | "policy-variables";

export interface Hazard {
  kind: HazardKind;
  /** The statements it comes from (0-based). */
  statements: number[];
  message: string;
}

const unique = (numbers: number[]) => [...new Set(numbers)];
const isDeny = (statement: Statement | undefined) => statement?.Effect === "Deny";
const names = (policy: ParsedPolicy, indexes: number[]) => indexes.map((i) => statementName(policy, i)).join(", ");

/** Every hazard of `policy` (a JSON string Initiate accepts), read with its decision table. */
export function hazardsOf(policy: string, table: DecisionTable): Hazard[] {
  const parsed = parsePolicy(policy);
  return [
    ...neverDeletable(parsed, table),
    ...deniesNothing(parsed, table),
    ...keyHazards(parsed),
    ...retentionBoundaries(parsed),
    ...allowStatements(parsed),
    ...liftHazards(parsed, table),
    ...variableHazards(parsed),
  ];
}

function deniedEverywhere(table: DecisionTable, operation: OperationName, age?: number) {
  const last = table.times.length - 1;
  const cells = table.cells.filter(
    (c) => c.operation === operation && c.principal === 0 && c.time === last && c.age === age,
  );
  const denied = cells.length > 0 && cells.every((c) => c.decisions[0]!.effect === "Deny");
  return denied ? unique(cells.map((c) => (c.decisions[0] as { statement: number }).statement)) : undefined;
}

function neverDeletable(policy: ParsedPolicy, table: DecisionTable): Hazard[] {
  const hazards: Hazard[] = [];
  const later = table.times.length > 1 ? " from the policy's last date on" : "";
  const byVault = deniedEverywhere(table, "DeleteVault");
  if (byVault)
    hazards.push({
      kind: "never-deletable",
      statements: byVault,
      message: `once Locked, this vault can never be deleted: ${names(policy, byVault)} denies its owner glacier:DeleteVault in every tag state${later}.`,
    });
  const oldest = table.ages.length - 2;
  const byArchive = deniedEverywhere(table, "DeleteArchive", oldest);
  if (byArchive)
    hazards.push({
      kind: "never-deletable",
      statements: byArchive,
      message: `once Locked, an archive in this vault can never be deleted (${names(policy, byArchive)} denies its owner glacier:DeleteArchive at age ${ageLabel(table.ages[oldest]!)} in every tag state${later}), so once it holds one the vault can never be emptied or deleted.`,
    });
  return hazards;
}

/** Why a Deny statement refuses nothing to the vault's owner: Resource, Principal, Action. */
function whyNot(statement: Statement, table: DecisionTable): string[] {
  const { arn, account } = table.vault;
  const reasons: string[] = [];
  if (statement.Resource !== undefined && !resourceMatches(list(statement.Resource), arn))
    reasons.push(`its Resource names ${list(statement.Resource).join(", ")}, not ${arn}`);
  if (statement.NotResource !== undefined && resourceMatches(list(statement.NotResource), arn))
    reasons.push(`its NotResource leaves out ${arn}`);
  if (!principalMatches(statement.Principal, { account })) {
    const named = typeof statement.Principal === "object" ? list((statement.Principal as { AWS?: unknown })?.AWS) : [];
    reasons.push(
      `its Principal names ${named.join(", ") || JSON.stringify(statement.Principal)}, not this vault's owner ${account}`,
    );
  }
  const governed = (patterns: string[]) => GOVERNED_OPERATIONS.some((op) => actionMatches(patterns, `glacier:${op}`));
  if (statement.Action !== undefined && !governed(list(statement.Action)))
    reasons.push(
      `its Action names ${list(statement.Action).join(", ")}, none of the operations a lock policy governs (the lock's own are not governed: POL-SELF-LOCK)`,
    );
  return reasons.length ? reasons : ["its Condition holds in no state of the table"];
}

function deniesNothing(policy: ParsedPolicy, table: DecisionTable): Hazard[] {
  const denies = policy.statements.flatMap((s, i) => (isDeny(s) ? [i] : []));
  const denied = table.cells.filter((c) => c.decisions[0]!.effect === "Deny");
  if (denies.length === 0)
    return [
      {
        kind: "denies-nothing",
        statements: [],
        message: "the policy has no Deny statement: a lock policy protects only by Deny.",
      },
    ];
  const explain = (i: number) => `${statementName(policy, i)}: ${whyNot(policy.statements[i]!, table).join("; ")}`;
  if (denied.length === 0)
    return [
      {
        kind: "denies-nothing",
        statements: denies,
        message: `the policy denies nothing for this vault. ${denies.map(explain).join(". ")}.`,
      },
    ];
  if (denied.some((c) => c.principal === 0)) return [];
  const deciding = unique(denied.map((c) => (c.decisions[0] as { statement: number }).statement));
  const whom = unique(denied.map((c) => c.principal)).map((p) => principalLabel(table.principals[p]!));
  return [
    {
      kind: "owner-unrestricted",
      statements: deciding,
      message: `the policy denies nothing to the vault's owner ${table.vault.account}, only to ${whom.join(", ")}. ${deciding.map(explain).join(". ")}.`,
    },
  ];
}

const everyEntry = (policy: ParsedPolicy) =>
  policy.statements.flatMap((s, i) => (s ? conditionEntries(s).map((entry) => ({ entry, statement: i })) : []));

function keyHazards(policy: ParsedPolicy): Hazard[] {
  const seen = new Set<string>();
  return everyEntry(policy).flatMap(({ entry, statement }): Hazard[] => {
    const kind = keyKind(entry.key);
    const id = `${statement}:${entry.key.toLowerCase()}`;
    if (kind === "carried" || seen.has(id)) return [];
    seen.add(id);
    const name = statementName(policy, statement);
    if (kind === "not-modelled")
      return [
        {
          kind: "key-not-modelled",
          statements: [statement],
          message: `${name} tests ${entry.key}, which AWS may send but the model never does: the table reads it as absent, so AWS may decide otherwise.`,
        },
      ];
    const hint = closestKey(entry.key);
    const holds = operatorHolds(entry.operator, { [entry.key]: entry.values }, new Map());
    return [
      {
        kind: "unknown-key",
        statements: [statement],
        message: `${name} tests ${entry.key}, a key no Glacier request carries${hint ? ` (did you mean ${hint}?)` : ""}: ${entry.operator} on it ${holds ? "always holds" : "never holds"}.`,
      },
    ];
  });
}

function boundary(entry: ConditionEntry, value: string): string | undefined {
  const n = parseNumber(value);
  const free = Math.floor(n) + 1;
  switch (entry.op.positive) {
    case "numericlessthan":
      return `denies deleting an archive until it is ${Math.ceil(n)} days old; NumericLessThanEquals ${value} would hold it through day ${Math.floor(n)}`;
    case "numericlessthanequals":
      return `denies deleting an archive through day ${Math.floor(n)}: it may go on day ${free}; NumericLessThan ${value} would free it on day ${Math.ceil(n)}`;
    case "numericgreaterthan":
      return `denies deleting archives older than ${value} days, from day ${free} on: it protects old archives, not young ones`;
    case "numericgreaterthanequals":
      return `denies deleting archives from day ${Math.ceil(n)} on: it protects old archives, not young ones`;
    default:
      return undefined;
  }
}

function retentionBoundaries(policy: ParsedPolicy): Hazard[] {
  const age = REQUEST_KEYS.archiveAge.toLowerCase();
  return everyEntry(policy).flatMap(({ entry, statement }) =>
    isDeny(policy.statements[statement]) && entry.key.toLowerCase() === age && !entry.op.negated
      ? entry.values.flatMap((value): Hazard[] => {
          const text = boundary(entry, value);
          const whole = "(the key counts whole days since the upload: 23 hours is day 0)";
          const message = `${statementName(policy, statement)}: ${entry.operator} ${value} ${text} ${whole}.`;
          return text ? [{ kind: "retention-boundary", statements: [statement], message }] : [];
        })
      : [],
  );
}

function allowStatements(policy: ParsedPolicy): Hazard[] {
  return policy.statements.flatMap((s, i): Hazard[] =>
    s?.Effect === "Allow"
      ? [
          {
            kind: "allow-statement",
            statements: [i],
            message: `${statementName(policy, i)} is an Allow: a lock policy protects only by Deny, so it restricts nothing, and nothing it leaves out is denied because of it (POL-ALLOW-AND-DENY).`,
          },
        ]
      : [],
  );
}

function variableHazards(policy: ParsedPolicy): Hazard[] {
  return policy.statements.flatMap((s, i): Hazard[] => {
    if (!s) return [];
    const texts = [...list(s.Resource), ...list(s.NotResource), ...conditionEntries(s).flatMap((e) => e.values)];
    const refs = [
      ...new Set(texts.flatMap((t) => variablesIn(t)).map((r) => ("key" in r ? `\${${r.key}}` : r.malformed))),
    ];
    if (refs.length === 0) return [];
    const message =
      policy.version === VARIABLES_VERSION
        ? `${statementName(policy, i)} uses ${refs.join(", ")}: each is replaced by the request's value (POL-VARIABLES); where a request has no such value the text matches nothing (POL-VARIABLES-NO-VALUE), e.g. an unsigned request has no aws:PrincipalAccount.`
        : `${statementName(policy, i)} contains ${refs.join(", ")}, but the policy's Version is not 2012-10-17, so they are matched as plain text (POL-VARIABLES).`;
    return [{ kind: "policy-variables", statements: [i], message }];
  });
}
