/** Errors the HTTP layer raises, rendered through the model's one error table (ERR-JSON-BODY, ERR-STATUS-TABLE). */
import { ERRORS, type ErrorCode } from "../model/index.js";

/** An AWS error raised anywhere in the pipeline; the pipeline turns it into the JSON error body. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return ERRORS[this.code].status;
  }
}

/** The compact JSON body AWS sends: `{"code","message","type"}`. */
export function errorBody(code: ErrorCode, message: string): string {
  return JSON.stringify({ code, message, type: ERRORS[code].type });
}
