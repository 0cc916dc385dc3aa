/** The operations the oracle answers: their parameters, and the model half of the operation registry. */
import { describeBody, lockBody } from "./answers.js";
import { treeHash } from "./archive.js";
import type { VaultEvent } from "./machine-types.js";
import { SUBRESOURCE_OPERATIONS } from "./subresources/index.js";
import type { VaultRecord, WorldView } from "./world.js";

/** An operation as an endpoint receives it (URI account id, not yet resolved). */
export type Operation =
  | { name: "CreateVault" | "DeleteVault" | "DescribeVault"; accountId: string; vaultName: string }
  | { name: "GetVaultLock" | "AbortVaultLock"; accountId: string; vaultName: string }
  | { name: "InitiateVaultLock"; accountId: string; vaultName: string; policy?: string }
  | { name: "CompleteVaultLock"; accountId: string; vaultName: string; lockId: string }
  | { name: "ListVaults"; accountId: string; limit?: string; marker?: string }
  | ArchiveOperation
  | { name: "AddTagsToVault"; accountId: string; vaultName: string; tags: Record<string, string> }
  | { name: "RemoveTagsFromVault"; accountId: string; vaultName: string; keys: string[] }
  | {
      name: "ListTagsForVault" | "GetVaultAccessPolicy" | "DeleteVaultAccessPolicy";
      accountId: string;
      vaultName: string;
    }
  | { name: "SetVaultAccessPolicy"; accountId: string; vaultName: string; policy?: string }
  | SubresourceOperations[keyof SubresourceOperations];

/** The operations of the subresources in `subresources/`, by name: each module adds its own (declaration merging). */
export interface SubresourceOperations {}

/** Archive operations. `treeHash` is the declared `x-amz-sha256-tree-hash`; the body's own is computed from `body`. */
export type ArchiveOperation =
  | {
      name: "UploadArchive";
      accountId: string;
      vaultName: string;
      body: Uint8Array;
      treeHash: string;
      /** `x-amz-archive-description`, when sent. */
      description?: string;
    }
  | { name: "DeleteArchive"; accountId: string; vaultName: string; archiveId: string };

export type OperationName = Operation["name"];
export type VaultOperation = Exclude<Operation, { name: "ListVaults" }>;

type Of<N extends OperationName> = Operation & { name: N };

/**
 * Which policies govern an operation on an existing vault: `lock`, the lock's own, none (POL-SELF-LOCK);
 * `identity`, identity policies alone, which a vault policy never governs (POL-IDENTITY-ONLY: the permissions
 * reference gives them no vault resource); `governed`, the lock and access policies, which can deny it.
 */
export type Governance = "lock" | "identity" | "governed";

/** What a machine event is built from besides the operation. */
export interface EventInput {
  request: Request;
  world: WorldView;
  account: string;
}

/** What a success answer is built from besides the operation: the vault after the step. */
export interface AnswerInput {
  region: string;
  account: string;
  record: VaultRecord | undefined;
  now: number;
  /** The id an UploadArchive gave its archive. */
  archiveId?: string;
}

/** The model half of an operation's definition; its edge half (SDK command, HTTP route) is `protocol/`. */
export interface OperationDefinition<N extends OperationName> {
  governance: Governance;
  /** The machine event it sends; ListVaults, which the gate answers, has none. */
  event?: VaultEvent["type"];
  /** The event's members besides `type` and `now`. */
  data?: (operation: Of<N>, input: EventInput) => object;
  /** The success answer's headers and body (CV-CREATES, GET-*, DESC-VAULT, ARCH-UPLOAD, TAGS-LIST, AP-SET). */
  answer?: (
    operation: Of<N>,
    input: AnswerInput,
  ) => { headers?: Record<string, string>; body?: Record<string, unknown> };
}

