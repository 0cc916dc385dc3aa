/** What every generator needs: the target, its principals, its clock, where to put vaults, and the wire's record. */
import { randomBytes } from "node:crypto";
import type { MemoryWorld, OperationName } from "../model/index.js";
import type { Census, Principal, TraceStep, Uploads } from "./session.js";
import { Session } from "./session.js";
import { railsFor, TargetUnusable, type Rails } from "./rails.js";
import { EVERY_CHECK, type CheckResult, type CheckScope, type Selected } from "./results.js";
import { clientFor, TargetClock, type Target } from "./target.js";
import type { Captured } from "./wire/exchange.js";
import type { WireOptions } from "./wire/handler.js";
import { WireLedger } from "./wire/ledger.js";

/** Requests in a row without an answer after which the target counts as gone. */
export const GONE_AFTER = 5;

export interface SuiteContext {
  target: Target;
  principal: Principal;
  second?: Principal;
  clock: TargetClock;
  /** Every vault the suite makes starts with this. */
  prefix: string;
  toleranceMs: number;
  census: Census;
  /** Steps of any session that passed on outcome but had a wrong header, field or value. */
  deviations: TraceStep[];
  /** Requests sent to the target during the run. */
  stats: { requests: number };
  rails: Rails;
  /** Archives uploaded during the run, per vault: cleanup deletes them before their vaults. */
  uploads: Uploads;
  /** Every vault name of the run a CreateVault was sent for, whatever the answer: cleanup deletes these. */
  created: Set<string>;
  /** Every answer judged at the wire. */
  wire: WireLedger;
  /** The options every client of the run is built with (deadline, interruption, recording). */
  wireOptions: WireOptions;
  /** Operations the target has answered AWS-shaped at least once: a later bare 404 for one is no missing route. */
  answered: Set<OperationName>;
  /**
   * While `cleaningUp`, the run's interruption does not stop requests (clean-up must still run); once
   * `checksEnded` (a result met `ContextOptions.stopAfter`), no further check runs.
   */
  phase: { cleaningUp: boolean; checksEnded: boolean };
  progress: (line: string) => void;
  /** True for a check of this scope the run is to run: one `ContextOptions.select` keeps, before the checks ended. */
  keeps: (scope: CheckScope) => boolean;
  /** Announces a check's result: its progress line (by default its verdict and id), and whether it ends the checks. */
  checked: (result: CheckResult, line?: string) => void;
}

export interface ContextOptions {
  progress?: (line: string) => void;
  rails?: Rails;
  /** Deadline of one whole answer, ms (`--request-timeout`). */
  requestTimeoutMs?: number;
  /** True once the run should stop (Ctrl-C): no new request is sent, except by clean-up. */
  interrupted?: () => boolean;
  /** Which checks to run, judged by their scope before they run (default all). */
  select?: Selected;
  /** No further check runs after the first result for which this is true. */
  stopAfter?: (result: CheckResult) => boolean;
}

const CREATE_VAULT = /^\/[^/]+\/vaults\/([^/?]+)$/;

/**
 * The vault of the run a CreateVault exchange may have made: any answer but a definite refusal (a 4xx, or
 * 501 for a service not there) counts, a reset or a 500 included.
 */
function createdVault(captured: Captured, prefix: string): string | undefined {
  const { method, path, status } = captured.record;
  const encoded = method === "PUT" ? CREATE_VAULT.exec(path)?.[1] : undefined;
  if (!encoded || (status !== undefined && ((status >= 400 && status < 500) || status === 501))) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
  return name.startsWith(prefix) ? name : undefined;
}

/** A context for `target`, with a fresh random run prefix. */
export function createContext(target: Target, options: ContextOptions = {}): SuiteContext {
  const prefix = `vlc-${randomBytes(4).toString("hex")}`;
  const wire = new WireLedger();
  const created = new Set<string>();
  const interrupted = options.interrupted ?? (() => false);
  const observe = (captured: Captured, operation: string | undefined) => {
    const name = createdVault(captured, prefix);
    if (name) created.add(name);
    wire.record(captured, operation);
  };
  const phase = { cleaningUp: false, checksEnded: false };
  const progress = options.progress ?? (() => {});
  const select = options.select ?? EVERY_CHECK;
  const wireOptions: WireOptions = {
    deadlineMs: options.requestTimeoutMs ?? 10_000,
    interrupted: () => !phase.cleaningUp && interrupted(),
    observe,
  };
  const principal = (credentials: Target["credentials"], accountId: string) => ({
    client: clientFor(target, credentials, wireOptions),
    accountId,
  });
  return {
    target,
    principal: principal(target.credentials, target.accountId),
    ...(target.second ? { second: principal(target.second.credentials, target.second.accountId) } : {}),
    clock: new TargetClock(target, wireOptions),
    prefix,
    toleranceMs: target.capabilities.realAws ? 60_000 : 5_000,
    census: new Map(),
    deviations: [],
    stats: { requests: 0 },
    rails: options.rails ?? railsFor(target.capabilities.realAws, false),
    uploads: new Map(),
    created,
    wire,
    wireOptions,
    answered: new Set(),
    phase,
    progress,
    keeps: (scope) => !phase.checksEnded && select(scope),
    checked: (result, line = `${result.verdict.padEnd(14)} ${result.id}`) => {
      progress(line);
      if (options.stopAfter?.(result)) phase.checksEnded = true;
    },
  };
}

/** Throws `TargetUnusable` once the last `GONE_AFTER` requests all went unanswered. */
export function checkTargetAnswers(context: SuiteContext): void {
  if (context.wire.consecutiveTransportFailures >= GONE_AFTER)
    throw new TargetUnusable(
      `the target stopped answering: the last ${GONE_AFTER} requests got no answer (last: ${context.wire.lastTransportFailure})`,
    );
}

/** Records which accepted outcome the target chose for an unspecified requirement (the report's census). */
export function noteCensus(context: SuiteContext, id: string, seen: string): void {
  context.census.set(id, (context.census.get(id) ?? new Set<string>()).add(seen));
}

/** A new session on the context's main principal, starting from `world` (default: nothing exists). */
export function newSession(context: SuiteContext, world?: MemoryWorld): Session {
  return new Session(context, world);
}
