/**
 * A session drives one target while keeping the model's view of it: every operation is sent through the
 * SDK, judged against the oracle's branches, and the matching branch's changes are applied to the
 * suite's world. A mismatch (a wrong answer, or none) throws `StepFailure` carrying the trace so far.
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
import { checkTargetAnswers, noteCensus, type SuiteContext } from "./context.js";
import { formatObserved, invoke, type Observed } from "./invoke.js";
import { judge, type Judgement, type Verdict } from "./judge.js";
import { ARCHIVES_REFUSED, NotSent, NO_LONGER_SUPPORTED, PERMANENT_LOCK_REFUSED, TargetUnusable } from "./rails.js";
import { describeOperation, missingValue } from "./requests.js";
import { ClockControlFailure } from "./target.js";
import type { WireExchange } from "./wire/exchange.js";

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
  /** The raw exchange beneath the SDK. */
  exchange?: WireExchange;
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

/** Requirements of the suite's clock control: a failing control route fails the step that needed it. */
const CLOCK_REQUIREMENTS = ["CLOCK-CONTROL"];

export class Session {
  readonly trace: TraceStep[] = [];
  private readonly issuedLockIds = new Set<string>();
  /** Per vault, the id of the archive this session deleted last (for ARCH-DELETE-IDEMPOTENT). */
  readonly deletedArchives = new Map<string, string>();
  /** Per vault, the requirements of the step that last changed it: a suspect when a later step fails. */
  private readonly lastChange = new Map<string, string[]>();

  constructor(
    readonly context: SuiteContext,
    readonly world: MemoryWorld = new MemoryWorld(),
  ) {}

  get principal(): Principal {
    return this.context.principal;
  }

  get rails() {
    return this.context.rails;
  }

  /**
   * Sends `operation` as `principal` (default: the run's), judges it and applies the accepted branch. `send`
   * replaces the SDK for a request it cannot express (the raw client).
   */
  async perform(
    operation: Operation,
    principal: Principal = this.context.principal,
    send: () => Promise<Observed> = () => invoke(principal.client, operation),
  ): Promise<{ observed: Observed; branch: Branch }> {
    this.refuseUnsendable(operation, principal);
    const called = Date.now();
    const observed = await send();
    const returned = Date.now();
    this.context.stats.requests++;
    if (observed.code === "NoLongerSupportedException") throw new TargetUnusable(NO_LONGER_SUPPORTED);
    checkTargetAnswers(this.context);
    this.trackUploads(operation, observed);
    const branches = this.branchesFor(
      operation,
      principal,
      observed,
      this.context.clock.now() - (returned - called) / 2,
    );
    const judgement = this.judged(operation, observed, branches);
    const shown = judgement.branch ?? branches[0]!;
    const traceStep: TraceStep = {
      request: describeOperation(operation),
      observed: formatObserved(observed),
      accepted: [...new Set(branches.map((b) => formatOutcome(b.outcome)))],
      edges: shown.edges,
      requirements: judgement.verdict === "pass" ? shown.requirements : this.blame(operation, shown, judgement),
      verdict: judgement.verdict,
      ...(judgement.detail ? { detail: judgement.detail } : {}),
      ...(judgement.deviation ? { deviation: judgement.deviation } : {}),
      called,
      returned,
      ...(observed.exchange ? { exchange: observed.exchange } : {}),
    };
    this.trace.push(traceStep);
    if (judgement.deviation) this.context.deviations.push(traceStep);
    if (judgement.verdict !== "pass") throw new StepFailure(judgement.verdict, traceStep, [...this.trace]);
    this.accept(operation, judgement.branch!);
    return { observed, branch: judgement.branch! };
  }

  /** Moves the target's service clock by `ms` as a step of the trace; a broken control route fails the step. */
  async advanceClock(ms: number): Promise<void> {
    const called = Date.now();
    const base = { request: `AdvanceClock(${ms / 3_600_000} h)`, accepted: ["200"], edges: [], called };
    try {
      await this.context.clock.advance(ms);
    } catch (error) {
      if (!(error instanceof ClockControlFailure)) throw error;
      const failed: TraceStep = {
        ...base,
        observed: error.message,
        requirements: CLOCK_REQUIREMENTS,
        verdict: "fail",
        detail: error.message,
        returned: Date.now(),
      };
      this.trace.push(failed);
      throw new StepFailure("fail", failed, [...this.trace]);
    }
    this.trace.push({
      ...base,
      observed: "200",
      requirements: CLOCK_REQUIREMENTS,
      verdict: "pass",
      returned: Date.now(),
    });
  }

  private branchesFor(operation: Operation, principal: Principal, observed: Observed, now: number): Branch[] {
    const freshLockId = observed.headers["x-amz-lock-id"] ?? "";
    const archiveId = observed.headers["x-amz-archive-id"];
    const request = {
      operation,
      signer: principal.accountId,
      now,
      region: this.context.target.region,
      freshLockId,
      ...(archiveId ? { freshArchiveId: archiveId } : {}),
    };
    return step(this.world, request, { clockToleranceMs: this.context.toleranceMs });
  }

