/**
 * `startEmulator(options)`: the reference emulator as a library, for the suite and anyone's tests.
 * Binds loopback on a free port by default; returns its URL, its service clock and `close()`.
 */
import { createServer, STATUS_CODES, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { DEFAULT_ACCOUNTS, type AccountCredentials } from "./accounts.js";
import { Authenticator } from "./auth.js";
import { ERRORS, type ErrorCode } from "../model/index.js";
import { createClock, type ServiceClock } from "./clock.js";
import { errorBody } from "../protocol/errors.js";
import { createPipeline } from "./pipeline.js";
import { Journal } from "./journal.js";
import { mutantNamed } from "./mutants/catalogue.js";
import { mutantDecision, mutatedParts } from "./mutants/wiring.js";
import { VaultService } from "./service.js";

export interface EmulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  accounts?: readonly AccountCredentials[];
  /** Serve the `/__emulator/clock` control routes. Off by default. */
  clockControl?: boolean;
  /** Start the service clock here (epoch ms) instead of at the wall-clock time. */
  startTime?: number;
  /** Largest request body accepted; default 1 MiB. */
  maxBodyBytes?: number;
  /** Largest UploadArchive body accepted (only its tree hash is kept); default 64 MiB. */
  maxArchiveBytes?: number;
  /** A behavioural mutant (emulator/mutants/catalogue.ts) to measure a suite with. Never set it otherwise. */
  mutant?: string;
  /** Keep vaults, locks and the clock offset in this directory across restarts (emulator/journal.ts). */
  dataDir?: string;
  /** How long a client may take to send a whole request; default 30 s (headers: at most 10 s). */
  requestTimeoutMs?: number;
}

export interface Emulator {
  url: string;
  clock: ServiceClock;
  accounts: readonly AccountCredentials[];
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_MAX_ARCHIVE_BYTES = 64 * 1024 * 1024;

/** Starts an emulator; resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const accounts = options.accounts ?? DEFAULT_ACCOUNTS;
  const durable = options.dataDir ? Journal.open(options.dataDir) : undefined;
  const start = options.startTime ?? (durable ? Date.now() + durable.state.clockOffset : undefined);
  const clock = durable ? journaledClock(createClock(start), durable.journal) : createClock(start);
  const mutant = options.mutant ? mutantNamed(options.mutant) : undefined;
  const service = new VaultService(clock, {
    ...(mutant ? mutantDecision(mutant) : {}),
    ...(durable ? { journal: durable.journal, worlds: durable.state.worlds } : {}),
  });
  const auth = new Authenticator(accounts, Date.now);
  const pipeline = createPipeline({
    ...(mutant ? mutatedParts(mutant, { service, auth, accounts }) : { service, auth }),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    maxArchiveBytes: options.maxArchiveBytes ?? DEFAULT_MAX_ARCHIVE_BYTES,
    control: options.clockControl ? { clock } : undefined,
  });
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const headersTimeout = Math.min(10_000, requestTimeout);
  const connectionsCheckingInterval = Math.min(2_000, requestTimeout / 2);
  const server = createServer(
    { requestTimeout, headersTimeout, connectionsCheckingInterval, maxHeaderSize: 16 * 1024 },
    pipeline,
  );
  server.keepAliveTimeout = 5_000;
  server.on("clientError", answerMalformed);
  const host = options.host ?? "127.0.0.1";
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  const stop = async () => {
    await close(server);
    durable?.journal.close();
  };
  return { url: `http://${shownHost}:${port}`, clock, accounts, close: stop };
}

/** A clock whose moves are journaled, so the offset survives a restart. */
function journaledClock(clock: ServiceClock, journal: Journal): ServiceClock {
  const persist = () => journal.append({ clockOffset: clock.offset() });
  return {
    ...clock,
    advance: (ms) => {
      clock.advance(ms);
      persist();
    },
    set: (epochMs) => {
      clock.set(epochMs);
      persist();
    },
  };
}

/**
 * Answers an HTTP request Node could not take (headers over 16 KB, garbage, a client too slow to send its
 * request) with an AWS JSON error, then closes: 408 RequestTimeoutException for the slow, 400 BadRequest else.
 */
function answerMalformed(error: Error & { rawPacket?: Buffer; code?: string }, socket: Duplex): void {
  if (!socket.writable) return void socket.destroy();
  const slow = error.code === "ERR_HTTP_REQUEST_TIMEOUT";
  const code: ErrorCode = slow ? "RequestTimeoutException" : "BadRequest";
  const status = ERRORS[code].status;
  const reason = STATUS_CODES[status];
  const json = errorBody(
    code,
    slow ? "The request was not received in time" : `Malformed HTTP request: ${error.message}`,
  );
  const head = error.rawPacket?.subarray(0, 5).toString("latin1") === "HEAD ";
  const headers = `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close`;
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${headers}\r\n\r\n${head ? "" : json}`);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
