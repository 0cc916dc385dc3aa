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
    trace: [
      ...lockedAbortTrace,
      {
        ...step("AbortVaultLock(v)", ["locked.ABORT"], ["ABORT-LOCKED-DENIED"], "fail"),
        exchange: {
          method: "DELETE",
          path: "/-/vaults/v/lock-policy",
          requestHeaders: { "x-amz-glacier-version": "2012-06-01" },
          requestBytes: 0,
          status: 400,
          responseHeaders: { "content-type": "application/json" },
          responseBody: '{"code":"InvalidParameterValueException","message":"<no>","type":"Client"}',
          responseBytes: 74,
          sentAt: 0,
          ms: 2,
        },
      },
    ],
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

const initiateOp = (client: number, observed: string, called: number, returned: number) => ({
  client,
  vault: "vlc-test-race-init",
  request: "InitiateVaultLock(vlc-test-race-init, policy 204 B)",
  observed,
  called,
  returned,
});

const T0 = Date.parse("2026-11-22T00:00:01.000Z");
const DENIED = "403 AccessDeniedException";

/**
 * A target whose Initiate is not atomic, as the `non-atomic-initiate` mutant is (answers and timings modelled on a
 * run against it): five of eight racing Initiates win, so no order explains them; the other race passes. It also
 * keeps a lock past its 24 hours, so the diagram has a failed transition between states.
 */
export const RACING = run("non-atomic", [
  {
    id: "race:initiate-x8",
    generator: "race",
    target: "non-atomic",
    requirements: ["RACE-ONE-INITIATE-WINS"],
    verdict: "fail",
    reason: `not linearizable: 201, 201, 201, 201, 201, ${DENIED}, ${DENIED}, ${DENIED}`,
    history: {
      operations: [
        initiateOp(0, "201", T0, T0 + 20),
        initiateOp(1, "201", T0 + 1, T0 + 20),
        initiateOp(2, "201", T0 + 1, T0 + 21),
        initiateOp(3, "201", T0 + 1, T0 + 21),
        initiateOp(4, "201", T0 + 1, T0 + 27),
        initiateOp(5, DENIED, T0 + 1, T0 + 28),
        initiateOp(6, DENIED, T0 + 1, T0 + 29),
        initiateOp(7, DENIED, T0 + 1, T0 + 30),
      ],
      linearization: { ok: false, longestPrefix: [0, 5, 6, 7], unplaceable: [1, 2, 3, 4] },
    },
  },
  {
    id: "race:complete-vs-abort",
    generator: "race",
    target: "non-atomic",
    requirements: ["RACE-ONE-INITIATE-WINS"],
    verdict: "pass",
    history: {
      operations: [
        {
          client: 0,
          request: "CompleteVaultLock(vlc-test-race-ca, lock L1)",
          observed: "204",
          called: T0 + 50,
          returned: T0 + 55,
        },
        {
          client: 1,
          request: "AbortVaultLock(vlc-test-race-ca)",
          observed: DENIED,
          called: T0 + 50,
          returned: T0 + 57,
        },
        {
          client: 2,
          request: "CompleteVaultLock(vlc-test-race-ca, lock L1)",
          observed: "204",
          called: T0 + 51,
          returned: T0 + 59,
        },
        {
          client: 3,
          request: "AbortVaultLock(vlc-test-race-ca)",
          observed: DENIED,
          called: T0 + 51,
          returned: T0 + 60,
        },
        { client: 4, request: "GetVaultLock(vlc-test-race-ca)", observed: "200", called: T0 + 51, returned: T0 + 61 },
      ],
      linearization: { ok: true, order: [0, 1, 2, 3, 4] },
    },
  },
  {
    id: "path:inProgress.TICK.expired",
    generator: "path",
    target: "non-atomic",
    requirements: ["INIT-EXPIRES-AFTER-24H"],
    verdict: "fail",
    reason: "GetVaultLock(v) 24 h after Initiate: expected 404 ResourceNotFoundException, answered 200",
    trace: [
      step("CreateVault(v)", ["absent.CREATE_VAULT"], ["CV-CREATES"]),
      step("InitiateVaultLock(v)", ["noLock.INITIATE.valid"], ["INIT-INSTALLS-POLICY"]),
      {
        ...step("GetVaultLock(v)", ["inProgress.TICK.expired", "noLock.GET"], ["INIT-EXPIRES-AFTER-24H"], "fail"),
        observed: "200",
        accepted: ["404 ResourceNotFoundException"],
      },
    ],
  },
]);
export { run as runReport };
