import type { SourceKey } from "./sources.js";

/** A place where the AWS documents contradict themselves or the service model, kept as data for reports. */
export interface Inconsistency {
  id: string;
  summary: string;
  /** What the model does about it. */
  resolution: string;
  sources: SourceKey[];
  /** Requirements whose reading depends on it. */
  requirements: string[];
}

export const INCONSISTENCIES: readonly Inconsistency[] = [
  {
    id: "INC-PUT-VS-POST",
    summary: "Initiate's syntax says POST …/lock-policy but its example says it sends PUT and shows PUT.",
    resolution: "POST is the operation (service model); PUT on lock-policy is an unknown route.",
    sources: ["seed:initiate", "model:botocore"],
    requirements: ["PROTO-REST-JSON", "INIT-INSTALLS-POLICY"],
  },
  {
    id: "INC-INPROGESS-TYPO",
    summary: "Get's description spells the state 'InProgess'; the value list and everything else say 'InProgress'.",
    resolution: "State is 'InProgress'.",
    sources: ["seed:get"],
    requirements: ["GET-IN-PROGRESS"],
  },
  {
    id: "INC-ARCHIVE-AGE-KEY-CASE",
    summary: "Examples write glacier:ArchiveAgeinDays, the policy pages glacier:ArchiveAgeInDays.",
    resolution: "Condition key names compare case-insensitively, as in IAM.",
    sources: ["seed:initiate", "seed:boto-initiate", "seed:get", "doc:iam-condition"],
    requirements: ["POL-CONDITION-KEY-CASE"],
  },
  {
    id: "INC-INVALID-PARAMETER-NAME",
    summary: "Complete names 'InvalidParameter' for a wrong id while InProgress; no such error code exists.",
    resolution: "InvalidParameterValueException, the code of the service model.",
    sources: ["seed:complete", "model:botocore"],
    requirements: ["COMP-IN-PROGRESS-WRONG-ID"],
  },
  {
    id: "INC-ACCESS-DENIED-NOT-MODELLED",
    summary:
      "AccessDeniedException is documented for Initiate, Complete and Abort but absent from the model's error lists.",
    resolution: "The model returns it as documented; SDKs surface it as a generic service error with that name.",
    sources: ["seed:initiate", "seed:complete", "doc:abort", "model:botocore"],
    requirements: ["INIT-IN-PROGRESS-DENIED", "COMP-LOCKED-WRONG-ID-DENIED", "ABORT-LOCKED-DENIED"],
  },
  {
    id: "INC-POLICY-REQUIRED",
    summary:
      "The Developer Guide marks Policy required; the service model leaves the payload optional and SDKs send {}.",
    resolution: "A missing Policy is refused (MissingParameterValueException chosen, InvalidParameterValue accepted).",
    sources: ["seed:initiate", "seed:boto-initiate", "model:botocore"],
    requirements: ["INIT-POLICY-RULES"],
  },
  {
    id: "INC-COMPLETE-CONTENT-LENGTH",
    summary: "Complete's syntax lists Content-Length but the operation has no request body.",
    resolution: "No body is sent or read.",
    sources: ["seed:complete"],
    requirements: ["COMP-LOCKS"],
  },
  {
    id: "INC-GET-SAYS-ACCESS-POLICY",
    summary: "Get's response prose says it returns the vault access policy; it returns the lock policy.",
    resolution: "The lock policy is returned.",
    sources: ["seed:get"],
    requirements: ["GET-IN-PROGRESS", "GET-LOCKED"],
  },
  {
    id: "INC-EXAMPLE-VAULT-MISMATCH",
    summary: "The boto3 example initiates a lock on my-vault with a policy whose Resource names examplevault.",
    resolution: "Resource is not compared with the vault (POL-RESOURCE-MATCH).",
    sources: ["seed:boto-initiate"],
    requirements: ["POL-RESOURCE-MATCH"],
  },
  {
    id: "INC-STATUS-TABLE-VS-MODEL",
    summary:
      "InsufficientCapacity is 503 in the guide and 400 in the model; InvalidSignature was 400 in an older guide and 403 now.",
    resolution: "The current guide's table is used (errors.ts).",
    sources: ["doc:errors", "model:botocore"],
    requirements: ["ERR-STATUS-TABLE"],
  },
  {
    id: "INC-SIGNATURE-EXAMPLE-DATES",
    summary: "Lock examples pair x-amz-Date 20170210 with a credential scope dated 20141123, which cannot verify.",
    resolution: "Ignored; signatures are verified as SigV4 defines.",
    sources: ["seed:initiate", "seed:complete", "seed:get"],
    requirements: ["PROTO-SIGV4"],
  },
  {
    id: "INC-LIST-MARKER",
    summary: "ListVaults text says the marker vault is excluded; its example starts the next page at the marker vault.",
    resolution: "The marker vault starts the next page (LIST-MARKER).",
    sources: ["doc:list-vaults"],
    requirements: ["LIST-MARKER"],
  },
  {
    id: "INC-ACCOUNT-ID-WORDING",
    summary: "Some pages say the URI account id must match the signer; Get says it is the vault owner's id.",
    resolution: "The id must be '-' or the signer's own; cross-account access is out of scope.",
    sources: ["seed:initiate", "seed:get"],
    requirements: ["ACCT-DASH-OR-OWN", "ACCT-MISMATCH-DENIED"],
  },
  {
    id: "INC-IDEMPOTENCY-TRAITS",
    summary:
      "Abort, Complete, CreateVault and DeleteVault are documented idempotent, but the Smithy model marks none of them.",
    resolution: "The documents win.",
    sources: ["doc:abort", "seed:complete", "model:botocore"],
    requirements: ["ABORT-IDEMPOTENT", "COMP-IDEMPOTENT", "CV-IDEMPOTENT", "DV-IDEMPOTENT"],
  },
  {
    id: "INC-NO-NEW-CUSTOMERS-DATE",
    summary:
      "The end of new-customer access is dated December 15, 2025 by the docs and November 7, 2025 by a third party.",
    resolution: "Recorded only; the real-AWS target detects NoLongerSupportedException instead of trusting a date.",
    sources: ["research:no-longer-supported"],
    requirements: ["SVC-NO-LONGER-SUPPORTED"],
  },
  {
    id: "INC-LIST-PAGE-SIZE",
    summary:
      "The service model says ListVaults returns up to 1,000 vaults by default; AWS answered at most 10 a page, even for limit 1000, and the Developer Guide now says 10.",
    resolution:
      "Any positive limit is accepted; the emulator answers at most 10 a page and targets may answer up to the limit (LIST-PAGE-SIZE).",
    sources: ["model:botocore", "doc:list-vaults", "observed:list-page-size"],
    requirements: ["LIST-VAULTS", "LIST-PAGE-SIZE"],
  },
  {
    id: "INC-TAG-LIMIT",
    summary:
      "AddTagsToVault's documentation in the service model says a vault can have up to 10 tags; the Developer Guide's tagging page says 50.",
    resolution: "The emulator allows 50; targets may refuse past 10 with LimitExceededException (TAGS-LIMIT).",
    sources: ["model:botocore", "doc:tagging"],
    requirements: ["TAGS-RULES", "TAGS-LIMIT"],
  },
  {
    id: "INC-DESCRIBE-BEFORE-INVENTORY",
    summary:
      "The Developer Guide says DescribeVault's NumberOfArchives, SizeInBytes and LastInventoryDate are null until the first inventory; the service model's example for a new vault shows 0, 0 and no LastInventoryDate.",
    resolution: "The emulator answers 0, 0 and leaves LastInventoryDate out; the suite does not judge the counts.",
    sources: ["doc:describe-vault", "model:botocore-examples"],
    requirements: ["DESC-VAULT", "DESC-BEFORE-INVENTORY"],
  },
];
