/**
 * Mutants of checks that sit beside the lock rules: the 24-hour window a GetVaultLock answer shows, and the
 * checksum headers UploadArchive requires. Each dies only by the check it names, so removing that check
 * lets it survive.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Mutant } from "./catalogue.js";
import { op, stateOf } from "./kit.js";

/** How far the mutant moves ExpirationDate: inside the suite's date tolerance, outside its 24-hour window check. */
const DRIFT_MS = 3_000;

export const PROTOCOL_MUTANTS: readonly Mutant[] = [
  {
    name: "lock-window-drift",
    breaks: "GET-IN-PROGRESS",
    layer: "oracle",
    description: "GetVaultLock on an InProgress lock shows an ExpirationDate 3 s past CreationDate + 24 h",
    respond: (w, r, reference) => {
      const expires = reference.response.body?.ExpirationDate;
      if (op(r) !== "GetVaultLock" || stateOf(w, r) !== "inProgress" || typeof expires !== "string") return undefined;
      const drifted = new Date(Date.parse(expires) + DRIFT_MS).toISOString();
      return {
        ...reference,
        response: { ...reference.response, body: { ...reference.response.body, ExpirationDate: drifted } },
      };
    },
  },
  {
    name: "content-hash-optional",
    breaks: "PROTO-REQUIRED-HEADERS",
    layer: "handler",
    description: "UploadArchive is served without x-amz-content-sha256",
    requestHeaders: (headers: IncomingHttpHeaders) =>
      headers["x-amz-content-sha256"] === undefined
        ? { ...headers, "x-amz-content-sha256": "UNSIGNED-PAYLOAD" }
        : headers,
  },
];
