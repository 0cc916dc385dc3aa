/**
 * `policy explain` (issue 20): what Initiate would answer for a policy (the oracle's own answer, with the
 * constructs it refuses and their requirement ids), the decision table of the policy as the vault's lock policy,
 * and its hazards. Pure.
 */
import { step } from "../oracle.js";
import { formatOutcome } from "../outcome.js";
import { classifyPolicy, POLICY_HARD_LIMIT, POLICY_SURE_LIMIT } from "../rules.js";
import { MemoryWorld } from "../world.js";
import { hazardsOf, type Hazard } from "./hazards.js";
import { policySubsetProblems } from "./subset.js";
import { decisionTable, type DecisionTable, type VaultRef } from "./table.js";

export interface InitiateAnswer {
  /** UTF-8 bytes of the policy text. */
  bytes: number;
  /** Every outcome a conforming endpoint may give, the reference emulator's first (`201`, `400 Code`). */
  outcomes: string[];
  requirements: string[];
  /** Why it is refused, or what makes the size unspecified; each with the requirement it comes from. */
  problems: { requirement: string; message: string; statement?: number }[];
}

export interface Explanation {
  vault: VaultRef;
  initiate: InitiateAnswer;
  /** Absent when Initiate refuses the policy: there is no lock policy to explain. */
  table?: DecisionTable;
  hazards: Hazard[];
}

function sizeAndShape(policy: string): InitiateAnswer["problems"] {
  const verdict = classifyPolicy(policy);
  switch (verdict.kind) {
    case "tooLarge":
      return [{ requirement: "INIT-POLICY-SIZE-UNIT", message: `${verdict.bytes} bytes, over ${POLICY_HARD_LIMIT}` }];
    case "sizeAmbiguous":
      return [
        {
          requirement: "INIT-POLICY-SIZE-UNIT",
          message: `over ${POLICY_SURE_LIMIT} bytes: whether 20 KB means 20,000 or 20,480 bytes is not documented`,
        },
      ];
    case "invalid":
      return [{ requirement: "INIT-POLICY-INVALID", message: verdict.reason }];
    default:
      return [];
  }
}

/** What InitiateVaultLock with this policy answers on the empty vault, as the oracle says. */
export function initiateAnswer(policy: string, vault: VaultRef, now: number): InitiateAnswer {
  const world = new MemoryWorld();
  const request = { signer: vault.account, now, region: vault.region, freshLockId: "lock" };
  world.apply(
    step(world, { ...request, operation: { name: "CreateVault", accountId: "-", vaultName: vault.name } })[0]!.changes,
  );
  const branches = step(world, {
    ...request,
    operation: { name: "InitiateVaultLock", accountId: "-", vaultName: vault.name, policy },
  });
  const subset = policySubsetProblems(policy);
  return {
    bytes: Buffer.byteLength(policy, "utf8"),
    outcomes: branches.map((b) => formatOutcome(b.outcome)),
    requirements: branches[0]!.requirements,
    problems: subset.length ? subset : sizeAndShape(policy),
  };
}

/** The whole explanation of `policy` as the lock policy of `vault`; `now` (epoch ms) stands for any time. */
export function explainPolicy(policy: string, vault: VaultRef, now: number): Explanation {
  const initiate = initiateAnswer(policy, vault, now);
  if (initiate.outcomes[0] !== "201") return { vault, initiate, hazards: [] };
  const table = decisionTable([policy], vault, now);
  return { vault, initiate, table, hazards: hazardsOf(policy, table) };
}
