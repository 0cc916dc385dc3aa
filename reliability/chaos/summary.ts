/** The chaos figures per fault kind, and the table `npm run chaos` prints. */
import { REPORT_FILES, type ChaosRun } from "./run.js";

export interface KindFigures {
  kind: string;
  runs: number;
  /** Faults injected over the kind's runs. */
  injected: number;
  crashes: number;
  hangs: number;
  /** Runs that exited 3: the suite found a defect of its own. */
  suiteDefects: number;
  /** Runs that wrote all four reports. */
  reportsWritten: number;
  /** Runs that left a vault their report does not list, and how many such vaults. */
  leakingRuns: number;
  leakedVaults: number;
  /** Single-fault runs that injected a fault, and those of them whose failures are the fault's. */
  attributable: number;
  attributed: number;
  /** The distinct crash lines seen. */
  crashLines: string[];
}

/** Figures per kind, in the order the kinds first appear in `runs`, then a `total` row. */
export function figuresByKind(runs: readonly ChaosRun[]): KindFigures[] {
  const kinds = [...new Set(runs.map((r) => r.kind))];
  const rows = kinds.map((kind) =>
    figures(
      kind,
      runs.filter((r) => r.kind === kind),
    ),
  );
  return [...rows, figures("total", runs)];
}

function figures(kind: string, runs: readonly ChaosRun[]): KindFigures {
  const count = (test: (run: ChaosRun) => boolean) => runs.filter(test).length;
  return {
    kind,
    runs: runs.length,
    injected: runs.reduce((sum, r) => sum + Object.values(r.injected).reduce((a, b) => a + b, 0), 0),
    crashes: count((r) => r.crashed),
    hangs: count((r) => r.hung),
    suiteDefects: count((r) => r.exitCode === 3),
    reportsWritten: count((r) => r.reports.length === REPORT_FILES.length),
    leakingRuns: count((r) => r.unreportedLeaks.length > 0),
    leakedVaults: runs.reduce((sum, r) => sum + r.unreportedLeaks.length, 0),
    attributable: count((r) => r.attributed !== undefined),
    attributed: count((r) => r.attributed === true),
    crashLines: [...new Set(runs.flatMap((r) => (r.crash ? [r.crash] : [])))],
  };
}

/** True when every figure that must be perfect is: no crash, hang or suite defect, every report, no unreported vault. */
export function survived(rows: readonly KindFigures[]): boolean {
  return rows.every(
    (r) => !r.crashes && !r.hangs && !r.suiteDefects && r.reportsWritten === r.runs && r.leakingRuns === 0,
  );
}

/** A plain-text table: kind, runs, injected, crashes, hangs, suite defects, reports, unreported leaks, attributed. */
export function chaosTable(rows: readonly KindFigures[]): string {
  const header = [
    "kind",
    "runs",
    "injected",
    "crashes",
    "hangs",
    "exit 3",
    "reports",
    "unreported leaks",
    "attributed",
  ];
  const cells = rows.map((r) => [
    r.kind,
    String(r.runs),
    String(r.injected),
    String(r.crashes),
    String(r.hangs),
    String(r.suiteDefects),
    `${r.reportsWritten}/${r.runs}`,
    `${r.leakingRuns} (${r.leakedVaults} vaults)`,
    r.attributable ? `${r.attributed}/${r.attributable}` : "-",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)));
  return [header, ...cells].map((c) => line(c).join("  ").trimEnd()).join("\n");
}
