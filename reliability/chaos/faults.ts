/**
 * The chaos proxy's fault table: every kind of broken answer it can give instead of the upstream's, each with
 * a one-line description, the routes it applies to, the answers it can alter and the requirements it breaks.
 */
import {
  duplicated,
  garbage,
  HTML_PAGE,
  INTERNAL_FAILURE,
  nonIsoClock,
  padded,
  withBody,
  wrongTypes,
} from "./bodies.js";
import {
  chunk,
  head,
  header,
  jsonMembers,
  serialize,
  withHeader,
  withoutHeader,
  type Action,
  type Answer,
} from "./wire.js";

/** The AWS routes, the emulator's `/__emulator/clock` control route, or either. */
export type Route = "aws" | "clock";

/** The connection a request came on: `reused` when it already carried an earlier exchange (kept alive). */
export interface Connection {
  reused: boolean;
}

export interface Fault {
  kind: string;
  description: string;
  routes: "aws" | "clock" | "any";
  /**
   * Whether the fault can alter this answer (a header to drop, a body to break) of a request that came on
   * `connection`; default: every answer.
   */
  applies?: (answer: Answer, connection: Connection) => boolean;
  /** At most this many per proxy: each costs a run seconds (the suite waits on it). */
  limit?: number;
  /**
   * What a run the fault was injected into must fail: these requirements; by default ("step") the requirements
   * of whatever step it hit; "nothing" for an answer that still conforms (the run must pass).
   */
  breaks?: "step" | "nothing" | readonly string[];
  act: (answer: Answer, random: () => number) => Action;
}

export const DELAY_MS = 250;

const answer = (altered: Answer): Action => ({ type: "answer", answer: altered });
const raw = (after: "close" | "hold", ...bytes: Buffer[]): Action => ({ type: "raw", bytes, after });
const bodied = (a: Answer) => a.body.length > 0;
const json = (a: Answer) => jsonMembers(a) !== undefined;
const end = Buffer.from("0\r\n\r\n");

function dropHeader(name: string, routes: Fault["routes"], breaks: readonly string[]): Fault {
  return {
    kind: `drop-${name.toLowerCase()}`,
    description: `the ${name} header removed`,
    routes,
    applies: (a) => header(a, name) !== undefined,
    breaks,
    act: (a) => answer(withoutHeader(a, name)),
  };
}

