import { ERRORS, type ErrorCode } from "./errors.js";

/** An answer as the spec names it: a status, and an error code for errors. */
export interface OutcomeSpec {
  status: number;
  code?: ErrorCode;
}

/** Parts of a successful response that must be there (or must not be). Header names are lower case. */
export interface ResponseParts {
  headers?: string[];
  body?: string[];
  bodyAbsent?: string[];
}

/** A concrete answer: what the emulator sends and what the suite compares against. */
export interface Response {
  status: number;
  code?: ErrorCode;
  message?: string;
  headers: Record<string, string>;
  body?: Record<string, unknown>;
}

/** A success outcome with this status. */
export function ok(status: 200 | 201 | 204): OutcomeSpec {
  return { status };
}

/** The error outcome of this code, its status taken from the error table. */
export function err(code: ErrorCode): OutcomeSpec {
  return { status: ERRORS[code].status, code };
}

/** `204` or `403 AccessDeniedException`: the form the catalogue's `accepts` lists use. */
export function formatOutcome(outcome: OutcomeSpec): string {
  return outcome.code ? `${outcome.status} ${outcome.code}` : String(outcome.status);
}

/** An error response for `code`. */
export function errorResponse(code: ErrorCode, message: string): Response {
  return { status: ERRORS[code].status, code, message, headers: {} };
}
