/**
 * The oracle: given the world, a request and the time, the outcomes an endpoint may give and the
 * world after each. Pure. The emulator serves the first branch; the suite accepts any branch.
 * All rules come from the gate, the policy decision (`authorize.ts`) and the machine (via `advance`);
 * none are restated here.
 */
import { advance, type Snapshot } from "./advance.js";
import { authorize } from "./authorize.js";
import { INVENTORY_INTERVAL_MS, writtenSinceInventory } from "./inventory.js";
import { checkGate, GATE_EDGES, LIST_PAGE_MAX, listLimit, markerStart } from "./gate.js";
import { EMPTY_VAULT, type EdgeMeta, type VaultEvent } from "./machine.js";
import { eventOf, type Request, type VaultOperation } from "./operations.js";
import { errorResponse, type OutcomeSpec, type Response, type ResponseParts } from "./outcome.js";
import { describeBody } from "./answers.js";
import { render, type RenderInput } from "./render.js";
import { vaultArn } from "./rules.js";
import { sameRecord, type Change, type VaultRecord, type WorldView } from "./world.js";

/** One acceptable outcome of a request and what it does to the world. */
export interface Branch {
  /** Edge ids taken, in order (an expiry first, when the request found the lock expired). */
  edges: string[];
  requirements: string[];
  outcome: OutcomeSpec;
  response: Response;
  requires?: ResponseParts;
  changes: Change[];
}

export interface OracleOptions {
  /** Outcomes within this distance of a lock's expiry accept both sides (INIT-EXPIRY-BOUNDARY). Default 0. */
  clockToleranceMs?: number;
}

/** All acceptable outcomes of `request` against `world`; the first is the reference emulator's. */
export function step(world: WorldView, request: Request, options: OracleOptions = {}): Branch[] {
  const { operation, signer } = request;
  const gate = checkGate(operation, signer, request.region);
  if (!gate.pass) return refusals(gate.meta, gate.subject);
  if (operation.name === "ListVaults") return listVaults(world, request, gate.account);
  return vaultStep(world, request, operation, gate.account, options.clockToleranceMs ?? 0);
}

function refusals(meta: EdgeMeta, subject: string): Branch[] {
  return [meta.expect, ...(meta.alternatives ?? [])].map((outcome) => ({
    edges: [meta.id],
    requirements: meta.requirements,
    outcome,
    response: errorResponse(outcome.code!, `${outcome === meta.expect ? meta.reason : "Request refused"}: ${subject}`),
    changes: [],
  }));
}

/** The machine state of a stored vault; a record written before a context field existed gets its default. */
const CONTEXT_FIELDS = Object.keys(EMPTY_VAULT);

function snapshotOf(record: VaultRecord | undefined): Snapshot {
  if (!record) return { value: "absent", context: EMPTY_VAULT };
  const { context } = record;
  const complete = CONTEXT_FIELDS.every((field) => field in context);
  return { value: record.state, context: complete ? context : { ...EMPTY_VAULT, ...context } };
}

function recordOf(snapshot: Snapshot): VaultRecord | undefined {
  if (snapshot.value === "absent") return undefined;
  return { state: snapshot.value, context: snapshot.context };
}

/** The vault's possible states at `now`: expired or not, both near the boundary (INIT-EXPIRY-BOUNDARY). */
function timeVariants(start: Snapshot, now: number, tolerance: number): { snapshot: Snapshot; edges: EdgeMeta[] }[] {
  const expiresAt = start.context.lock?.expiresAt;
  if (start.value !== "inProgress" || expiresAt === undefined) return [{ snapshot: start, edges: [] }];
  if (tolerance > 0 && Math.abs(now - expiresAt) <= tolerance) {
    const expired = advance(start, { type: "TICK", now: Math.max(now, expiresAt) });
    const early = { snapshot: start, edges: [] };
    const late = { snapshot: expired.next, edges: [expired.edge!] };
    return now < expiresAt ? [early, late] : [late, early];
  }
  const ticked = advance(start, { type: "TICK", now });
  return [{ snapshot: ticked.next, edges: ticked.edge ? [ticked.edge] : [] }];
}

/** What every branch of one vault step shares: the request, the vault before it and its ARN. */
interface VaultStepInput {
  request: Request;
  operation: VaultOperation;
  account: string;
  before: VaultRecord | undefined;
  vaultArn: string;
}

function vaultStep(
  world: WorldView,
  request: Request,
  operation: VaultOperation,
  account: string,
  tolerance: number,
): Branch[] {
  const before = world.vault(account, operation.vaultName);
  const input: VaultStepInput = {
    request,
    operation,
    account,
    before,
    vaultArn: vaultArn(request.region, account, operation.vaultName),
  };
  const branches: Branch[] = [];
  for (const { snapshot, edges } of timeVariants(snapshotOf(before), request.now, tolerance)) {
    const refusal = authorize(snapshot.value, snapshot.context, operation, {
      signer: request.signer,
      now: request.now,
      vaultArn: input.vaultArn,
    });
    if (refusal) {
      const meta = { ...refusal.meta, reason: `${refusal.meta.reason} ${refusal.detail}` };
      const { edges: ids, requirements } = trail([...edges, refusal.meta]);
      for (const { outcome, response } of refusals(meta, input.vaultArn))
        branches.push({ edges: ids, requirements, outcome, response, changes: changesTo(input, recordOf(snapshot)) });
      continue;
    }
    const event = eventOf(operation, { request, world, account });
    transitionBranches(branches, input, snapshot, edges, event, true);
    for (const sooner of soonerInventory(snapshot, event))
      transitionBranches(branches, input, snapshot, edges, sooner, false);
  }
  return branches;
}

