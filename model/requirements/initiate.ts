import type { Requirement } from "./types.js";

/**
 * InitiateVaultLock's lifecycle rules (the first of `LIFECYCLE`): each is implemented by at least one machine
 * transition.
 */
export const INITIATE: Requirement[] = [
  {
    id: "INIT-INSTALLS-POLICY",
    level: "documented",
    scope: "lifecycle",
    statement:
      "Initiate on a vault with no lock installs the policy, enters InProgress and answers 201 with the lock id in x-amz-lock-id and no body.",
    sources: ["seed:initiate", "seed:boto-initiate", "research:initiate"],
  },
  {
    id: "INIT-IN-PROGRESS-DENIED",
    level: "documented",
    scope: "lifecycle",
    statement:
      "Initiate while the lock is InProgress fails with 403 AccessDeniedException and leaves the lock untouched; Abort must come first.",
    sources: ["seed:initiate", "seed:boto-initiate"],
  },
  {
    id: "INIT-NOT-IDEMPOTENT",
    level: "documented",
    scope: "lifecycle",
    statement:
      "Initiate is not idempotent: repeating it, even with the same policy, while InProgress is refused like any second Initiate.",
    sources: ["seed:initiate", "research:initiate"],
  },
  {
    id: "INIT-LOCKED-REFUSED",
    level: "unspecified",
    scope: "lifecycle",
    statement: "Initiate on a Locked vault must be refused and change nothing; the documents do not name the error.",
    sources: ["seed:initiate", "research:open-questions"],
    choice: {
      question: "Q2",
      accepts: ["403 AccessDeniedException", "400 InvalidParameterValueException"],
      chosen: "403 AccessDeniedException",
      reason:
        "Same answer as the documented InProgress case; the error table defines AccessDenied as an operation the vault's state or policy does not permit.",
    },
  },
  {
    id: "INIT-EXPIRES-AFTER-24H",
    level: "documented",
    scope: "lifecycle",
    statement:
      "An InProgress lock not completed within 24 hours expires: its lock id stops working, the vault leaves InProgress and the policy is removed.",
    sources: ["seed:initiate", "seed:how-to-api", "seed:boto-initiate"],
  },
  {
    id: "INIT-EXPIRY-BOUNDARY",
    level: "unspecified",
    scope: "lifecycle",
    statement:
      "The exact instant of expiry (at CreationDate + 24 h or later, eagerly or on the next request) is not documented.",
    sources: ["research:open-questions"],
    choice: {
      question: "Q3",
      accepts: [
        "expired from CreationDate + 24 h on, within the suite's clock tolerance, with ExpirationDate = CreationDate + 24 h",
      ],
      chosen:
        "expired from CreationDate + 24 h on, within the suite's clock tolerance, with ExpirationDate = CreationDate + 24 h",
      reason:
        "The documents give a 24-hour window. The emulator expires a lock at exactly CreationDate + 24 h, on the next request touching the vault; lazy expiry is observably identical to eager expiry.",
    },
  },
  {
    id: "INIT-REPEATABLE",
    level: "documented",
    scope: "lifecycle",
    statement:
      "After Abort or expiry a new Initiate is allowed and starts a fresh 24-hour window; the cycle may repeat any number of times.",
    sources: ["seed:how-to-api", "seed:initiate", "research:abort"],
  },
  {
    id: "INIT-LOCK-ID-UNIQUE",
    level: "documented",
    scope: "lifecycle",
    statement: "Each Initiate returns a new lock id, different from the ids of the vault's earlier attempts.",
    sources: ["seed:how-to-api", "research:initiate"],
  },
  {
    id: "INIT-LOCK-ID-FORMAT",
    level: "unspecified",
    scope: "lifecycle",
    statement: "The lock id's length, alphabet and uniqueness scope are not documented.",
    sources: ["seed:initiate", "research:open-questions"],
    choice: {
      question: "Q4",
      accepts: ["any non-empty string, unique among the vault's attempts"],
      chosen: "any non-empty string, unique among the vault's attempts",
      reason:
        "The emulator returns 24 random characters of [A-Za-z0-9], the shape of every example id in the documents.",
    },
  },
  {
    id: "INIT-POLICY-LIMIT",
    level: "documented",
    scope: "lifecycle",
    statement: "A vault has at most one lock policy and it may be up to 20 KB long.",
    sources: ["seed:initiate", "seed:boto-initiate"],
  },
  {
    id: "INIT-POLICY-SIZE-UNIT",
    level: "unspecified",
    scope: "lifecycle",
    statement: "Whether 20 KB means 20,000 or 20,480 bytes, and which error a larger policy gets, is not documented.",
    sources: ["research:policy", "research:open-questions"],
    choice: {
      question: "Q7",
      accepts: [
        "201 for policies up to 20,000 bytes",
        "201 or a refusal for 20,001 to 20,480 bytes",
        "400 InvalidParameterValueException",
        "400 LimitExceededException",
      ],
      chosen: "400 InvalidParameterValueException",
      reason:
        "The emulator accepts up to 20,480 UTF-8 bytes of the policy string (20 KB as 20 × 1024, as Terraform validates) and refuses more as a wrong parameter value.",
    },
  },
  {
    id: "INIT-POLICY-INVALID",
    level: "observed",
    scope: "lifecycle",
    statement:
      "A policy the service rejects (not JSON, or missing required policy elements) gets 400 InvalidParameterValueException and no lock.",
    sources: ["observed:field-reports", "research:initiate"],
  },
  {
    id: "POLICY-MEMBER-MISSING",
    level: "unspecified",
    scope: "lifecycle",
    statement:
      "A request body without its Policy member, to InitiateVaultLock or SetVaultAccessPolicy, gets an undocumented error.",
    sources: ["seed:initiate", "doc:access-policy", "research:open-questions"],
    choice: {
      question: "Q6",
      accepts: ["400 MissingParameterValueException", "400 InvalidParameterValueException"],
      chosen: "400 MissingParameterValueException",
      reason:
        "One rule for both operations: a required member that is absent is a missing parameter (the Developer Guide calls Initiate's Policy required); a wrong parameter value is accepted too.",
    },
  },
  {
    id: "INIT-POLICY-RULES",
    level: "unspecified",
    scope: "lifecycle",
    statement:
      "Which policy documents Initiate rejects (Resource naming another vault, missing Principal, unknown keys, empty string) is not documented.",
    sources: ["research:open-questions", "seed:initiate"],
    choice: {
      question: "Q6",
      accepts: ["400 InvalidParameterValueException"],
      chosen: "400 InvalidParameterValueException",
      reason:
        "An unparsable or incomplete policy (no Statement, Effect, Principal, Action/NotAction or Resource/NotResource, as IAM resource policies need) is a wrong parameter value.",
    },
  },
  {
    id: "INIT-STATE-BEFORE-VALIDATION",
    level: "unspecified",
    scope: "lifecycle",
    statement:
      "When Initiate with an invalid policy meets an InProgress or Locked lock, which error wins is not documented.",
    sources: ["research:open-questions"],
    choice: {
      question: "Q6",
      accepts: [
        "403 AccessDeniedException",
        "400 InvalidParameterValueException",
        "400 MissingParameterValueException",
      ],
      chosen: "403 AccessDeniedException",
      reason: "The state refusal is documented; policy validation errors are only observed.",
    },
  },
];
