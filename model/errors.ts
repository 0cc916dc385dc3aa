/**
 * The one error table: every error code the model, the emulator and the suite know, with its HTTP
 * status and AWS `type` field. Statuses follow the Developer Guide's error table (ERR-STATUS-TABLE);
 * where the service model differs, the difference is recorded in `inconsistencies.ts`.
 */
export const ERRORS = {
  AccessDeniedException: { status: 403, type: "Client" },
  BadRequest: { status: 400, type: "Client" },
  ExpiredTokenException: { status: 403, type: "Client" },
  IncompleteSignatureException: { status: 400, type: "Client" },
  InvalidParameterValueException: { status: 400, type: "Client" },
  InvalidSignatureException: { status: 403, type: "Client" },
  LimitExceededException: { status: 400, type: "Client" },
  MissingAuthenticationTokenException: { status: 400, type: "Client" },
  MissingParameterValueException: { status: 400, type: "Client" },
  NoLongerSupportedException: { status: 400, type: "Client" },
  RequestTimeoutException: { status: 408, type: "Client" },
  ResourceNotFoundException: { status: 404, type: "Client" },
  SerializationException: { status: 400, type: "Client" },
  ServiceUnavailableException: { status: 500, type: "Server" },
  ThrottlingException: { status: 400, type: "Client" },
  UnrecognizedClientException: { status: 400, type: "Client" },
  UnknownOperationException: { status: 404, type: "Client" },
} as const satisfies Record<string, { status: number; type: "Client" | "Server" }>;

export type ErrorCode = keyof typeof ERRORS;

/** True when `code` names an error of the table. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERRORS, code);
}