  /** The judgement, with two run-wide facts: lock ids are never reissued, and a route once served exists. */
  private judged(operation: Operation, observed: Observed, branches: Branch[]): Judgement {
    const judgement = judge(observed, branches, this.context.toleranceMs);
    const answered = this.context.answered;
    if (judgement.verdict === "notImplemented" && answered.has(operation.name))
      return {
        verdict: "fail",
        detail: `${judgement.detail}, although ${operation.name} was answered AWS-shaped earlier in this run`,
      };
    if (observed.code || (observed.status >= 200 && observed.status < 300 && !observed.sdkError && !observed.transport))
      answered.add(operation.name);
    if (judgement.verdict !== "pass" || operation.name !== "InitiateVaultLock" || observed.status !== 201)
      return judgement;
    const lockId = observed.headers["x-amz-lock-id"];
    if (lockId === undefined) return judgement;
    if (this.issuedLockIds.has(lockId))
      return { verdict: "fail", detail: `lock id ${lockId} was returned before`, blame: ["INIT-LOCK-ID-UNIQUE"] };
    this.issuedLockIds.add(lockId);
    return judgement;
  }

  private accept(operation: Operation, branch: Branch): void {
    this.world.apply(branch.changes);
    for (const change of branch.changes) this.lastChange.set(change.vaultName, branch.requirements);
    this.recordCensus(branch);
    if (operation.name === "ListVaults") return;
    const { vaultName } = operation;
    const deleted = deletedArchiveAfter(operation, branch.changes, this.deletedArchives.get(vaultName));
    if (deleted === undefined) this.deletedArchives.delete(vaultName);
    else this.deletedArchives.set(vaultName, deleted);
  }

  /**
   * The requirements a failure speaks for: those the judgement names (a reused lock id breaks uniqueness);
   * otherwise those of the expected edge, then those of the step that last changed the vault (the fault may
   * have been there, unseen until now).
   */
  private blame(operation: Operation, expected: Branch, judgement: Judgement): string[] {
    if (judgement.blame) return judgement.blame;
    const vault = operation.name === "ListVaults" ? undefined : operation.vaultName;
    const earlier = vault ? (this.lastChange.get(vault) ?? []) : [];
    return [...new Set([...expected.requirements, ...earlier])];
  }

  /** Creates `vaultName` and initiates a lock with the valid example policy; returns the lock id answered. */
  async openLock(vaultName: string): Promise<string> {
    await this.perform({ name: "CreateVault", accountId: "-", vaultName });
    const policy = examplePolicy("valid")!;
    const { observed } = await this.perform({ name: "InitiateVaultLock", accountId: "-", vaultName, policy });
    const lockId = observed.headers["x-amz-lock-id"];
    if (!lockId) throw new NotSent("not exercised: the target's Initiate answered no lock id (x-amz-lock-id)");
    return lockId;
  }

  /** True when the rails forbid this request: a Complete the model says would lock the vault. */
  wouldLock(operation: Operation, principal: Principal = this.context.principal): boolean {
    if (!this.rails.blockPermanentLocks || operation.name !== "CompleteVaultLock") return false;
    const request = {
      operation,
      signer: principal.accountId,
      now: this.context.clock.now(),
      region: this.context.target.region,
      freshLockId: "",
    };
    return step(this.world, request, { clockToleranceMs: this.context.toleranceMs }).some((b) =>
      b.edges.includes("inProgress.COMPLETE.currentId"),
    );
  }

  /** Throws `NotSent` for a request the rails forbid or that lacks a value the target never gave. */
  private refuseUnsendable(operation: Operation, principal: Principal): void {
    if (this.wouldLock(operation, principal)) throw new NotSent(PERMANENT_LOCK_REFUSED);
    if (this.rails.blockArchives && operation.name === "UploadArchive") throw new NotSent(ARCHIVES_REFUSED);
    const missing = missingValue(operation);
    if (missing) throw new NotSent(missing);
  }

  private trackUploads(operation: Operation, observed: Observed): void {
    if (operation.name === "ListVaults") return;
    const uploads = this.context.uploads;
    const ids = uploads.get(operation.vaultName) ?? new Set<string>();
    const archiveId = observed.headers["x-amz-archive-id"];
    if (operation.name === "UploadArchive" && archiveId) uploads.set(operation.vaultName, ids.add(archiveId));
    if (operation.name === "DeleteArchive" && observed.status === 204) ids.delete(operation.archiveId);
  }

  private recordCensus(branch: Branch): void {
    for (const id of branch.requirements)
      if (requirement(id).level === "unspecified")
        noteCensus(this.context, id, `${branch.edges.at(-1)}: ${formatOutcome(branch.outcome)}`);
  }
}
