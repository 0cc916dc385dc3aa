/**
 * The one status table of every report format: order (worst first), label, symbol and colour. The colours are
 * the Okabe–Ito palette, chosen to stay apart under the common colour-vision deficiencies; the symbol and label
 * go with the colour everywhere, so no status is told by colour alone.
 */
import type { CheckResult } from "../conformance/results.js";
import type { TraceStep } from "../conformance/session.js";

/** Per requirement, transition or check, per target; worst first. */
export type Status = "failed" | "not-implemented" | "expected-failure" | "passed" | "skipped" | "not-exercised";

export interface StatusStyle {
  label: string;
  symbol: string;
  /** Fill of cells, chips and bars; stroke of diagram edges. */
  colour: string;
  /** Text drawn on `colour` (contrast at least 4.5:1). */
  ink: string;
}

export const STATUS: Record<Status, StatusStyle> = {
  failed: { label: "failed", symbol: "✗", colour: "#D55E00", ink: "#000000" },
  "not-implemented": { label: "not implemented", symbol: "∅", colour: "#CC79A7", ink: "#000000" },
  "expected-failure": { label: "expected failure", symbol: "!", colour: "#0072B2", ink: "#FFFFFF" },
  passed: { label: "passed", symbol: "✓", colour: "#009E73", ink: "#000000" },
  skipped: { label: "skipped", symbol: "↷", colour: "#9A9A9A", ink: "#000000" },
  "not-exercised": { label: "not exercised", symbol: "·", colour: "#D4D4D4", ink: "#000000" },
};

/** Every status, worst first. */
export const STATUSES = Object.keys(STATUS) as Status[];

/** The statuses a CI system must treat as failures. */
export function isFailing(status: Status): boolean {
  return status === "failed" || status === "not-implemented";
}

export function worst(statuses: Status[]): Status {
  return statuses.reduce<Status>((a, b) => (STATUSES.indexOf(b) < STATUSES.indexOf(a) ? b : a), "not-exercised");
}

/** A check's status: its verdict, with an expected deviation counted apart. */
export function resultStatus(result: Pick<CheckResult, "verdict" | "expected">): Status {
  if (result.verdict === "pass") return "passed";
  if (result.verdict === "skip") return "skipped";
  if (result.expected) return "expected-failure";
  return result.verdict === "fail" ? "failed" : "not-implemented";
}

/** A trace step's status within its check: a clean pass passes; any other step has the check's status. */
export function stepStatus(
  step: Pick<TraceStep, "verdict" | "deviation">,
  result: Pick<CheckResult, "verdict" | "expected">,
): Status {
  return step.verdict === "pass" && !step.deviation ? "passed" : resultStatus(result);
}

/** How many of `statuses` have each status (every status present, zeros included, so the counts add up). */
export function countStatuses(statuses: Status[]): Record<Status, number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const status of statuses) counts[status]++;
  return counts;
}

/** `✓ passed`: symbol and label, for text formats. */
export function statusText(status: Status): string {
  return `${STATUS[status].symbol} ${STATUS[status].label}`;
}

/** CSS for the page: `.s-<status>` fills with ink, `.k-<status>` strokes and text in the status colour. */
export function statusCss(): string {
  return STATUSES.map((s) => {
    const { colour, ink } = STATUS[s];
    return `.s-${s}{background:${colour};color:${ink};fill:${colour}}.k-${s}{stroke:${colour};color:${colour}}`;
  }).join("\n");
}
