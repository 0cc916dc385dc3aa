import { SCENARIO_NEEDS_INSTALLING_ALTERNATIVE, type Requirement } from "./types.js";

/** Archives, tags, the vault access policy, and how both policies are enforced (issue #7). */
export const DATA: Requirement[] = [
  {
    id: "ARCH-UPLOAD",
    level: "documented",
    scope: "lifecycle",
    statement:
      "UploadArchive stores the body and answers 201 with Location, x-amz-archive-id and x-amz-sha256-tree-hash headers.",
    sources: ["doc:upload-archive", "research:vaults"],
  },
  {
    id: "ARCH-DESCRIPTION",
    level: "documented",
    scope: "lifecycle",
    statement:
      "An archive description (x-amz-archive-description) is at most 1,024 printable ASCII characters; another is refused with 400 InvalidParameterValueException and nothing is stored.",
    sources: ["doc:upload-archive", "research:vaults"],
  },
  {
    id: "ARCH-TREE-HASH",
    level: "documented",
    scope: "lifecycle",
    statement:
      "The declared SHA-256 tree hash (1 MiB leaves, combined pairwise) must match the body, or the upload is refused with 400.",
    sources: ["doc:upload-archive", "doc:tree-hash"],
  },
  {
    id: "ARCH-DELETE",
    level: "documented",
    scope: "lifecycle",
    statement: "DeleteArchive removes a stored archive and answers 204.",
    sources: ["doc:delete-archive", "research:vaults"],
  },
  {
    id: "ARCH-DELETE-IDEMPOTENT",
    level: "documented",
    scope: "lifecycle",
    statement: "Deleting an archive that is already deleted answers 204 again, not an error.",
    sources: ["doc:delete-archive"],
  },
  {
    id: "ARCH-DELETE-OTHER-VAULT",
    level: "unspecified",
    scope: "lifecycle",
    statement:
      "DeleteArchive naming an archive that another vault of the account holds leaves that archive alone; whether it is refused is not documented.",
    sources: ["research:vaults", "observed:field-reports"],
    choice: {
      accepts: ["400 InvalidParameterValueException", "204"],
      chosen: "400 InvalidParameterValueException",
      reason:
        "The one report (2013) saw AWS refuse it with 400 and a message naming the addressed vault ('Invalid vault name: <ARN>').",
    },
  },
  {
    id: "LOCK-UNTOUCHED-BY-DATA",
    level: "documented",
    scope: "lifecycle",
    statement:
      "Archive, tag and access-policy operations leave the lock as it was: only Initiate, Complete, Abort and expiry move it.",
    sources: ["seed:how-to-api", "doc:vault-lock"],
  },
  {
    id: "DV-NOT-EMPTY",
    level: "documented",
    scope: "lifecycle",
    statement:
      "DeleteVault on a vault that holds archives is refused with 400 InvalidParameterValueException and the vault stays.",
    sources: ["doc:delete-vault", "observed:field-reports"],
  },
  {
    id: "DV-RECENTLY-WRITTEN",
    level: "documented",
    scope: "lifecycle",
    statement:
      "DeleteVault succeeds only if, as of the last inventory, the vault holds no archives and nothing was written to it since; otherwise 400 InvalidParameterValueException ('Vault not empty or recently written to') and the vault stays.",
    sources: ["doc:delete-vault", "model:botocore", "observed:field-reports"],
  },
  {
    id: "DV-INVENTORY-TIMING",
    level: "unspecified",
    scope: "lifecycle",
    statement:
      "When a vault's inventory runs is documented only as about once a day, so how long after its last write an emptied vault stays undeletable depends on the target.",
    sources: ["doc:delete-vault", "doc:describe-vault", "observed:field-reports"],
    choice: {
      accepts: ["400 InvalidParameterValueException", "204"],
      chosen: "400 InvalidParameterValueException",
      reason:
        "The emulator inventories each vault every 24 hours of its service clock from its creation and refuses until the first inventory after the last write; a target whose inventory came sooner may delete.",
    },
  },
  {
    id: "TAGS-ADD",
    level: "documented",
    scope: "lifecycle",
    statement: "AddTagsToVault adds tags, replacing the value of a key already present, and answers 204.",
    sources: ["doc:add-tags", "doc:tagging"],
  },
  {
    id: "TAGS-REMOVE",
    level: "documented",
    scope: "lifecycle",
    statement: "RemoveTagsFromVault drops the named keys, ignoring keys the vault lacks, and answers 204.",
    sources: ["doc:tagging"],
  },
  {
    id: "TAGS-LIST",
    level: "documented",
    scope: "lifecycle",
    statement: "ListTagsForVault answers 200 with every tag of the vault in a Tags map.",
    sources: ["doc:tagging"],
  },
  {
    id: "TAGS-RULES",
    level: "documented",
    scope: "lifecycle",
    statement:
      "A vault holds at most 50 tags (more is 400 LimitExceededException); keys are 1–128 characters not starting with aws:, values 0–255, both only letters, digits, white space and _ . / = + - @ (others: 400 InvalidParameterValueException).",
    sources: ["doc:add-tags", "doc:tagging"],
  },
  {
    id: "TAGS-LIMIT",
    level: "unspecified",
    scope: "lifecycle",
    statement:
      "The service model's AddTagsToVault says a vault holds up to 10 tags, the Developer Guide's tagging page says 50: a vault going past 10 may be refused.",
    sources: ["model:botocore", "doc:tagging"],
    choice: {
      accepts: ["204", "400 LimitExceededException"],
      chosen: "204",
      reason:
        "The Developer Guide's tagging page is the one that states the limit as a rule; more than 50 is refused either way.",
    },
  },
  {
    id: "AP-SET",
    level: "documented",
    scope: "lifecycle",
    statement:
      "SetVaultAccessPolicy installs or replaces the access policy (204); GetVaultAccessPolicy returns it with 200.",
    sources: ["doc:access-policy", "research:vaults"],
  },
  {
    id: "AP-GET-NONE",
    level: "documented",
    scope: "lifecycle",
    statement: "GetVaultAccessPolicy on a vault without an access policy answers 404 ResourceNotFoundException.",
    sources: ["doc:access-policy", "research:vaults"],
  },
  {
    id: "AP-DELETE",
    level: "documented",
    scope: "lifecycle",
    statement: "DeleteVaultAccessPolicy removes the access policy and answers 204, also when there is none.",
    sources: ["doc:access-policy", "research:vaults"],
  },
  {
    id: "NOTIF-SET",
    level: "documented",
    scope: "lifecycle",
    statement:
      "SetVaultNotifications stores the vault's SNS topic and event list and answers 204; GetVaultNotifications then answers 200 with SNSTopic and Events.",
    sources: ["doc:notifications-set", "doc:notifications-get", "model:botocore"],
  },
  {
    id: "NOTIF-GET-NONE",
    level: "documented",
    scope: "lifecycle",
    statement:
      "GetVaultNotifications on a vault without a notification configuration answers 404 ResourceNotFoundException.",
    sources: ["doc:notifications-get", "model:botocore"],
  },
  {
    id: "NOTIF-DELETE",
    level: "documented",
    scope: "lifecycle",
    statement: "DeleteVaultNotifications removes the notification configuration and answers 204.",
    sources: ["doc:notifications-delete", "model:botocore"],
  },
  {
    id: "NOTIF-CONFIG-MISSING",
    level: "unspecified",
    scope: "lifecycle",
    statement:
      "A SetVaultNotifications request without a configuration in its body gets a 400 the documents do not name; the service model lists MissingParameterValueException and InvalidParameterValueException for it.",
    sources: ["doc:notifications-set", "model:botocore"],
    choice: {
      accepts: ["400 MissingParameterValueException", "400 InvalidParameterValueException"],
      chosen: "400 MissingParameterValueException",
      reason: "The configuration is the request's one required member, as Policy is for SetVaultAccessPolicy.",
    },
  },
  {
    id: "AP-POLICY-RULES",
    level: "unspecified",
    scope: "lifecycle",
    statement:
      "Which error a rejected access policy (missing, over 20 KB, not a usable policy) gets is not documented.",
    sources: ["doc:access-policy", "research:open-questions"],
    choice: {
      accepts: [
        "400 InvalidParameterValueException",
        "400 MissingParameterValueException",
        "400 LimitExceededException",
      ],
      chosen: "400 InvalidParameterValueException",
      reason: "Same validation as the lock policy's, with one error for every kind of rejection.",
    },
  },
  {
    id: "AP-INDEPENDENT",
    level: "documented",
    scope: "lifecycle",
    statement:
      "The access policy and the lock policy are separate: access-policy operations work in every lock state and leave the lock alone.",
    sources: ["doc:vault-lock", "doc:vault-lock-policy", "research:vaults"],
  },
  {
    id: "AP-ENFORCED",
    level: "documented",
    scope: "policy",
    statement: "A Deny in the vault access policy refuses the request with 403 AccessDeniedException.",
    sources: ["doc:access-policy", "doc:iam"],
  },
  {
    id: "AP-DENY-WINS",
    level: "documented",
    scope: "policy",
    statement: "The two policies combine: a Deny in either refuses the request even when the other allows it.",
    sources: ["doc:vault-lock", "research:vaults"],
  },
  {
    id: "POL-ENFORCED-LOCKED",
    level: "documented",
    scope: "policy",
    statement: "Once Locked, the lock policy's Deny statements refuse matching requests with 403, for good.",
    sources: ["doc:vault-lock", "seed:complete"],
  },
  {
    id: "POL-SUBSET",
    level: "unspecified",
    scope: "policy",
    statement:
      "A policy using condition operators outside String*, Numeric*, Date*, Bool, Null (with IfExists and set qualifiers) is not covered by the documents.",
    sources: ["doc:iam-condition", "research:open-questions"],
    choice: {
      accepts: ["400 InvalidParameterValueException", "201"],
      chosen: "400 InvalidParameterValueException",
      reason: "The emulator refuses what it cannot evaluate rather than install a policy it would not enforce.",
    },
    exercisedOnlyWhen: SCENARIO_NEEDS_INSTALLING_ALTERNATIVE,
  },
];
