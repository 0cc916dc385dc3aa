/**
 * A session drives one target while keeping the model's view of it: every operation is sent through the
 * SDK, judged against the oracle's branches, and the matching branch's changes are applied to the
 * suite's world. A mismatch throws `StepFailure` carrying the trace so far.
 */
import type { GlacierClient } from "@aws-sdk/client-glacier";
import {
  examplePolicy,
  formatOutcome,
  MemoryWorld,
  requirement,
  step,
  type Branch,
  type Operation,
} from "../model/index.js";
import { deletedArchiveAfter } from "./concretize.js";
import { formatObserved, invoke, type Observed } from "./invoke.js";
import { judge, type Verdict } from "./judge.js";
import {
  ARCHIVES_REFUSED,
  Guarded,
  NO_LONGER_SUPPORTED,
  PERMANENT_LOCK_REFUSED,
  TargetUnusable,
  type Rails,
} from "./rails.js";
import type { TargetClock } from "./target.js";

export interface TraceStep {
  request: string;
  observed: string;
  accepted: string[];
  edges: string[];
  requirements: string[];
  verdict: Verdict;
  detail?: string;
  /** A wrong header, field or value on an accepted outcome; reported as a `field:` result. */
  deviation?: string;
  /** Wall-clock ms of call and return. */
  called: number;
  returned: number;
}

/** A step whose answer the model does not accept (or a route the target lacks). */
export class StepFailure extends Error {
  constructor(
    readonly verdict: Exclude<Verdict, "pass">,
    readonly failed: TraceStep,
    readonly trace: TraceStep[],
  ) {
    super(`${failed.request}: ${failed.detail ?? failed.observed}`);
  }
}

export interface Principal {
  client: GlacierClient;
  accountId: string;
}

/** Archive ids per vault name. */
export type Uploads = Map<string, Set<string>>;

/** What the suite learns about unspecified behaviour: requirement id → outcomes the target chose. */
export type Census = Map<string, Set<string>>;

/** `InitiateVaultLock(v, policy 120 B)`: a request in one short line. */
export function describeOperation(operation: Operation): string {
  const parts: string[] = [];
  if (operation.accountId !== "-") parts.push(`account ${operation.accountId}`);
  if (operation.name !== "ListVaults")
    parts.push(
      operation.vaultName.length > 40
        ? `${operation.vaultName.slice(0, 12)}…(${operation.vaultName.length})`
        : operation.vaultName,
    );
  if (operation.name === "InitiateVaultLock" || operation.name === "SetVaultAccessPolicy")
    parts.push(operation.policy === undefined ? "no policy" : `policy ${Buffer.byteLength(operation.policy)} B`);
  if (operation.name === "CompleteVaultLock") parts.push(`lock ${operation.lockId}`);
  if (operation.name === "UploadArchive")
    parts.push(`${operation.body.length} B`, `tree hash ${operation.treeHash.slice(0, 8)}…`);
  if (operation.name === "DeleteArchive") parts.push(`archive ${operation.archiveId.slice(0, 12)}…`);
  if (operation.name === "AddTagsToVault") parts.push(`${Object.keys(operation.tags).length} tags`);
  if (operation.name === "ListVaults")
    parts.push(`limit ${operation.limit ?? "-"}`, `marker ${operation.marker ?? "-"}`);
  return `${operation.name}(${parts.join(", ")})`;
}

export class Session {
  readonly trace: TraceStep[] = [];
  private readonly issuedLockIds = new Set<string>();
  /** Per vault, the id of the archive this session deleted last (for ARCH-DELETE-IDEMPOTENT). */
  readonly deletedArchives = new Map<string, string>();
  /** Per vault, the requirements of the step that last changed it: a suspect when a later step fails. */
  private readonly lastChange = new Map<string, string[]>();

  constructor(
    readonly principal: Principal,
    readonly region: string,
    readonly clock: TargetClock,
    readonly toleranceMs: number,
    readonly census: Census = new Map(),
    readonly world: MemoryWorld = new MemoryWorld(),
    /** Steps with a deviation, shared by every session of a run. */
    readonly deviations: TraceStep[] = [],
    /** Requests sent, counted across every session of a run. */
    readonly stats: { requests: number } = { requests: 0 },
    readonly rails: Rails = { blockPermanentLocks: false },
    /** Archives the target acknowledged, per vault, whatever the verdict: cleanup deletes them. */
    readonly uploads: Uploads = new Map(),
  ) {}

