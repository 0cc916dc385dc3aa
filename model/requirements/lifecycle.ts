import { INITIATE } from "./initiate.js";
import type { Requirement } from "./types.js";

/** Vault-lock lifecycle rules: each one is implemented by at least one machine transition. */
export const LIFECYCLE: Requirement[] = [
  ...INITIATE,
  {
    id: "COMP-LOCKS",
    level: "documented",
    scope: "lifecycle",
    statement:
      "Complete with the current lock id while InProgress moves the lock to Locked and answers 204 with no body.",
    sources: ["seed:complete", "seed:how-to-api"],
  },
  {
    id: "COMP-IDEMPOTENT",
    level: "documented",
    scope: "lifecycle",
    statement: "Complete on a Locked vault with the id that locked it succeeds again with 204 and changes nothing.",
    sources: ["seed:complete"],
  },
  {
    id: "COMP-LOCKED-WRONG-ID-DENIED",
    level: "documented",
    scope: "lifecycle",
    statement: "Complete on a Locked vault with any other lock id fails with 403 AccessDeniedException.",
    sources: ["seed:complete"],
  },
  {
    id: "COMP-IN-PROGRESS-WRONG-ID",
    level: "documented",
    scope: "lifecycle",
    statement:
      "Complete while InProgress with an id other than the current one fails with 400 InvalidParameterValueException (the page says 'InvalidParameter') and the lock stays InProgress.",
    sources: ["seed:complete", "model:botocore"],
  },
  {
    id: "COMP-STALE-ID-REJECTED",
    level: "documented",
    scope: "lifecycle",
    statement: "Only the most recent Initiate's id completes a lock; ids of aborted or expired attempts never do.",
    sources: ["seed:how-to-api", "seed:initiate"],
  },
  {
    id: "COMP-NO-LOCK",
    level: "unspecified",
    scope: "lifecycle",
    statement:
      "Complete on a vault with no lock (never initiated, aborted or expired) must fail and change nothing; the error is not documented.",
    sources: ["research:open-questions", "research:complete"],
    choice: {
      question: "Q1",
      accepts: ["400 InvalidParameterValueException", "403 AccessDeniedException", "404 ResourceNotFoundException"],
      chosen: "400 InvalidParameterValueException",
      reason: "A lock id that names no current attempt is a wrong parameter value, as for a wrong id while InProgress.",
    },
  },
  {
    id: "ABORT-REMOVES-POLICY",
    level: "documented",
    scope: "lifecycle",
    statement: "Abort while InProgress removes the lock policy, voids the lock id and answers 204.",
    sources: ["doc:abort", "seed:how-to-api"],
  },
  {
    id: "ABORT-LOCKED-DENIED",
    level: "documented",
    scope: "lifecycle",
    statement: "Abort on a Locked vault fails with 403 AccessDeniedException and the lock stays.",
    sources: ["doc:abort", "seed:how-to-api"],
  },
  {
    id: "ABORT-IDEMPOTENT",
    level: "documented",
    scope: "lifecycle",
    statement: "Abort on a vault with no lock policy succeeds with 204, so repeating Abort is harmless.",
    sources: ["doc:abort"],
  },
  {
    id: "LOCKED-IS-PERMANENT",
    level: "documented",
    scope: "lifecycle",
    statement: "Once Locked, the lock policy can be neither changed nor removed, and the lock never expires.",
    sources: ["seed:how-to-api", "doc:vault-lock", "seed:initiate"],
  },
  {
    id: "GET-IN-PROGRESS",
    level: "documented",
    scope: "lifecycle",
    statement:
      "Get while InProgress answers 200 JSON with Policy, State InProgress, CreationDate and ExpirationDate, the moment the lock expires: 24 hours after CreationDate.",
    sources: ["seed:get", "model:botocore"],
  },
  {
    id: "GET-LOCKED",
    level: "documented",
    scope: "lifecycle",
    statement: "Get on a Locked vault answers 200 JSON with Policy, State Locked and CreationDate.",
    sources: ["seed:get"],
  },
  {
    id: "GET-LOCKED-EXPIRATION",
    level: "unspecified",
    scope: "lifecycle",
    statement: "Whether a Locked lock's ExpirationDate is omitted or JSON null is not documented.",
    sources: ["seed:get", "research:open-questions"],
    choice: {
      question: "Q12",
      accepts: ["ExpirationDate absent", "ExpirationDate null"],
      chosen: "ExpirationDate absent",
      reason: "The AWS CLI example of a Locked vault shows no ExpirationDate.",
    },
  },
  {
    id: "GET-NO-LOCK-NOT-FOUND",
    level: "documented",
    scope: "lifecycle",
    statement:
      "Get on a vault with no lock policy (never set, aborted or expired) fails with 404 ResourceNotFoundException.",
    sources: ["seed:get", "research:get"],
  },
  {
    id: "GET-POLICY-ROUNDTRIP",
    level: "unspecified",
    scope: "lifecycle",
    statement: "Whether Get returns the policy byte for byte as sent or normalised is not documented.",
    sources: ["research:open-questions", "research:policy"],
    choice: {
      question: "Q11",
      accepts: ["the same string", "a semantically equal JSON document"],
      chosen: "the same string",
      reason: "Returning what was stored is the least surprising behaviour and the easiest to check.",
    },
  },
  {
    id: "LOCK-OPS-VAULT-MISSING",
    level: "documented",
    scope: "lifecycle",
    statement:
      "Initiate, Complete, Abort and Get on a vault that does not exist fail with 404 ResourceNotFoundException.",
    sources: ["model:botocore", "seed:boto-initiate", "research:abort"],
  },
];
