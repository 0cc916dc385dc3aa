/**
 * Concurrent histories as data: one entry per operation, with the client (lane) that sent it, when it was called
 * and when its answer came back, the service time the oracle should use and what was observed; plus what a checker
 * needs to replay it (signer, region, tolerance and the vaults that existed before). `encodeHistory` and
 * `decodeHistory` give and read the JSON form documented in `docs/history-format.md`, so a history recorded here
 * can be fed to another checker, and one recorded elsewhere to ours.
 */
import { withArchiveMap, type Change, type Operation, type VaultRecord } from "../model/index.js";
import type { Observed } from "./invoke.js";

export const HISTORY_FORMAT = "glacier-vault-lock-history/1";

export interface HistoryEntry {
  /** The lane (0-based) that sent it: one client, one request at a time. */
  client: number;
  operation: Operation;
  /** What came back; status 0 when nothing did, `transport` when it broke off (see `unknownOutcome`, `deadline`). */
  observed: Observed;
  /** Wall-clock ms (fractional) just before the request was sent and just after its answer (or its failure) came. */
  called: number;
  returned: number;
  /** The endpoint's service time (epoch ms) to give the oracle, as the client estimated it at the call. */
  now: number;
}

export interface History {
  /** The 12-digit account id of the credentials every request was signed with. */
  signer: string;
  region: string;
  /** Dates in answers may differ from the model's by this much; expiry within it may go either way. */
  toleranceMs: number;
  /** The vaults that existed before the first call, as changes that create them. */
  start: Change[];
  entries: HistoryEntry[];
}

/** True when the answer is not known: none came (status 0), or it broke off (`transport`). */
export function unknownOutcome(observed: Observed): boolean {
  return observed.status === 0 || observed.transport !== undefined;
}

/**
 * When an entry's effect must have happened by: its return, or never for one that got no answer at all (status 0),
 * which may have taken effect at any time after its call, or not at all.
 */
export function deadline(entry: HistoryEntry): number {
  return entry.observed.status === 0 ? Infinity : entry.returned;
}

/** Wall-clock ms with sub-millisecond precision, for call and return times. */
export function wallClock(): number {
  return performance.timeOrigin + performance.now();
}

/** Thrown by `decodeHistory` on a document that is not a history; the message is one line. */
export class HistoryFormatError extends Error {}

type EncodedOperation = Omit<Extract<Operation, { name: "UploadArchive" }>, "body"> & { bodyBase64: string };

function encodeOperation(operation: Operation): object {
  if (operation.name !== "UploadArchive") return operation;
  const { body, ...rest } = operation;
  return { ...rest, bodyBase64: Buffer.from(body).toString("base64") };
}

function decodeOperation(value: unknown, where: string): Operation {
  if (typeof value !== "object" || value === null || typeof (value as { name?: unknown }).name !== "string")
    throw new HistoryFormatError(`${where}: operation must be an object with a name`);
  if ((value as { name: string }).name !== "UploadArchive") return value as Operation;
  const { bodyBase64, ...rest } = value as EncodedOperation;
  if (typeof bodyBase64 !== "string") throw new HistoryFormatError(`${where}: UploadArchive needs bodyBase64`);
  return { ...rest, body: new Uint8Array(Buffer.from(bodyBase64, "base64")) };
}

/** The JSON text of a history (format `HISTORY_FORMAT`). */
export function encodeHistory(history: History): string {
  const entries = history.entries.map((e) => ({ ...e, operation: encodeOperation(e.operation) }));
  return JSON.stringify({ format: HISTORY_FORMAT, ...history, entries });
}

function decodeEntry(value: unknown, index: number): HistoryEntry {
  const where = `entries[${index}]`;
  const entry = value as Record<string, unknown>;
  if (typeof entry !== "object" || entry === null) throw new HistoryFormatError(`${where} is not an object`);
  for (const field of ["client", "called", "returned", "now"])
    if (typeof entry[field] !== "number") throw new HistoryFormatError(`${where}.${field} must be a number`);
  const observed = entry.observed as Observed;
  if (typeof observed !== "object" || observed === null || typeof observed.status !== "number")
    throw new HistoryFormatError(`${where}.observed must be an object with a status`);
  if ((entry.returned as number) < (entry.called as number))
    throw new HistoryFormatError(`${where} returned before it was called`);
  return {
    ...(entry as unknown as HistoryEntry),
    observed: { ...observed, headers: observed.headers ?? {} },
    operation: decodeOperation(entry.operation, where),
  };
}

/** Reads a history's JSON text; throws HistoryFormatError (one line) when it is not one. */
export function decodeHistory(text: string): History {
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new HistoryFormatError(`not JSON: ${(error as Error).message}`);
  }
  if (typeof document !== "object" || document === null || document.format !== HISTORY_FORMAT)
    throw new HistoryFormatError(`not a history: "format" must be "${HISTORY_FORMAT}"`);
  const { signer, region, toleranceMs, start = [], entries } = document;
  if (typeof signer !== "string" || typeof region !== "string")
    throw new HistoryFormatError("signer and region must be strings");
  if (typeof toleranceMs !== "number") throw new HistoryFormatError("toleranceMs must be a number");
  if (!Array.isArray(start) || !Array.isArray(entries))
    throw new HistoryFormatError("start and entries must be arrays");
  return { signer, region, toleranceMs, start: start.map(decodeChange), entries: entries.map(decodeEntry) };
}

/** One vault of the start: its account, name and record (absent: no vault), the archives read as a map. */
function decodeChange(value: unknown, index: number): Change {
  const where = `start[${index}]`;
  const { account, vaultName, record } = (value ?? {}) as Partial<Change>;
  if (typeof account !== "string" || typeof vaultName !== "string")
    throw new HistoryFormatError(`${where}: account and vaultName must be strings`);
  if (record === undefined || record === null) return { account, vaultName, record: undefined };
  const context = (record as Partial<VaultRecord>).context as Record<string, unknown> | undefined;
  const archives = context?.archives ?? {};
  if (typeof record.state !== "string" || typeof context !== "object" || context === null)
    throw new HistoryFormatError(`${where}: a record needs a state and a context`);
  if (typeof archives !== "object" || archives === null || Array.isArray(archives))
    throw new HistoryFormatError(`${where}: the archives must be an object of archives by id`);
  return { account, vaultName, record: withArchiveMap(record) };
}
