/** What every generator needs: the target, its principals, its clock, and where to put vaults. */
import { randomBytes } from "node:crypto";
import type { MemoryWorld } from "../model/index.js";
import type { Census, Principal, TraceStep, Uploads } from "./session.js";
import { Session } from "./session.js";
import { railsFor, type Rails } from "./rails.js";
import { clientFor, TargetClock, type Target } from "./target.js";

export interface SuiteContext {
  target: Target;
  principal: Principal;
  second?: Principal;
  clock: TargetClock;
  /** Every vault the suite makes starts with this; cleanup deletes exactly these. */
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
  progress: (line: string) => void;
}

/** A context for `target`, with a fresh random run prefix. */
export function createContext(
  target: Target,
  progress: (line: string) => void = () => {},
  rails: Rails = railsFor(target.capabilities.realAws, false),
): SuiteContext {
  const second = target.second
    ? { client: clientFor(target, target.second.credentials), accountId: target.second.accountId }
    : undefined;
  return {
    target,
    principal: { client: clientFor(target), accountId: target.accountId },
    ...(second ? { second } : {}),
    clock: new TargetClock(target),
    prefix: `vlc-${randomBytes(4).toString("hex")}`,
    toleranceMs: target.capabilities.realAws ? 60_000 : 5_000,
    census: new Map(),
    deviations: [],
    stats: { requests: 0 },
    rails,
    uploads: new Map(),
    progress,
  };
}

/** A new session on the context's main principal, starting from `world` (default: nothing exists). */
export function newSession(context: SuiteContext, world?: MemoryWorld): Session {
  const { principal, target, clock, toleranceMs, census, deviations, stats, rails, uploads } = context;
  return new Session(principal, target.region, clock, toleranceMs, census, world, deviations, stats, rails, uploads);
}