  /** Sends `operation` as `principal` (default: the session's), judges it and applies the accepted branch. */
  async perform(
    operation: Operation,
    principal: Principal = this.principal,
  ): Promise<{ observed: Observed; branch: Branch }> {
    if (this.wouldLock(operation, principal)) throw new Guarded(PERMANENT_LOCK_REFUSED);
    if (this.rails.blockArchives && operation.name === "UploadArchive") throw new Guarded(ARCHIVES_REFUSED);
    const called = Date.now();
    const observed = await invoke(principal.client, operation);
    if (observed.code === "NoLongerSupportedException") throw new TargetUnusable(NO_LONGER_SUPPORTED);
    const returned = Date.now();
    this.stats.requests++;
    this.trackUploads(operation, observed);
    const now = this.clock.now() - (returned - called) / 2;
    const freshLockId = observed.headers["x-amz-lock-id"] ?? "";
    const archiveId = observed.headers["x-amz-archive-id"];
    const branches = step(
      this.world,
      {
        operation,
        signer: principal.accountId,
        now,
        region: this.region,
        freshLockId,
        ...(archiveId ? { freshArchiveId: archiveId } : {}),
      },
      { clockToleranceMs: this.toleranceMs },
    );
    let judgement = judge(observed, branches, this.toleranceMs);
    if (judgement.verdict === "pass" && operation.name === "InitiateVaultLock" && observed.status === 201)
      judgement = this.checkFreshLockId(freshLockId, judgement);
    const shown = judgement.branch ?? branches[0]!;
    const traceStep: TraceStep = {
      request: describeOperation(operation),
      observed: formatObserved(observed),
      accepted: [...new Set(branches.map((b) => formatOutcome(b.outcome)))],
      edges: shown.edges,
      requirements: judgement.verdict === "pass" ? shown.requirements : this.blame(operation, shown, judgement.detail),
      verdict: judgement.verdict,
      ...(judgement.detail ? { detail: judgement.detail } : {}),
      ...(judgement.deviation ? { deviation: judgement.deviation } : {}),
      called,
      returned,
    };
    this.trace.push(traceStep);
    if (judgement.deviation) this.deviations.push(traceStep);
    if (judgement.verdict !== "pass") throw new StepFailure(judgement.verdict, traceStep, [...this.trace]);
    this.world.apply(judgement.branch!.changes);
    for (const change of judgement.branch!.changes)
      this.lastChange.set(change.vaultName, judgement.branch!.requirements);
    this.recordCensus(judgement.branch!);
    if (operation.name !== "ListVaults") {
      const { vaultName } = operation;
      const deleted = deletedArchiveAfter(operation, judgement.branch!.changes, this.deletedArchives.get(vaultName));
      if (deleted === undefined) this.deletedArchives.delete(vaultName);
      else this.deletedArchives.set(vaultName, deleted);
    }
    return { observed, branch: judgement.branch! };
  }

  /**
   * The requirements a failure speaks for: a reused id breaks uniqueness; otherwise those of the expected
   * edge, then those of the step that last changed the vault (the fault may have been there, unseen until now).
   */
  private blame(operation: Operation, expected: Branch, detail: string | undefined): string[] {
    if (detail?.includes("INIT-LOCK-ID-UNIQUE")) return ["INIT-LOCK-ID-UNIQUE"];
    const vault = operation.name === "ListVaults" ? undefined : operation.vaultName;
    const earlier = vault ? (this.lastChange.get(vault) ?? []) : [];
    return [...new Set([...expected.requirements, ...earlier])];
  }

  /** Creates `vaultName` and initiates a lock with the valid example policy; returns the lock id answered. */
  async openLock(vaultName: string): Promise<string> {
    await this.perform({ name: "CreateVault", accountId: "-", vaultName });
    const policy = examplePolicy("valid")!;
    const { observed } = await this.perform({ name: "InitiateVaultLock", accountId: "-", vaultName, policy });
    return observed.headers["x-amz-lock-id"]!;
  }

  /** True when the rails forbid this request: a Complete the model says would lock the vault. */
  wouldLock(operation: Operation, principal: Principal = this.principal): boolean {
    if (!this.rails.blockPermanentLocks || operation.name !== "CompleteVaultLock") return false;
    const request = {
      operation,
      signer: principal.accountId,
      now: this.clock.now(),
      region: this.region,
      freshLockId: "",
    };
    return step(this.world, request, { clockToleranceMs: this.toleranceMs }).some((b) =>
      b.edges.includes("inProgress.COMPLETE.currentId"),
    );
  }

  private trackUploads(operation: Operation, observed: Observed): void {
    if (operation.name === "ListVaults") return;
    const ids = this.uploads.get(operation.vaultName) ?? new Set<string>();
    const archiveId = observed.headers["x-amz-archive-id"];
    if (operation.name === "UploadArchive" && archiveId) this.uploads.set(operation.vaultName, ids.add(archiveId));
    if (operation.name === "DeleteArchive" && observed.status === 204) ids.delete(operation.archiveId);
  }

  private checkFreshLockId(lockId: string, judgement: ReturnType<typeof judge>): ReturnType<typeof judge> {
    if (this.issuedLockIds.has(lockId))
      return { verdict: "fail", detail: `lock id ${lockId} was returned before (INIT-LOCK-ID-UNIQUE)` };
    this.issuedLockIds.add(lockId);
    return judgement;
  }

  private recordCensus(branch: Branch): void {
    for (const id of branch.requirements) {
      if (requirement(id).level !== "unspecified") continue;
      const seen = this.census.get(id) ?? new Set<string>();
      seen.add(`${branch.edges.at(-1)}: ${formatOutcome(branch.outcome)}`);
      this.census.set(id, seen);
    }
  }
}
