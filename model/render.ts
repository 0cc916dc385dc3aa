/** Builds the concrete response of a step from the edge taken and the vault's record after it. */
import type { ErrorCode } from "./errors.js";
import type { EdgeMeta } from "./machine.js";
import { OPERATIONS, type OperationDefinition, type OperationName, type VaultOperation } from "./operations.js";
import { errorResponse, type OutcomeSpec, type Response } from "./outcome.js";
import { vaultArn } from "./rules.js";
import type { VaultRecord } from "./world.js";

export interface RenderInput {
  meta: EdgeMeta;
  outcome: OutcomeSpec;
  operation: VaultOperation;
  region: string;
  account: string;
  /** The vault after the step; for a refusal, the vault as it was. */
  record: VaultRecord | undefined;
  /** The id an UploadArchive gave its archive. */
  archiveId?: string;
  /** The service time of the answer, epoch ms: DescribeVault's counts are the last inventory's as of then. */
  now: number;
}

/** The response for one outcome of an edge: a refusal's error, or the operation's answer (`OPERATIONS`). */
export function render({ meta, outcome, operation, region, account, record, archiveId, now }: RenderInput): Response {
  const arn = vaultArn(region, account, operation.vaultName);
  if (outcome.code) return errorResponse(outcome.code, refusalMessage(meta, outcome.code, arn));
  const definition = OPERATIONS[operation.name] as OperationDefinition<OperationName>;
  const parts = definition.answer?.(operation as never, { region, account, record, now, archiveId });
  return { status: outcome.status, headers: { ...parts?.headers }, ...(parts?.body ? { body: parts.body } : {}) };
}

function refusalMessage(meta: EdgeMeta, code: ErrorCode, arn: string): string {
  const reason = meta.expect.code === code && meta.reason ? meta.reason : `Request refused (${code})`;
  return `${reason}: ${arn}`;
}
