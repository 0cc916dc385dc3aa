/**
 * The report document: the source of truth every other format is rendered from. Versioned schema
 * (`schemaVersion`), documented in docs/report-schema.md. Built from one or more run reports: several
 * targets, or shards of one run of a target, which are merged under the target's name.
 */
import {
  EDGES,
  GATE_EDGES,
  POLICY_EDGES,
  type EdgeMeta,
  INCONSISTENCIES,
  REQUIREMENTS,
  type Inconsistency,
  type Requirement,
} from "../model/index.js";
import type { ProofSummary } from "../model/check/prove.js";
import type { CheckResult } from "../conformance/results.js";
import type { RunReport } from "../conformance/run.js";
import { countStatuses, resultStatus, stepStatus, worst, type Status } from "./status.js";

export type { Status } from "./status.js";

export const REPORT_SCHEMA_VERSION = 1;

export interface TargetSummary {
  name: string;
  endpoints: string[];
  seeds: number[];
  shards: number;
  checks: number;
  unexpected: number;
  leftovers: string[];
  /** How many requirements, transitions and checks have each status (every status present; they add up). */
  counts: Record<"requirements" | "transitions" | "checks", Record<Status, number>>;
}

export interface RequirementRow extends Requirement {
  status: Record<string, Status>;
  /** Result ids that speak for the requirement, per target. */
  checks: Record<string, string[]>;
  /** Per target where it is not exercised or skipped: why, from the catalogue or from the checks that lead to it. */
  unexercised?: Record<string, string>;
}

export interface TransitionRow {
  id: string;
  source: string;
  target: string;
  event: string;
  requirements: string[];
  status: Record<string, Status>;
}

export interface ReportDocument {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  suiteVersion: string;
  generatedAt: string;
  targets: TargetSummary[];
  requirements: RequirementRow[];
  transitions: TransitionRow[];
  states: { state: string; status: Record<string, Status> }[];
  census: Record<string, Record<string, string[]>>;
  inconsistencies: readonly Inconsistency[];
  /** The run reports it was built from, whole: `report merge` rebuilds from these. */
  runs: RunReport[];
  /** The model's properties proven over its reachable states within bounds, when the run was asked to prove them. */
  proof?: ProofSummary;
}

/** The requirement ids a result speaks for: its own, and those of every passing step of its trace. */
function spokenFor(result: CheckResult): Map<string, Status> {
  const spoken = new Map<string, Status>();
  for (const step of result.trace ?? [])
    if (step.verdict === "pass") for (const id of step.requirements) spoken.set(id, "passed");
  for (const id of result.requirements) spoken.set(id, resultStatus(result));
  return spoken;
}

/** Edge ids a result took, with the status it gives them (passing steps pass; the failing step fails). */
function edgesOf(result: CheckResult): Map<string, Status> {
  const edges = new Map<string, Status>();
  for (const step of result.trace ?? []) {
    const status = stepStatus(step, result);
    for (const edge of step.edges) edges.set(edge, worst([edges.get(edge) ?? "not-exercised", status]));
  }
  const pathEdge = result.id.startsWith("path:") ? result.id.slice(5) : undefined;
  if (pathEdge && result.verdict !== "pass")
    edges.set(pathEdge, worst([edges.get(pathEdge) ?? "not-exercised", resultStatus(result)]));
  return edges;
}

function groupRuns(runs: RunReport[]): Map<string, RunReport[]> {
  const byTarget = new Map<string, RunReport[]>();
  for (const run of runs) byTarget.set(run.target.name, [...(byTarget.get(run.target.name) ?? []), run]);
  return byTarget;
}

/** Per key (requirement or edge id), the worst status the results of each target give it. */
function statusTable(
  results: Record<string, CheckResult[]>,
  collect: (r: CheckResult) => Map<string, Status>,
): (key: string) => Record<string, Status> {
  const table = new Map<string, Record<string, Status>>();
  for (const [name, list] of Object.entries(results))
    for (const result of list)
      for (const [key, status] of collect(result)) {
        const row = table.get(key) ?? {};
        row[name] = worst([row[name] ?? "not-exercised", status]);
        table.set(key, row);
      }
  return (key) => Object.fromEntries(Object.keys(results).map((t) => [t, table.get(key)?.[t] ?? "not-exercised"]));
}

function requirementRows(results: Record<string, CheckResult[]>): RequirementRow[] {
  const status = statusTable(results, spokenFor);
  return REQUIREMENTS.map((r) => {
    const row = {
      ...r,
      status: status(r.id),
      checks: Object.fromEntries(
        Object.entries(results).map(([t, list]) => [
          t,
          list.filter((x) => x.requirements.includes(r.id)).map((x) => x.id),
        ]),
      ),
    };
    const unexercised = Object.entries(row.status).filter(([, s]) => s === "not-exercised" || s === "skipped");
    if (!unexercised.length) return row;
    return {
      ...row,
      unexercised: Object.fromEntries(unexercised.map(([t]) => [t, whyUnexercised(r, results[t] ?? [])])),
    };
  });
}

