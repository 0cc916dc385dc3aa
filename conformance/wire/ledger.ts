/**
 * The wire ledger of a run: every answer of every exchange is judged by every wire rule that applies to it,
 * and each rule becomes one result per target (`wire:<rule>`), with how many answers it judged, how many were
 * wrong and the first wrong one, so one defect does not fail every check it touches.
 */
import type { CheckResult } from "../results.js";
import type { TraceStep } from "../session.js";
import { formatExchange, type Captured, type WireExchange } from "./exchange.js";
import { WIRE_RULES, wireAnswer, type WireAnswer, type WireRule } from "./rules.js";

interface Tally {
  judged: number;
  wrong: number;
  first?: { problem: string; exchange: WireExchange; operation?: string };
}

/**
 * An answer saying there is no such route (404, 405 or 501 without an AWS error: no JSON code and no
 * x-amzn-ErrorType) is judged by the checks as a missing route; the wire rules speak of the routes a target has.
 */
function saysNoRoute(answer: WireAnswer): boolean {
  if (![404, 405, 501].includes(answer.status) || answer.headers["x-amzn-errortype"]) return false;
  const { json } = answer;
  return typeof json?.code !== "string" && typeof json?.__type !== "string";
}

export class WireLedger {
  private readonly tallies = new Map<string, Tally>(WIRE_RULES.map((rule) => [rule.id, { judged: 0, wrong: 0 }]));
  /** Exchanges in a row, up to the last, that ended without a usable answer, and why the last did. */
  consecutiveTransportFailures = 0;
  lastTransportFailure = "";

  constructor(private readonly rules: readonly WireRule[] = WIRE_RULES) {}

  /** Judges one exchange (the handler's `observe`). */
  record(captured: Captured, operation: string | undefined): void {
    const { record, body } = captured;
    if (record.transport || record.status === undefined) {
      this.consecutiveTransportFailures++;
      this.lastTransportFailure = record.transport ?? "no answer";
      return;
    }
    this.consecutiveTransportFailures = 0;
    const answer = wireAnswer({
      ...(operation ? { operation } : {}),
      status: record.status,
      headers: record.responseHeaders ?? {},
      body: body ?? Buffer.alloc(0),
    });
    if (saysNoRoute(answer)) return;
    for (const rule of this.rules) {
      if (!rule.applies(answer)) continue;
      const tally = this.tallies.get(rule.id)!;
      tally.judged++;
      const problem = rule.problem(answer);
      if (problem === undefined) continue;
      tally.wrong++;
      tally.first ??= { problem, exchange: record, ...(operation ? { operation } : {}) };
    }
  }

  /** One result per rule: pass, fail with the first wrong answer, or skip when no answer was of its kind. */
  results(target: string): CheckResult[] {
    return this.rules.map((rule) => {
      const { judged, wrong, first } = this.tallies.get(rule.id)!;
      const base = { id: `wire:${rule.id}`, generator: "wire" as const, target, requirements: rule.requirements };
      if (!judged) return { ...base, verdict: "skip" as const, reason: `not exercised: no ${rule.scope} came` };
      const observed = `${wrong} of ${judged} answers wrong`;
      if (!first) return { ...base, verdict: "pass" as const, observed: `${judged} answers judged` };
      const step: TraceStep = {
        request: `${first.operation ?? "request"}: ${formatExchange(first.exchange)}`,
        observed: first.problem,
        accepted: [rule.scope],
        edges: [],
        requirements: rule.requirements,
        verdict: "fail",
        detail: first.problem,
        called: first.exchange.sentAt,
        returned: first.exchange.sentAt + first.exchange.ms,
        exchange: first.exchange,
      };
      return { ...base, verdict: "fail" as const, reason: `${first.problem} (${observed})`, observed, trace: [step] };
    });
  }
}
