import type { Requirement } from "./types.js";

/** Vault operations the lock needs, and the request gate (account id, vault name, paging). */
export const VAULTS: Requirement[] = [
  {
    id: "CV-CREATES",
    level: "documented",
    scope: "lifecycle",
    statement:
      "CreateVault makes the vault and answers 201 with a Location naming the numeric account id, also when '-' was sent.",
    sources: ["doc:create-vault", "research:vaults"],
  },
  {
    id: "CV-IDEMPOTENT",
    level: "documented",
    scope: "lifecycle",
    statement: "CreateVault on an existing vault answers 201 again and changes nothing, its lock included.",
    sources: ["doc:create-vault"],
  },
  {
    id: "CV-NEW-VAULT-UNLOCKED",
    level: "documented",
    scope: "lifecycle",
    statement: "A newly created vault has no lock policy.",
    sources: ["research:vaults", "seed:get"],
  },
  {
    id: "DV-DELETES",
    level: "documented",
    scope: "lifecycle",
    statement: "DeleteVault on an empty vault with no lock removes it and answers 204.",
    sources: ["doc:delete-vault"],
  },
  {
    id: "DV-IDEMPOTENT",
    level: "unspecified",
    scope: "lifecycle",
    statement:
      "DeleteVault is documented as idempotent, but the answer for a vault that is already gone is not stated.",
    sources: ["doc:delete-vault", "model:botocore"],
    choice: {
      accepts: ["204", "404 ResourceNotFoundException"],
      chosen: "204",
      reason: "Idempotent read literally: repeating a successful delete gives the same answer.",
    },
  },
  {
    id: "DV-LOCKED-EMPTY",
    level: "observed",
    scope: "lifecycle",
    statement:
      "An empty vault whose lock is Locked can be deleted (204) when its policy does not deny it; the lock goes with it.",
    sources: ["observed:terraform", "research:vaults"],
  },
  {
    id: "DV-IN-PROGRESS",
    level: "unspecified",
    scope: "lifecycle",
    statement:
      "DeleteVault while the lock is InProgress, and whether a re-created vault of the same name starts unlocked, is not documented.",
    sources: ["research:open-questions", "research:vaults"],
    choice: {
      question: "Q5",
      accepts: ["204 and the lock is gone", "403 AccessDeniedException", "400 InvalidParameterValueException"],
      chosen: "204 and the lock is gone",
      reason:
        "A Locked empty vault is deletable (observed), so an InProgress one is too; the lock is a subresource of the vault and ends with it.",
    },
  },
  {
    id: "DESC-VAULT",
    level: "documented",
    scope: "lifecycle",
    statement:
      "DescribeVault answers 200 JSON with VaultARN, VaultName, CreationDate, NumberOfArchives and SizeInBytes as of the last inventory (about daily) and its LastInventoryDate, and no lock fields.",
    sources: ["doc:describe-vault", "model:botocore"],
  },
  {
    id: "DESC-BEFORE-INVENTORY",
    level: "unspecified",
    scope: "lifecycle",
    statement:
      "What DescribeVault shows before a vault's first inventory is inconsistent: the Developer Guide says null counts and LastInventoryDate, the service model's example shows 0 and 0 without a LastInventoryDate.",
    sources: ["doc:describe-vault", "model:botocore-examples"],
    choice: {
      accepts: ["0 and 0, no LastInventoryDate", "null counts and LastInventoryDate"],
      chosen: "0 and 0, no LastInventoryDate",
      reason: "The service model's example answer, and its Smithy shape giving the counts a default of 0.",
    },
  },
  {
    id: "VAULT-OPS-MISSING",
    level: "observed",
    scope: "lifecycle",
    statement: "DescribeVault on a vault that does not exist fails with 404 ResourceNotFoundException.",
    sources: ["doc:describe-vault", "observed:field-reports"],
  },
  {
    id: "ACCT-DASH-OR-OWN",
    level: "documented",
    scope: "request",
    statement:
      "The account id in the URI may be '-' or the signer's own 12-digit id; both address the signer's vaults.",
    sources: ["seed:initiate", "seed:boto-initiate", "seed:complete", "seed:get"],
  },
  {
    id: "ACCT-MISMATCH-DENIED",
    level: "documented",
    scope: "request",
    statement: "Any other account id in the URI fails with 403 AccessDeniedException before the vault is looked at.",
    sources: ["seed:initiate", "doc:errors", "observed:field-reports"],
  },
  {
    id: "ACCT-MALFORMED",
    level: "unspecified",
    scope: "request",
    statement: "An account id written with hyphens or of the wrong length gets an undocumented error.",
    sources: ["seed:initiate", "research:open-questions", "sdk:go-smoke"],
    choice: {
      question: "Q15",
      accepts: ["403 AccessDeniedException", "400 InvalidParameterValueException", "400 UnrecognizedClientException"],
      chosen: "403 AccessDeniedException",
      reason:
        "It does not match the signer's id, which is the documented AccessDenied case; the AWS SDK for Go's smoke test expects UnrecognizedClientException for one, so that is accepted too.",
    },
  },
  {
    id: "ACCT-ISOLATION",
    level: "documented",
    scope: "request",
    statement: "Each account sees and changes only its own vaults; vault names are unique per account and region.",
    sources: ["research:protocol", "doc:create-vault"],
  },
  {
    id: "VAULT-NAME-RULES",
    level: "documented",
    scope: "request",
    statement:
      "Vault names are 1 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'; CreateVault refuses others with 400 InvalidParameterValueException.",
    sources: ["doc:create-vault", "research:protocol"],
  },
  {
    id: "VAULT-NAME-INVALID-LOOKUP",
    level: "unspecified",
    scope: "request",
    statement: "An invalid vault name on any operation but CreateVault gets an undocumented error.",
    sources: ["research:open-questions", "observed:field-reports"],
    choice: {
      question: "Q16",
      accepts: ["404 ResourceNotFoundException", "400 InvalidParameterValueException"],
      chosen: "404 ResourceNotFoundException",
      reason: "Field reports from read operations show ResourceNotFound for malformed names.",
    },
  },
  {
    id: "LIST-VAULTS",
    level: "documented",
    scope: "request",
    statement:
      "ListVaults answers 200 with the account's vaults sorted by name, a page at a time with a Marker for the next page or none; `limit` is any positive whole number (the service model sets no maximum), and anything else is 400 InvalidParameterValueException.",
    sources: ["doc:list-vaults", "research:vaults", "model:botocore", "observed:list-page-size"],
  },
  {
    id: "LIST-PAGE-SIZE",
    level: "unspecified",
    scope: "request",
    statement:
      "How many vaults a page holds when `limit` is over 10 is not settled: the service model says up to 1,000 by default, AWS was seen to stop at 10.",
    sources: ["model:botocore", "doc:list-vaults", "observed:list-page-size"],
    choice: {
      accepts: ["at most 10 vaults a page", "up to `limit` vaults a page (at most 1,000)"],
      chosen: "at most 10 vaults a page",
      reason: "What AWS was seen to do (limit 1000 gave pages of 10); clients page on the Marker either way.",
    },
  },
  {
    id: "LIST-EMPTY-PARAMETERS",
    level: "unspecified",
    scope: "request",
    statement:
      "What ListVaults does with an empty `limit` or `marker` (the service model's own example sends both) is not documented.",
    sources: ["model:botocore-examples", "doc:list-vaults"],
    choice: {
      accepts: ["200, read as not given", "400 InvalidParameterValueException"],
      chosen: "200, read as not given",
      reason: "The service model's example request sends them empty, so an empty value must mean the default there.",
    },
  },
  {
    id: "LIST-MARKER",
    level: "unspecified",
    scope: "request",
    statement: "The documents disagree on whether the vault named by the marker starts the next page.",
    sources: ["doc:list-vaults"],
    choice: {
      accepts: ["the marker vault starts the next page"],
      chosen: "the marker vault starts the next page",
      reason: "The worked paging example does so; the response Marker then names the first vault not yet returned.",
    },
  },
];
