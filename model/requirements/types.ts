import type { SourceKey } from "../sources.js";

/** How firmly a statement binds: written by AWS, seen on the wire, or nowhere stated. */
export type Level = "documented" | "observed" | "unspecified";

/**
 * Which layer checks it: `lifecycle` rules are machine transitions, `request` rules are the oracle's
 * gate (account id, vault name, paging), `protocol` rules live in the HTTP layer, `policy` rules need
 * the policy evaluator, `service` rules concern the real service only (consistency, account gates), and
 * `harness` rules are the suite's own extensions (clock control), checked only where a target declares them.
 */
export type Scope = "lifecycle" | "request" | "protocol" | "policy" | "service" | "harness";

/** What we accept where the documents are silent, and what the reference emulator does. */
export interface Choice {
  /** Open question of the research digest this answers (Q1–Q18), if any. */
  question?: string;
  /** Every behaviour a conforming endpoint may show; outcomes are written `STATUS Code`. */
  accepts: string[];
  /** The behaviour the reference emulator shows; one of `accepts`. */
  chosen: string;
  reason: string;
}

/**
 * Why the policy-subset and self-lock rules are left to the model's tests: the sources also accept a target that
 * installs such a policy (or governs its own lock operations), and the model's alternatives are refusals that
 * leave the vault as it was, so a scenario could not yet judge such a target without failing it.
 */
export const SCENARIO_NEEDS_INSTALLING_ALTERNATIVE =
  "the model can follow every sourced outcome: its alternatives are refusals that leave the vault as it was, so it cannot yet follow a target that installs a policy outside the evaluated subset or lets a lock policy govern the lock's own operations; no scenario sends one, and model/policy/*.test.ts check the emulator's choice";

/** One entry of the requirements catalogue. */
export interface Requirement {
  id: string;
  level: Level;
  scope: Scope;
  /** One line, in our own words. */
  statement: string;
  sources: SourceKey[];
  /** Present exactly when level is `unspecified`. */
  choice?: Choice;
  /** Why a run can exercise it only against some targets (e.g. real AWS), shown where it stays unexercised. */
  exercisedOnlyWhen?: string;
}
