/** Small run reports for the report tests: a passing target and a failing one. */
import type { CheckResult } from "../conformance/results.js";
import type { RunReport } from "../conformance/run.js";

function run(name: string, results: CheckResult[], seed = 1): RunReport {
  return {
    suiteVersion: "test",
    target: {
      name,
      endpoint: `http://127.0.0.1/${name}`,
      region: "us-east-1",
      capabilities: { clockControl: true, realAws: false },
    },
    seed,
    runs: 10,
    prefix: "vlc-test",
    startedAt: "2026-11-22T00:00:00.000Z",
    durationMs: 1,
    requests: results.length,
    results,
    unexpected: results.filter((r) => !r.expected && (r.verdict === "fail" || r.verdict === "notImplemented")).length,
    stale: [],
    census: { "COMP-NO-LOCK": ["noLock.COMPLETE.randomId: 400 InvalidParameterValueException"] },
    leftovers: [],
    interrupted: false,
  };
}

const step = (request: string, edges: string[], requirements: string[], verdict: "pass" | "fail" = "pass") => ({
  request,
  observed: verdict === "pass" ? "204" : "400 InvalidParameterValueException",
  accepted: ["403 AccessDeniedException"],
  edges,
  requirements,
  verdict,
  called: 0,
  returned: 1,
});

const lockedAbortTrace = [
  step("CreateVault(v)", ["absent.CREATE_VAULT"], ["CV-CREATES"]),
  step("InitiateVaultLock(v)", ["noLock.INITIATE.valid"], ["INIT-INSTALLS-POLICY"]),
  step("CompleteVaultLock(v)", ["inProgress.COMPLETE.currentId"], ["COMP-LOCKS"]),
];

export const PASSING = run("good", [
  {
    id: "path:locked.ABORT",
    generator: "path",
    target: "good",
    requirements: ["ABORT-LOCKED-DENIED"],
    verdict: "pass",
    trace: [...lockedAbortTrace, step("AbortVaultLock(v)", ["locked.ABORT"], ["ABORT-LOCKED-DENIED"])],
  },
  {
    id: "path:inProgress.TICK.expired",
    generator: "path",
    target: "good",
    requirements: ["INIT-EXPIRES-AFTER-24H"],
    verdict: "skip",
    reason: "not exercised: needs clock control",
  },
]);

export const FAILING = run("bad <&>", [
  {
    id: "path:locked.ABORT",
    generator: "path",
    target: "bad <&>",
    requirements: ["ABORT-LOCKED-DENIED"],
    verdict: "fail",
    reason: "AbortVaultLock(v): expected 403 AccessDeniedException, answered 400 InvalidParameterValueException",
    trace: [...lockedAbortTrace, step("AbortVaultLock(v)", ["locked.ABORT"], ["ABORT-LOCKED-DENIED"], "fail")],
  },
  {
    id: "sequences",
    generator: "sequence",
    target: "bad <&>",
    requirements: ["ABORT-LOCKED-DENIED"],
    verdict: "fail",
    seed: 42,
    path: "1:2@AB:C",
    counterexample: [
      "CreateVault(v0)",
      "InitiateVaultLock(v0, valid policy)",
      "CompleteVaultLock(v0, current id)",
      "AbortVaultLock(v0)",
    ],
  },
  {
    id: "gate:list-order",
    generator: "gate",
    target: "bad <&>",
    requirements: ["LIST-VAULTS"],
    verdict: "fail",
    reason: "creation order",
    expected: { reason: "known" },
  },
]);

export { run as runReport };