/** Every operation the oracle answers, in the order reports and routes list them. */
export const OPERATIONS: { [N in OperationName]: OperationDefinition<N> } = {
  CreateVault: {
    governance: "identity",
    event: "CREATE_VAULT",
    answer: (operation, { account }) => ({ headers: { location: `/${account}/vaults/${operation.vaultName}` } }),
  },
  DeleteVault: { governance: "governed", event: "DELETE_VAULT" },
  DescribeVault: {
    governance: "governed",
    event: "DESCRIBE_VAULT",
    answer: (operation, { region, account, record, now }) => ({
      body: describeBody(region, account, operation.vaultName, record, now),
    }),
  },
  ListVaults: { governance: "identity" },
  InitiateVaultLock: {
    governance: "lock",
    event: "INITIATE",
    data: (operation, { request }) => ({ policy: operation.policy, lockId: request.freshLockId }),
    answer: (_, { record }) => ({ headers: { "x-amz-lock-id": record?.context.lock?.lockId ?? "" } }),
  },
  CompleteVaultLock: { governance: "lock", event: "COMPLETE", data: (operation) => ({ lockId: operation.lockId }) },
  AbortVaultLock: { governance: "lock", event: "ABORT" },
  GetVaultLock: { governance: "lock", event: "GET", answer: (_, { record }) => ({ body: lockBody(record) }) },
  UploadArchive: {
    governance: "governed",
    event: "UPLOAD_ARCHIVE",
    data: ({ body, treeHash: declared, description }, { request }) => ({
      archiveId: request.freshArchiveId ?? "",
      size: body.length,
      treeHash: declared,
      bodyTreeHash: treeHash(body),
      ...(description !== undefined ? { description } : {}),
    }),
    answer: (operation, { account, record, archiveId = "" }) => ({
      headers: {
        location: `/${account}/vaults/${operation.vaultName}/archives/${archiveId}`,
        "x-amz-archive-id": archiveId,
        "x-amz-sha256-tree-hash": record?.context.archives.get(archiveId)?.treeHash ?? "",
      },
    }),
  },
  DeleteArchive: {
    governance: "governed",
    event: "DELETE_ARCHIVE",
    data: ({ archiveId, vaultName }, { world, account }) => {
      const holder = world.archiveHolder(account, archiveId);
      return { archiveId, storedElsewhere: holder !== undefined && holder !== vaultName };
    },
  },
  AddTagsToVault: { governance: "governed", event: "ADD_TAGS", data: ({ tags }) => ({ tags }) },
  RemoveTagsFromVault: { governance: "governed", event: "REMOVE_TAGS", data: ({ keys }) => ({ keys }) },
  ListTagsForVault: {
    governance: "governed",
    event: "LIST_TAGS",
    answer: (_, { record }) => ({ body: { Tags: { ...record?.context.tags } } }),
  },
  SetVaultAccessPolicy: { governance: "governed", event: "SET_ACCESS_POLICY", data: ({ policy }) => ({ policy }) },
  GetVaultAccessPolicy: {
    governance: "governed",
    event: "GET_ACCESS_POLICY",
    answer: (_, { record }) => ({ body: { Policy: record?.context.accessPolicy ?? "" } }),
  },
  DeleteVaultAccessPolicy: { governance: "governed", event: "DELETE_ACCESS_POLICY" },
  ...(SUBRESOURCE_OPERATIONS as { [N in keyof SubresourceOperations]: OperationDefinition<N> }),
};

export const OPERATION_NAMES = Object.keys(OPERATIONS) as readonly OperationName[];

const governedBy = (governance: Governance) => OPERATION_NAMES.filter((n) => OPERATIONS[n].governance === governance);

/** The operations a vault's policies never govern (POL-SELF-LOCK): the lock's own. */
export const LOCK_OPERATIONS: readonly OperationName[] = governedBy("lock");

/** Operations authorized by identity policies only (POL-IDENTITY-ONLY). */
export const IDENTITY_ONLY_OPERATIONS: readonly OperationName[] = governedBy("identity");

/** The operation whose machine event `type` is. */
export function operationOfEvent(type: string): OperationName | undefined {
  return OPERATION_NAMES.find((name) => OPERATIONS[name].event === type);
}

/** The machine event of a vault operation (the oracle's). */
export function eventOf(operation: VaultOperation, input: EventInput): VaultEvent {
  const definition = OPERATIONS[operation.name] as OperationDefinition<OperationName>;
  const data = definition.data?.(operation as never, input) ?? {};
  return { type: definition.event, now: input.request.now, ...data } as VaultEvent;
}

/** A request as the oracle sees it: who signed it, when the endpoint received it, in which region. */
export interface Request {
  operation: Operation;
  /** The 12-digit account id of the signing credentials. */
  signer: string;
  /** The endpoint's time, epoch ms. */
  now: number;
  region: string;
  /** The id a successful Initiate returns: chosen by the emulator, or observed by the suite. */
  freshLockId: string;
  /** The id a successful UploadArchive returns, chosen or observed likewise. */
  freshArchiveId?: string;
}