/** The changes that turn the vault before the step into `record`: none when it holds the same data. */
function changesTo({ account, operation, before }: VaultStepInput, record: VaultRecord | undefined): Change[] {
  return sameRecord(record, before) ? [] : [{ account, vaultName: operation.vaultName, record }];
}

/**
 * Appends the branches of `event` taken from `snapshot` (after the time edges `edges`): the edge's expected
 * outcome, which moves the vault, then, for the request's own event (`withAlternatives`), each alternative,
 * which leaves it as it was.
 */
function transitionBranches(
  branches: Branch[],
  input: VaultStepInput,
  snapshot: Snapshot,
  edges: EdgeMeta[],
  event: VaultEvent,
  withAlternatives: boolean,
): void {
  const { next, edge } = advance(snapshot, event);
  if (!edge) throw new Error(`no transition for ${input.operation.name} in ${String(snapshot.value)}`);
  const { edges: ids, requirements } = trail(edges.length ? [...edges, edge] : [edge]);
  const outcomes = withAlternatives && edge.alternatives ? [edge.expect, ...edge.alternatives] : [edge.expect];
  const { request, operation, account } = input;
  for (let i = 0; i < outcomes.length; i++) {
    const outcome = outcomes[i]!;
    const after = recordOf(i === 0 ? next : snapshot);
    const record = after ?? recordOf(snapshot);
    const shown: RenderInput = {
      meta: edge,
      outcome,
      operation,
      region: request.region,
      account,
      record,
      now: request.now,
    };
    if (request.freshArchiveId) shown.archiveId = request.freshArchiveId;
    const response = render(shown);
    const changes = changesTo(input, after);
    branches.push(
      edge.requires && !outcome.code
        ? { edges: ids, requirements, outcome, response, requires: edge.requires, changes }
        : { edges: ids, requirements, outcome, response, changes },
    );
  }
}

/**
 * DeleteVault on a vault the model still calls recently written: a target whose inventory ran sooner than the
 * model's schedule may already delete it (DV-INVENTORY-TIMING), as the model would a day later.
 */
function soonerInventory(snapshot: Snapshot, event: VaultEvent): VaultEvent[] {
  if (event.type !== "DELETE_VAULT" || !writtenSinceInventory(snapshot.context, event.now)) return [];
  if (snapshot.context.archives.size > 0) return [];
  return [{ ...event, now: event.now + INVENTORY_INTERVAL_MS }];
}

const SINGLE_TRAILS = new WeakMap<EdgeMeta, Pick<Branch, "edges" | "requirements">>();

/** The edge ids a branch took, in order, and the requirements they implement (one edge's, computed once). */
function trail(taken: EdgeMeta[]): Pick<Branch, "edges" | "requirements"> {
  const single = taken.length === 1 ? SINGLE_TRAILS.get(taken[0]!) : undefined;
  if (single) return single;
  const found = { edges: taken.map((e) => e.id), requirements: [...new Set(taken.flatMap((e) => e.requirements))] };
  if (taken.length === 1) SINGLE_TRAILS.set(taken[0]!, found);
  return found;
}

function listVaults(world: WorldView, request: Request, account: string): Branch[] {
  if (request.operation.name !== "ListVaults") return [];
  const limit = listLimit(request.operation.limit);
  const start = markerStart(request.operation.marker);
  if (limit === undefined) return refusals(GATE_EDGES.listLimitInvalid, String(request.operation.limit));
  if (start === undefined) return refusals(GATE_EDGES.listMarkerInvalid, String(request.operation.marker));
  const names = world.vaultNames(account);
  const first = names.findIndex((name) => name >= start);
  const from = first === -1 ? names.length : first;
  const page = names.slice(from, from + limit);
  const next = names[from + limit];
  const meta = listMeta(request.operation.limit, request.operation.marker);
  const body = {
    VaultList: page.map((name) => describeBody(request.region, account, name, world.vault(account, name), request.now)),
    Marker: next === undefined ? null : vaultArn(request.region, account, next),
  };
  const response = { status: 200, headers: {}, body };
  const listed = { edges: [meta.id], requirements: meta.requirements, changes: [] };
  const refused = (meta.alternatives ?? []).map((outcome) => ({
    ...listed,
    outcome,
    response: errorResponse(outcome.code!, `${meta.reason}: ${String(request.operation.name)}`),
  }));
  return [{ ...listed, outcome: meta.expect, response, requires: meta.requires }, ...refused];
}

/** Which ListVaults edge a request takes: empty parameters, a limit over a page, or a plain listing. */
function listMeta(limit: string | undefined, marker: string | undefined): EdgeMeta {
  if (limit === "" || marker === "") return GATE_EDGES.listEmptyParameters;
  if (limit !== undefined && Number(limit) > LIST_PAGE_MAX) return GATE_EDGES.listLargeLimit;
  return GATE_EDGES.listVaults;
}
