import type { Requirement } from "./types.js";

/** The wire protocol: signing, headers, error bodies. Checked by the emulator's pipeline and the suite. */
export const PROTOCOL: Requirement[] = [
  {
    id: "PROTO-REST-JSON",
    level: "documented",
    scope: "protocol",
    statement:
      "The API is REST with JSON bodies, version 2012-06-01, signed for service 'glacier'; each operation has a fixed method and path.",
    sources: ["model:botocore", "research:protocol", "seed:initiate"],
  },
  {
    id: "PROTO-VERSION-HEADER",
    level: "documented",
    scope: "protocol",
    statement: "Every request carries x-amz-glacier-version: 2012-06-01.",
    sources: ["doc:request-headers", "seed:initiate"],
  },
  {
    id: "PROTO-VERSION-MISSING",
    level: "observed",
    scope: "protocol",
    statement: "A request without x-amz-glacier-version fails with 400 MissingParameterValueException.",
    sources: ["observed:field-reports", "research:protocol"],
  },
  {
    id: "PROTO-VERSION-WRONG",
    level: "unspecified",
    scope: "protocol",
    statement: "A request with another x-amz-glacier-version value gets an undocumented answer.",
    sources: ["research:open-questions"],
    choice: {
      question: "Q14",
      accepts: ["400 InvalidParameterValueException", "400 MissingParameterValueException", "the request is served"],
      chosen: "400 InvalidParameterValueException",
      reason: "The value is present but not one the service knows: a wrong parameter value.",
    },
  },
  {
    id: "PROTO-SIGV4",
    level: "documented",
    scope: "protocol",
    statement: "Every request is signed with AWS Signature Version 4 for scope <date>/<region>/glacier/aws4_request.",
    sources: ["doc:signing", "doc:request-headers"],
  },
  {
    id: "PROTO-NO-AUTH",
    level: "documented",
    scope: "protocol",
    statement: "A request with no authentication data fails with 400 MissingAuthenticationTokenException.",
    sources: ["doc:errors", "doc:signing"],
  },
  {
    id: "PROTO-UNKNOWN-KEY",
    level: "documented",
    scope: "protocol",
    statement: "A request signed with an unknown access key fails with 400 UnrecognizedClientException.",
    sources: ["doc:errors"],
  },
  {
    id: "PROTO-BAD-SIGNATURE",
    level: "observed",
    scope: "protocol",
    statement: "A request whose signature does not verify fails with 403 InvalidSignatureException.",
    sources: ["observed:field-reports", "doc:errors"],
  },
  {
    id: "PROTO-CLOCK-SKEW",
    level: "observed",
    scope: "protocol",
    statement:
      "A request signed more than 5 minutes away from the server's time fails with 403 InvalidSignatureException.",
    sources: ["observed:field-reports", "research:protocol"],
  },
  {
    id: "PROTO-RESPONSE-HEADERS",
    level: "documented",
    scope: "protocol",
    statement:
      "Every response carries x-amzn-RequestId and an RFC 1123 Date; responses with a body are application/json.",
    sources: ["doc:response-headers", "seed:get"],
  },
  {
    id: "PROTO-REQUIRED-HEADERS",
    level: "documented",
    scope: "protocol",
    statement:
      "UploadArchive requires both x-amz-sha256-tree-hash and x-amz-content-sha256; a request without either fails with 400 MissingParameterValueException.",
    sources: ["doc:upload-archive", "doc:request-headers"],
  },
  {
    id: "PROTO-DATE-FORMAT",
    level: "documented",
    scope: "protocol",
    statement: "Dates in response bodies are UTC ISO 8601 with milliseconds, e.g. 2013-03-20T17:03:43.221Z.",
    sources: ["seed:get", "research:protocol"],
  },
  {
    id: "PROTO-MALFORMED-BODY",
    level: "observed",
    scope: "protocol",
    statement: "A request body that is not valid JSON, or not a JSON object, fails with 400 SerializationException.",
    sources: ["doc:errors", "research:initiate"],
  },
  {
    id: "ERR-JSON-BODY",
    level: "documented",
    scope: "protocol",
    statement: "Errors answer application/json with string fields code (the exception name), message and type.",
    sources: ["doc:errors", "research:errors"],
  },
  {
    id: "ERR-STATUS-TABLE",
    level: "documented",
    scope: "protocol",
    statement: "Each error code comes with the HTTP status of the Developer Guide's error table.",
    sources: ["doc:errors", "model:botocore"],
  },
  {
    id: "ERR-MESSAGE-TEXT",
    level: "unspecified",
    scope: "protocol",
    statement: "Error messages (for AccessDenied in each state, for Get with no lock) are not a documented contract.",
    sources: ["research:open-questions", "doc:errors"],
    choice: {
      question: "Q10",
      accepts: ["any non-empty message"],
      chosen: "any non-empty message",
      reason:
        "The error page says messages differ per operation; only the code is checked. The emulator names the reason and the vault ARN.",
    },
  },
];