/**
 * Why a requirement was not exercised on a target: the catalogue's condition when it has one, else the first
 * check that was aimed at it and stopped before it (a skip, or a failing step's requirements replacing its own,
 * e.g. at a route the target lacks).
 */
function whyUnexercised(requirement: Requirement, results: CheckResult[]): string {
  if (requirement.exercisedOnlyWhen) return `exercised only when ${requirement.exercisedOnlyWhen}`;
  const first = results.find(
    (r) => (r.requirements.includes(requirement.id) && r.verdict === "skip") || r.aimed?.includes(requirement.id),
  );
  if (!first) return "no check of this run reached it";
  const reason = first.reason ? `: ${first.reason.split("\n")[0]}` : "";
  return `${first.id} ended ${first.verdict}${reason}`;
}

/** The machine's transitions, then the request gate's and the policy decision's rules (drawn before the machine). */
function transitionRows(results: Record<string, CheckResult[]>): TransitionRow[] {
  const status = statusTable(results, edgesOf);
  const beforeMachine = (layer: string, metas: EdgeMeta[]) =>
    metas.map((m) => ({
      id: m.id,
      source: layer,
      target: layer,
      event: m.id.split(".").slice(1).join("."),
      requirements: m.requirements,
    }));
  return [
    ...EDGES.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      event: e.event,
      requirements: e.meta.requirements,
    })),
    ...beforeMachine("request", Object.values(GATE_EDGES)),
    ...beforeMachine("policy", Object.values(POLICY_EDGES)),
  ].map((t) => ({ ...t, status: status(t.id) }));
}

function stateRows(transitions: TransitionRow[], targets: string[]): ReportDocument["states"] {
  return ["absent", "noLock", "inProgress", "locked"].map((state) => ({
    state,
    status: Object.fromEntries(
      targets.map((t) => [
        t,
        worst(
          transitions
            .filter((e) => e.source === state)
            .map((e) => e.status[t]!)
            .filter((s) => s !== "not-exercised"),
        ),
      ]),
    ),
  }));
}

function targetSummary(
  name: string,
  shards: RunReport[],
  requirements: RequirementRow[],
  transitions: TransitionRow[],
): TargetSummary {
  const results = shards.flatMap((r) => r.results);
  return {
    name,
    endpoints: [...new Set(shards.map((s) => s.target.endpoint ?? "SDK default"))],
    seeds: shards.map((s) => s.seed),
    shards: shards.length,
    checks: results.length,
    unexpected: shards.reduce((n, s) => n + s.unexpected, 0),
    leftovers: shards.flatMap((s) => s.leftovers),
    counts: {
      requirements: countStatuses(requirements.map((r) => r.status[name]!)),
      transitions: countStatuses(transitions.map((t) => t.status[name]!)),
      checks: countStatuses(results.map(resultStatus)),
    },
  };
}

function mergedCensus(shards: RunReport[]): Record<string, string[]> {
  const census: Record<string, string[]> = {};
  for (const shard of shards)
    for (const [id, seen] of Object.entries(shard.census))
      census[id] = [...new Set([...(census[id] ?? []), ...seen])].sort();
  return census;
}

/** Builds the document from run reports (targets side by side; shards of one target merged), with the model's proof if given. */
export function buildDocument(runs: RunReport[], generatedAt = new Date(), proof?: ProofSummary): ReportDocument {
  const byTarget = [...groupRuns(runs)];
  const results = Object.fromEntries(byTarget.map(([name, shards]) => [name, shards.flatMap((r) => r.results)]));
  const requirements = requirementRows(results);
  const transitions = transitionRows(results);
  const targets = byTarget.map(([name, shards]) => targetSummary(name, shards, requirements, transitions));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    suiteVersion: runs[0]?.suiteVersion ?? "unknown",
    generatedAt: generatedAt.toISOString(),
    targets,
    requirements,
    transitions,
    states: stateRows(
      transitions,
      targets.map((t) => t.name),
    ),
    census: Object.fromEntries(byTarget.map(([name, shards]) => [name, mergedCensus(shards)])),
    inconsistencies: INCONSISTENCIES,
    runs,
    ...(proof ? { proof } : {}),
  };
}

/** Every check result of the document, per target. */
export function resultsByTarget(document: ReportDocument): Record<string, CheckResult[]> {
  const results: Record<string, CheckResult[]> = {};
  for (const run of document.runs) results[run.target.name] = [...(results[run.target.name] ?? []), ...run.results];
  return results;
}

/** One document from several (targets side by side, or shards of one target): `report merge`. */
export function mergeDocuments(documents: ReportDocument[], generatedAt = new Date()): ReportDocument {
  for (const d of documents)
    if (d.schemaVersion !== REPORT_SCHEMA_VERSION)
      throw new Error(`report schema ${String(d.schemaVersion)} is not ${REPORT_SCHEMA_VERSION}`);
  return buildDocument(
    documents.flatMap((d) => d.runs),
    generatedAt,
    documents.find((d) => d.proof)?.proof,
  );
}
