/**
 * The building blocks of the policy scenarios: one step per request (with the answer the reference emulator
 * gives, written out), clock moves, and the policies they install, built for the scenario's vault.
 */
import { retentionPolicy, singleStatementPolicy, treeHash, type Operation } from "../model/index.js";
import { archiveBody } from "./concretize.js";

/** What a scenario's steps know of their vault: its ARN, and the archive and lock ids answered so far. */
export interface ScenarioVault {
  vault: { accountId: string; vaultName: string };
  arn: string;
  account: string;
  archives: Map<string, string>;
  lockId?: string;
}

export type ScenarioStep =
  { make: (v: ScenarioVault) => Operation; expect: string; keep?: string } | { advanceMs: number };

export const DAY_MS = 24 * 3_600_000;
export const DENIED = "403 AccessDeniedException";

export const create: ScenarioStep = { make: (v) => ({ name: "CreateVault", ...v.vault }), expect: "201" };
export const deleteVault = (expect = "204"): ScenarioStep => ({
  make: (v) => ({ name: "DeleteVault", ...v.vault }),
  expect,
});
export const abort: ScenarioStep = { make: (v) => ({ name: "AbortVaultLock", ...v.vault }), expect: "204" };
export const complete: ScenarioStep = {
  make: (v) => ({ name: "CompleteVaultLock", ...v.vault, lockId: v.lockId ?? "" }),
  expect: "204",
};
export const getLock = (expect: string): ScenarioStep => ({
  make: (v) => ({ name: "GetVaultLock", ...v.vault }),
  expect,
});
export const initiate = (policy: (v: ScenarioVault) => string): ScenarioStep => ({
  make: (v) => ({ name: "InitiateVaultLock", ...v.vault, policy: policy(v) }),
  expect: "201",
});
export const upload = (slot: string): ScenarioStep => ({
  make: (v) => {
    const body = archiveBody();
    return { name: "UploadArchive", ...v.vault, body, treeHash: treeHash(body) };
  },
  expect: "201",
  keep: slot,
});
export const deleteArchive = (slot: string, expect: string): ScenarioStep => ({
  make: (v) => ({ name: "DeleteArchive", ...v.vault, archiveId: v.archives.get(slot) ?? "" }),
  expect,
});
export const accessPolicy = (policy: (v: ScenarioVault) => string): ScenarioStep => ({
  make: (v) => ({ name: "SetVaultAccessPolicy", ...v.vault, policy: policy(v) }),
  expect: "204",
});
export const dropAccessPolicy: ScenarioStep = {
  make: (v) => ({ name: "DeleteVaultAccessPolicy", ...v.vault }),
  expect: "204",
};
export const tag = (tags: Record<string, string>): ScenarioStep => ({
  make: (v) => ({ name: "AddTagsToVault", ...v.vault, tags }),
  expect: "204",
});
export const untag = (keys: string[]): ScenarioStep => ({
  make: (v) => ({ name: "RemoveTagsFromVault", ...v.vault, keys }),
  expect: "204",
});
export const deny = (action: string, condition?: object) => (v: ScenarioVault) =>
  singleStatementPolicy("Deny", action, v.arn, condition);
export const allow = (action: string) => (v: ScenarioVault) => singleStatementPolicy("Allow", action, v.arn);
export const retention = (v: ScenarioVault) => retentionPolicy(v.arn);
/** Denies DeleteArchive on this vault through a Resource naming the caller's account by variable (POL-VARIABLES). */
export const denyOnCallersAccount = (v: ScenarioVault) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "callers-account",
        Effect: "Deny",
        Principal: "*",
        Action: "glacier:DeleteArchive",
        Resource: `arn:aws:glacier:*:\${aws:PrincipalAccount}:vaults/${v.vault.vaultName}`,
      },
    ],
  });
/** Denies DeleteArchive unless the caller's account equals a tag the vault does not carry (POL-VARIABLES-NO-VALUE). */
export const denyUnlessAbsentTag = deny("glacier:DeleteArchive", {
  StringNotEquals: { "aws:PrincipalAccount": "${glacier:ResourceTag/suite-absent}" },
});
/** A resource policy statement must name a Principal. */
export const withoutPrincipal = (v: ScenarioVault) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "glacier:*", Resource: v.arn }] });