/** Every fault kind, in a fixed order (the order the PRNG picks from). */
export const FAULTS: readonly Fault[] = [
  dropHeader("x-amzn-RequestId", "any", ["PROTO-RESPONSE-HEADERS"]),
  dropHeader("Date", "any", ["PROTO-RESPONSE-HEADERS"]),
  dropHeader("Content-Type", "any", ["PROTO-RESPONSE-HEADERS", "ERR-JSON-BODY"]),
  dropHeader("x-amz-lock-id", "aws", ["INIT-INSTALLS-POLICY", "INIT-LOCK-ID-FORMAT", "RACE-ONE-INITIATE-WINS"]),
  dropHeader("Location", "aws", ["CV-CREATES", "CV-IDEMPOTENT", "ARCH-UPLOAD"]),
  {
    kind: "status-403-400",
    description: "a 403 answered as 400 and a 400 as 403, body unchanged",
    routes: "any",
    applies: (a) => a.status === 403 || a.status === 400,
    act: (a) => answer({ ...a, status: a.status === 403 ? 400 : 403 }),
  },
  {
    kind: "status-2xx-500",
    description: "a success answered as 500, body unchanged",
    routes: "any",
    applies: (a) => a.status >= 200 && a.status < 300,
    act: (a) => answer({ ...a, status: 500 }),
  },
  {
    kind: "status-201-200",
    description: "a 201 Created answered as 200",
    routes: "any",
    applies: (a) => a.status === 201,
    act: (a) => answer({ ...a, status: 200 }),
  },
  {
    kind: "garbage-body",
    description: "the body replaced by 32–255 random bytes that are neither JSON nor UTF-8",
    routes: "any",
    applies: bodied,
    act: (a, random) => answer(withBody(a, garbage(random))),
  },
  {
    kind: "html-body",
    description: "the body replaced by an HTML error page, Content-Type text/html",
    routes: "any",
    applies: bodied,
    act: (a) => answer(withBody(withHeader(a, "Content-Type", "text/html; charset=utf-8"), HTML_PAGE)),
  },
  {
    kind: "empty-body",
    description: "the body removed (Content-Length: 0), status and headers kept",
    routes: "any",
    applies: bodied,
    act: (a) => answer(withBody(a, "")),
  },
  {
    kind: "truncated-body",
    description: "the full Content-Length announced, half the body sent, then the connection closed",
    routes: "any",
    applies: bodied,
    act: (a) =>
      raw("close", head(a, [["Content-Length", String(a.body.length)]]), a.body.subarray(0, a.body.length >> 1)),
  },
  {
    kind: "wrong-types",
    description: 'every JSON member given a value of another type (e.g. VaultList: "x", State: 5, Policy: {})',
    routes: "any",
    applies: json,
    act: (a, random) => answer(wrongTypes(a, random)),
  },
  {
    kind: "duplicate-members",
    description: "every JSON member sent twice, the second copy (the one JSON.parse keeps) altered",
    routes: "any",
    applies: json,
    act: (a) => answer(duplicated(a)),
  },
  {
    kind: "big-body",
    description: "a 5 MiB string member added to the JSON body",
    routes: "any",
    applies: json,
    act: (a) => answer(padded(a)),
  },
  {
    kind: "delay",
    description: `the answer sent unchanged after ${DELAY_MS} ms`,
    routes: "any",
    limit: 20,
    breaks: "nothing",
    act: (a) => ({ type: "answer", answer: a, delayMs: DELAY_MS }),
  },
  {
    kind: "stall",
    description: "no answer at all, the connection held open",
    routes: "any",
    limit: 1,
    act: () => raw("hold"),
  },
  {
    kind: "stall-after-headers",
    description: "status line and headers sent, then nothing, the connection held open",
    routes: "any",
    applies: bodied,
    limit: 1,
    act: (a) => raw("hold", head(a, [["Content-Length", String(a.body.length)]])),
  },
  {
    kind: "reset",
    description: "the connection reset (TCP RST) before any byte of the answer",
    routes: "any",
    act: () => ({ type: "reset" }),
  },
  {
    kind: "close-after-headers",
    description: "status line and headers sent, then the connection closed before the body",
    routes: "any",
    applies: bodied,
    act: (a) => raw("close", head(a, [["Content-Length", String(a.body.length)]])),
  },
  {
    kind: "bad-chunking",
    description: "Transfer-Encoding: chunked with a chunk size that is not hexadecimal",
    routes: "any",
    applies: bodied,
    act: (a) =>
      raw(
        "close",
        head(a, [["Transfer-Encoding", "chunked"]]),
        Buffer.from("zz\r\n"),
        a.body,
        Buffer.from("\r\n"),
        end,
      ),
  },
  {
    kind: "length-and-chunked",
    description: "both Content-Length and Transfer-Encoding: chunked on one answer",
    routes: "any",
    applies: bodied,
    act: (a) =>
      raw(
        "close",
        head(a, [
          ["Transfer-Encoding", "chunked"],
          ["Content-Length", String(a.body.length)],
        ]),
        chunk(a.body),
        end,
      ),
  },
  {
    // Chosen when the later request arrives, not after the first answer: a stray answer sent at once was lost
    // when it reached the client in one read with the first (node:http drops what follows a complete answer)
    // or when the client's next request did not come on that connection before it saw it closed.
    kind: "answer-twice",
    description:
      "an answer followed by a second, unrequested 500 on the same kept-alive connection, sent once the client's next request arrives there, so that the client always reads it as that request's answer (whose own answer is dropped); the 500 says Connection: close and the connection is closed",
    routes: "any",
    applies: (_, connection) => connection.reused,
    act: () =>
      raw(
        "close",
        serialize({
          status: 500,
          headers: [
            ["Content-Type", "application/json"],
            ["Connection", "close"],
          ],
          body: Buffer.from(INTERNAL_FAILURE),
        }),
      ),
  },
  {
    kind: "clock-garbage",
    description: "the clock-control answer replaced by random bytes, status 200",
    routes: "clock",
    act: (a, random) => answer(withBody(a, garbage(random))),
  },
  {
    kind: "clock-null",
    description: "the clock-control answer replaced by the JSON null, status 200",
    routes: "clock",
    act: (a) => answer(withBody(a, "null")),
  },
  {
    kind: "clock-non-iso",
    description: "the clock-control answer with now as an RFC 1123 date and offsetMs as an ISO 8601 duration",
    routes: "clock",
    applies: (a) => typeof jsonMembers(a)?.now === "string",
    act: (a) => answer(nonIsoClock(a)),
  },
  {
    kind: "clock-500",
    description: "the clock-control answer replaced by 500 InternalFailure",
    routes: "clock",
    act: (a) => answer(withBody({ ...a, status: 500 }, INTERNAL_FAILURE)),
  },
];

export const FAULT_KINDS: readonly string[] = FAULTS.map((f) => f.kind);

/** The fault of `kind`; throws on an unknown kind, naming the known ones. */
export function faultOf(kind: string): Fault {
  const fault = FAULTS.find((f) => f.kind === kind);
  if (!fault) throw new Error(`unknown fault kind ${kind}; known: ${FAULT_KINDS.join(", ")}`);
  return fault;
}
