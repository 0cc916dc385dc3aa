/**
 * The documented example policies, built for a given vault (POL-RETENTION-EXAMPLE, POL-LEGAL-HOLD-EXAMPLE,
 * POL-CONDITION-KEY-CASE), and small single-statement policies for the suite's policy scenarios.
 */

const document = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const root = (account: string) => `arn:aws:iam::${account}:root`;

/** Vault-lock-policy example 1: no one may delete an archive younger than 365 days. */
export function retentionPolicy(vaultArn: string): string {
  return document({
    Sid: "deny-based-on-archive-age",
    Principal: "*",
    Effect: "Deny",
    Action: "glacier:DeleteArchive",
    Resource: [vaultArn],
    Condition: { NumericLessThan: { "glacier:ArchiveAgeInDays": "365" } },
  });
}

/**
 * A seed's policy with its account and vault swapped for ours: the Initiate seed's (the `ArchiveAgeinDays`
 * spelling, `<=`, one Resource) or the GetVaultLock seed's (`ArchiveAgeInDays`, a Resource list).
 */
export function seedPolicy(account: string, vaultArn: string, seed: "initiate" | "get" = "initiate"): string {
  const key = seed === "initiate" ? "glacier:ArchiveAgeinDays" : "glacier:ArchiveAgeInDays";
  return document({
    Sid: "Define-vault-lock",
    Effect: "Deny",
    Principal: { AWS: root(account) },
    Action: "glacier:DeleteArchive",
    Resource: seed === "initiate" ? vaultArn : [vaultArn],
    Condition: { NumericLessThanEquals: { [key]: "365" } },
  });
}

/** Vault-lock-policy example 2: a LegalHold tag blocks every deletion; otherwise the account may delete. */
export function legalHoldPolicy(account: string, vaultArn: string): string {
  return document(
    {
      Sid: "lock-vault",
      Principal: { AWS: [root(account)] },
      Effect: "Allow",
      Action: "glacier:DeleteArchive",
      Resource: [vaultArn],
      Condition: { NumericLessThan: { "glacier:ArchiveAgeInDays": "365" } },
    },
    {
      Sid: "add-legal-hold",
      Principal: "*",
      Effect: "Deny",
      Action: ["glacier:DeleteArchive"],
      Resource: [vaultArn],
      Condition: { StringLike: { "glacier:ResourceTag/LegalHold": ["true", ""] } },
    },
  );
}

/** One statement of `effect` on `action` for everyone, under an optional condition. */
export function singleStatementPolicy(
  effect: "Allow" | "Deny",
  action: string,
  vaultArn: string,
  condition?: object,
): string {
  return document({
    Sid: `suite-${effect.toLowerCase()}`,
    Principal: "*",
    Effect: effect,
    Action: action,
    Resource: vaultArn,
    ...(condition ? { Condition: condition } : {}),
  });
}
