/**
 * What every answer must be at the wire, whatever the SDK makes of it: the protocol rules of the catalogue,
 * one entry a rule. Each rule names the requirements it checks, which answers it applies to, and what is
 * wrong with one answer. The ledger (`ledger.ts`) applies them to every exchange of a run.
 */
import { ERRORS, isErrorCode } from "../../model/index.js";
import { jsonObject } from "./json.js";
import { bodySchemaProblem } from "./schema.js";

/** One answer as the rules see it. */
export interface WireAnswer {
  /** The operation the request was for (an SDK operation name), when known. */
  operation?: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The body's JSON object, when it is one (read once, by `wireAnswer`). */
  json?: Record<string, unknown>;
}

/** The answer the rules judge, its body read as JSON once for all of them. */
export function wireAnswer(parts: Omit<WireAnswer, "json">): WireAnswer {
  const json = parts.body.length ? jsonObject(parts.body) : undefined;
  return json ? { ...parts, json } : parts;
}

export interface WireRule {
  /** Result id suffix: `wire:<id>`. */
  id: string;
  requirements: string[];
  /** Which answers the rule speaks of, in words (shown when none came). */
  scope: string;
  applies: (answer: WireAnswer) => boolean;
  problem: (answer: WireAnswer) => string | undefined;
}

const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const RFC_1123 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/;

const isError = (a: WireAnswer) => a.status >= 400;
const isSuccess = (a: WireAnswer) => a.status >= 200 && a.status < 300;

/** Every `…Date` member anywhere in a JSON value, with its path. */
function dateMembers(value: unknown, path: string): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => dateMembers(v, `${path}[${i}]`));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, v]): [string, unknown][] =>
    key.endsWith("Date") ? [[`${path}.${key}`, v]] : dateMembers(v, `${path}.${key}`),
  );
}

export const WIRE_RULES: readonly WireRule[] = [
  {
    id: "request-id",
    requirements: ["PROTO-RESPONSE-HEADERS"],
    scope: "answers",
    applies: () => true,
    problem: (a) => (a.headers["x-amzn-requestid"] ? undefined : "no x-amzn-RequestId header"),
  },
  {
    id: "date-header",
    requirements: ["PROTO-RESPONSE-HEADERS"],
    scope: "answers",
    applies: () => true,
    problem: (a) => {
      const date = a.headers.date;
      if (!date) return "no Date header";
      return RFC_1123.test(date) ? undefined : `Date ${JSON.stringify(date)} is not an RFC 1123 date`;
    },
  },
  {
    id: "content-type",
    requirements: ["PROTO-RESPONSE-HEADERS", "PROTO-REST-JSON"],
    scope: "answers with a body",
    applies: (a) => a.body.length > 0,
    problem: (a) => {
      const type = a.headers["content-type"];
      if (!type) return "a body without a Content-Type";
      return type.split(";")[0]!.trim().toLowerCase() === "application/json"
        ? undefined
        : `Content-Type ${type} instead of application/json`;
    },
  },
  {
    id: "error-body",
    requirements: ["ERR-JSON-BODY"],
    scope: "error answers",
    applies: isError,
    problem: (a) => {
      const json = a.json;
      if (!json) return a.body.length ? "the error body is not a JSON object" : "the error has no body";
      for (const field of ["code", "message", "type"])
        if (typeof json[field] !== "string") return `the error body has no string "${field}"`;
      return undefined;
    },
  },
  {
    id: "error-status",
    requirements: ["ERR-STATUS-TABLE"],
    scope: "error answers with a code the error table knows",
    applies: (a) => {
      const code = isError(a) ? a.json?.code : undefined;
      return typeof code === "string" && isErrorCode(code);
    },
    problem: (a) => {
      const code = a.json!.code as keyof typeof ERRORS;
      const status = ERRORS[code].status;
      return a.status === status ? undefined : `${code} answered with ${a.status} instead of ${status}`;
    },
  },
  {
    id: "error-message",
    requirements: ["ERR-MESSAGE-TEXT"],
    scope: "error answers with a JSON body",
    applies: (a) => isError(a) && a.json !== undefined,
    problem: (a) => {
      const message = a.json!.message;
      return typeof message === "string" && message.trim() ? undefined : "the error has no message text";
    },
  },
  {
    id: "body-dates",
    requirements: ["PROTO-DATE-FORMAT"],
    scope: "successful answers whose body has dates",
    applies: (a) => isSuccess(a) && dateMembers(a.json, "body").length > 0,
    problem: (a) => {
      for (const [path, value] of dateMembers(a.json, "body"))
        if (value !== null && (typeof value !== "string" || !ISO_MS.test(value)))
          return `${path} ${JSON.stringify(value)} is not ISO 8601 UTC with milliseconds`;
      return undefined;
    },
  },
  {
    id: "body-shape",
    requirements: ["PROTO-REST-JSON"],
    scope: "successful answers with a body",
    applies: (a) => isSuccess(a) && a.body.length > 0 && a.operation !== undefined,
    problem: (a) => {
      if (!a.json) return "the body is not a JSON object";
      return bodySchemaProblem(a.operation!, a.json);
    },
  },
];
