import { SCENARIO_NEEDS_INSTALLING_ALTERNATIVE, type Requirement } from "./types.js";

/** What lock policies do once installed, and what only the real service can show. */
export const POLICY_AND_SERVICE: Requirement[] = [
  {
    id: "POL-FULL-EFFECT-IN-PROGRESS",
    level: "documented",
    scope: "policy",
    statement:
      "While InProgress the lock policy is enforced exactly as when Locked; the only difference is that Abort can still remove it.",
    sources: ["seed:how-to-api"],
  },
  {
    id: "POL-IAM-LANGUAGE",
    level: "documented",
    scope: "policy",
    statement: "A lock policy is an IAM resource policy and needs a Principal in each statement.",
    sources: ["doc:vault-lock-policy", "doc:iam"],
  },
  {
    id: "POL-ALLOW-AND-DENY",
    level: "observed",
    scope: "policy",
    statement: "Both Deny and Allow statements are accepted in a lock policy; an explicit Deny beats any Allow.",
    sources: ["doc:vault-lock-policy", "observed:terraform"],
  },
  {
    id: "POL-RETENTION-EXAMPLE",
    level: "documented",
    scope: "policy",
    statement:
      "A Deny of glacier:DeleteArchive under NumericLessThan glacier:ArchiveAgeInDays 365 blocks deleting younger archives with 403.",
    sources: ["doc:vault-lock-policy", "seed:initiate"],
  },
  {
    id: "POL-LEGAL-HOLD-EXAMPLE",
    level: "documented",
    scope: "policy",
    statement: "A Deny conditioned on glacier:ResourceTag/LegalHold blocks deletion while the tag says so.",
    sources: ["doc:vault-lock-policy"],
  },
  {
    id: "POL-CONDITION-KEY-CASE",
    level: "documented",
    scope: "policy",
    statement:
      "Condition key names are case-insensitive: glacier:ArchiveAgeinDays and glacier:ArchiveAgeInDays are one key.",
    sources: ["doc:iam-condition", "seed:initiate", "seed:get"],
  },
  {
    id: "POL-VARIABLES",
    level: "documented",
    scope: "policy",
    statement:
      "In a Version 2012-10-17 policy, ${key} in Resource and in String or Bool condition values stands for the request's value of key, ${key, 'text'} for text when the request lacks it, and ${*}, ${?}, ${$} for those characters; under 2008-10-17 or without a Version they are plain text.",
    sources: ["doc:iam-variables", "doc:iam-version", "doc:iam-condition-operators"],
  },
  {
    id: "POL-VARIABLES-NO-VALUE",
    level: "unspecified",
    scope: "policy",
    statement:
      "What a policy variable the request cannot resolve (no such key, no default) does to the element it is in is not stated beyond 'the statement might be invalid'.",
    sources: ["doc:iam-variables", "observed:iam-simulate"],
    choice: {
      accepts: [
        "the value it is in matches nothing, so a negated operator using it does not hold",
        "the whole statement does not apply",
      ],
      chosen: "the value it is in matches nothing, so a negated operator using it does not hold",
      reason: "An independent IAM simulator reads it so, and the other values of the same condition keep working.",
    },
  },
  {
    id: "POL-SUBSET-VARIABLES",
    level: "unspecified",
    scope: "policy",
    statement:
      "A policy variable naming a key the emulator's requests never carry (aws:username, aws:SourceIp, …), or a malformed ${…}, cannot be enforced as AWS would; the documents say nothing of Initiate refusing it.",
    sources: ["doc:iam-variables", "research:open-questions"],
    choice: {
      question: "Q6",
      accepts: ["400 InvalidParameterValueException", "201"],
      chosen: "400 InvalidParameterValueException",
      reason:
        "Initiate and SetVaultAccessPolicy refuse it rather than store a policy the emulator would enforce differently.",
    },
    exercisedOnlyWhen: SCENARIO_NEEDS_INSTALLING_ALTERNATIVE,
  },
  {
    id: "POL-SUBSET-VALUES",
    level: "unspecified",
    scope: "policy",
    statement:
      "A Numeric value that is no number, a Date value that is neither ISO 8601 nor epoch seconds, or a Bool or Null value other than true/false has no documented meaning at Initiate.",
    sources: ["doc:iam-condition-operators", "research:open-questions"],
    choice: {
      question: "Q6",
      accepts: ["400 InvalidParameterValueException", "201"],
      chosen: "400 InvalidParameterValueException",
      reason: "Read as never matching, a Deny on such a value would protect nothing while looking like it does.",
    },
    exercisedOnlyWhen: SCENARIO_NEEDS_INSTALLING_ALTERNATIVE,
  },
  {
    id: "POL-GONE-AFTER-ABORT-OR-EXPIRY",
    level: "documented",
    scope: "policy",
    statement: "After Abort or expiry the policy no longer restricts anything.",
    sources: ["seed:initiate", "doc:abort"],
  },
  {
    id: "POL-IDENTITY-ONLY",
    level: "documented",
    scope: "policy",
    statement:
      "CreateVault and ListVaults are authorized by identity policies only (the permissions reference names no vault resource for them): a vault's lock or access policy denying them changes nothing.",
    sources: ["doc:permissions", "doc:iam"],
  },
  {
    id: "POL-SELF-LOCK",
    level: "unspecified",
    scope: "policy",
    statement:
      "Whether a lock policy denying the lock operations themselves (Abort, Complete, Get) applies to them is not documented.",
    sources: ["research:open-questions"],
    choice: {
      question: "Q8",
      accepts: ["the lock operations are governed by the policy", "the lock operations ignore the lock policy"],
      chosen: "the lock operations ignore the lock policy",
      reason: "Otherwise a policy could make its own Abort impossible, defeating the documented test phase.",
    },
    exercisedOnlyWhen: SCENARIO_NEEDS_INSTALLING_ALTERNATIVE,
  },
  {
    id: "POL-TAG-CONDITIONS-LIVE",
    level: "unspecified",
    scope: "policy",
    statement: "Whether glacier:ResourceTag conditions see tags added after the lock is Locked is not documented.",
    sources: ["research:open-questions", "doc:vault-lock-policy"],
    choice: {
      question: "Q17",
      accepts: ["tags are read at request time"],
      chosen: "tags are read at request time",
      reason: "The legal-hold example only works if a tag added later takes effect.",
    },
  },
  {
    id: "RACE-ONE-INITIATE-WINS",
    level: "unspecified",
    scope: "lifecycle",
    statement: "Concurrent Initiates on one vault: the documents do not say which wins.",
    sources: ["research:open-questions"],
    choice: {
      question: "Q18",
      accepts: ["exactly one 201, every other 403 AccessDeniedException, history linearizable"],
      chosen: "exactly one 201, every other 403 AccessDeniedException, history linearizable",
      reason: "Any other result would leave two live lock ids for one vault.",
    },
  },
  {
    id: "SVC-READ-AFTER-WRITE",
    level: "unspecified",
    scope: "service",
    statement: "Whether Get sees a lock change at once after Initiate, Complete or Abort is not documented.",
    sources: ["research:open-questions", "observed:terraform"],
    choice: {
      question: "Q13",
      accepts: ["immediately consistent", "consistent within a bounded delay the suite retries over"],
      chosen: "immediately consistent",
      reason: "One process holds the state; nothing to wait for.",
    },
    exercisedOnlyWhen:
      "a path that changes the lock (Initiate, Complete or Abort) passes and its closing GetVaultLock reads the change back",
  },
  {
    id: "SVC-NO-LONGER-SUPPORTED",
    level: "documented",
    scope: "service",
    statement:
      "Accounts with no Glacier storage get 400 NoLongerSupportedException from Glacier operations since the 2025 change.",
    sources: ["research:no-longer-supported", "model:botocore"],
    exercisedOnlyWhen:
      "the target is real AWS with an account that has no vault storage (the run then stops with this finding)",
  },
  {
    id: "SVC-NO-LONGER-SUPPORTED-SCOPE",
    level: "unspecified",
    scope: "service",
    statement: "Which operations answer NoLongerSupportedException for such accounts is not documented.",
    sources: ["research:no-longer-supported", "research:open-questions"],
    choice: {
      question: "Q9",
      accepts: ["every operation", "only operations that create storage", "never, for accounts with storage"],
      chosen: "never, for accounts with storage",
      reason: "Emulated accounts are existing customers; the rule matters only on real AWS.",
    },
    exercisedOnlyWhen: "the target is real AWS with an account that has no vault storage",
  },
  {
    id: "POL-RESOURCE-MATCH",
    level: "unspecified",
    scope: "policy",
    statement: "Whether a lock policy's Resource must name the vault it is installed on is not documented.",
    sources: ["research:open-questions", "seed:boto-initiate"],
    choice: {
      question: "Q6",
      accepts: ["accepted whatever the Resource", "400 InvalidParameterValueException"],
      chosen: "accepted whatever the Resource",
      reason: "The boto3 example installs a policy naming another vault.",
    },
  },
];
