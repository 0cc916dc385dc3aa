/**
 * What Initiate and SetVaultAccessPolicy refuse rather than store a policy the emulator could not enforce as
 * written: condition operators outside the subset (POL-SUBSET), Numeric, Date, Bool and Null values that do not
 * parse (POL-SUBSET-VALUES), and policy variables that are malformed or name a key the model's requests never
 * carry (POL-SUBSET-VARIABLES). Pure.
 */
import { isBoolText, parseDate, parseNumber, parseOperator, policyValues, type ParsedOperator } from "./conditions.js";
import { keyKind } from "./keys.js";
import { VARIABLES_VERSION, variablesIn } from "./variables.js";

export interface SubsetProblem {
  requirement: "INIT-POLICY-INVALID" | "POL-SUBSET" | "POL-SUBSET-VALUES" | "POL-SUBSET-VARIABLES";
  message: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function variableProblems(text: string, where: string): SubsetProblem[] {
  return variablesIn(text).flatMap((ref): SubsetProblem[] => {
    if ("malformed" in ref)
      return [{ requirement: "POL-SUBSET-VARIABLES", message: `${where}: ${ref.malformed} is not a policy variable` }];
    if (keyKind(ref.key) === "carried") return [];
    return [
      {
        requirement: "POL-SUBSET-VARIABLES",
        message: `${where}: \${${ref.key}} names a key the emulator's requests never carry`,
      },
    ];
  });
}

const PARSES: Record<string, [(text: string) => boolean, string]> = {
  numeric: [(t) => !Number.isNaN(parseNumber(t)), "a number"],
  date: [(t) => !Number.isNaN(parseDate(t)), "an ISO 8601 date or epoch seconds"],
  bool: [isBoolText, "true or false"],
};

function valueProblem(op: ParsedOperator, operator: string, key: string, value: string, variables: boolean) {
  const where = `${operator} ${key}`;
  if (op.family === "string" || (op.family === "bool" && variables && value.includes("${")))
    return variables ? variableProblems(value, where) : [];
  const [parses, expected] = PARSES[op.family ?? "bool"]!;
  if (parses(value)) return [];
  const problem: SubsetProblem = {
    requirement: "POL-SUBSET-VALUES",
    message: `${where}: ${JSON.stringify(value)} is not ${expected}${value.includes("${") ? " (policy variables are not allowed here)" : ""}`,
  };
  return [problem];
}

function conditionProblems(condition: unknown, variables: boolean): SubsetProblem[] {
  if (condition === undefined) return [];
  if (!isObject(condition))
    return [{ requirement: "INIT-POLICY-INVALID", message: "a Condition is not a JSON object" }];
  return Object.entries(condition).flatMap(([operator, keys]): SubsetProblem[] => {
    if (!isObject(keys))
      return [{ requirement: "INIT-POLICY-INVALID", message: `${operator} does not map keys to values` }];
    const op = parseOperator(operator);
    if (op.name !== "null" && !op.positive)
      return [{ requirement: "POL-SUBSET", message: `condition operator ${operator} is not supported` }];
    return Object.entries(keys).flatMap(([key, values]) =>
      policyValues(values).flatMap((value) => valueProblem(op, operator, key, value, variables)),
    );
  });
}

/** Every construct of one statement the evaluator refuses, under the policy's `Version`. */
export function statementSubsetProblems(statement: Record<string, unknown>, version: unknown): SubsetProblem[] {
  const variables = version === VARIABLES_VERSION;
  const resources = [statement.Resource, statement.NotResource].flatMap((r) =>
    r === undefined ? [] : policyValues(r),
  );
  return [
    ...(variables ? resources.flatMap((r) => variableProblems(r, "Resource")) : []),
    ...conditionProblems(statement.Condition, variables),
  ];
}

/** Every refused construct of a policy document, with the statement (0-based) it is in; [] if it is not JSON. */
export function policySubsetProblems(policy: string): (SubsetProblem & { statement: number })[] {
  let document: unknown;
  try {
    document = JSON.parse(policy);
  } catch {
    return [];
  }
  if (!isObject(document)) return [];
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  return statements.flatMap((statement, index) =>
    isObject(statement)
      ? statementSubsetProblems(statement, document.Version).map((p) => ({ ...p, statement: index }))
      : [],
  );
}
