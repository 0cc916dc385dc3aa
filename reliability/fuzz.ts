/**
 * The fuzzing harness: sends generated hostile requests to an emulator and checks that each gets an
 * AWS-shaped error with the status of the error table, that the server keeps answering, and that the
 * vaults it holds are exactly as before (compared through the SDK afterwards).
 */
import {
  DescribeVaultCommand,
  GetVaultLockCommand,
  ListVaultsCommand,
  type GlacierClient,
} from "@aws-sdk/client-glacier";
import fc from "fast-check";
import type { AccountCredentials } from "../emulator/accounts.js";
import { ERRORS, isErrorCode } from "../model/index.js";
import { FUZZ_VAULTS, headersFor, hostileRequests, send, type Answer, type Hostile } from "./hostile.js";

export interface FuzzFigures {
  sent: number;
  /** Answers that were not an AWS-shaped error with the table's status. */
  malformed: number;
  /** Requests with no answer in time (a hang), the truncated ones excepted. */
  unanswered: number;
  /** The vaults differed from the snapshot afterwards. */
  divergences: number;
  seed: number;
  examples: string[];
}

/** What is wrong with an answer to a request that must be refused, or undefined. */
export function problemWith(hostile: Hostile, answer: Answer): string | undefined {
  if (hostile.defect === "truncated") return undefined;
  if (answer.status < 400) return `answered ${answer.status}`;
  if (answer.contentType !== "application/json") return `content-type ${answer.contentType}`;
  if (hostile.method === "HEAD") return undefined;
  let body: { code?: unknown; message?: unknown; type?: unknown };
  try {
    body = JSON.parse(answer.body) as typeof body;
  } catch {
    return `body is not JSON: ${answer.body.slice(0, 60)}`;
  }
  if (typeof body.code !== "string" || !isErrorCode(body.code)) return `unknown code ${String(body.code)}`;
  if (ERRORS[body.code].status !== answer.status) return `${body.code} with status ${answer.status}`;
  if (typeof body.message !== "string" || (body.type !== "Client" && body.type !== "Server"))
    return "message or type missing";
  return undefined;
}

/** Everything the SDK can see of the fuzzed vaults, as text. */
export async function snapshot(client: GlacierClient): Promise<string> {
  const parts: unknown[] = [(await client.send(new ListVaultsCommand({ accountId: "-" }))).VaultList];
  for (const vaultName of FUZZ_VAULTS) {
    const { $metadata: _, ...vault } = await client.send(new DescribeVaultCommand({ accountId: "-", vaultName }));
    const { $metadata: __, ...lock } = await client.send(new GetVaultLockCommand({ accountId: "-", vaultName }));
    parts.push(vault, lock);
  }
  return JSON.stringify(parts);
}

/** Sends `count` hostile requests to `url`, 8 at a time, and checks them. */
export async function fuzz(
  url: string,
  account: AccountCredentials,
  client: GlacierClient,
  count: number,
  seed: number,
): Promise<FuzzFigures> {
  const figures: FuzzFigures = { sent: 0, malformed: 0, unanswered: 0, divergences: 0, seed, examples: [] };
  const before = await snapshot(client);
  const target = new URL(url);
  const samples = fc.sample(hostileRequests(), { numRuns: count, seed });
  for (let i = 0; i < samples.length; i += 8) {
    await Promise.all(
      samples.slice(i, i + 8).map(async (hostile) => {
        figures.sent++;
        const answer = await send(target, hostile, await headersFor(target, hostile, account)).catch((e: Error) => e);
        const problem =
          answer instanceof Error
            ? hostile.defect === "truncated"
              ? undefined
              : `no answer: ${answer.message}`
            : problemWith(hostile, answer);
        if (!problem) return;
        if (answer instanceof Error) figures.unanswered++;
        else figures.malformed++;
        if (figures.examples.length < 5)
          figures.examples.push(`${hostile.defect} ${hostile.method} ${hostile.path.slice(0, 60)}: ${problem}`);
      }),
    );
  }
  if ((await snapshot(client)) !== before) figures.divergences++;
  return figures;
}
