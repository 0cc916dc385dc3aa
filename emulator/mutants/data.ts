/**
 * Mutants of the archive, tag and policy behaviour (issue #7): the faults an emulator that half-implements
 * vault policies shows. Pure, like the lock mutants, so the model × mutant search applies to them.
 */
import {
  NO_ARCHIVES,
  treeHash,
  type Branch,
  type Change,
  type Request,
  type VaultContext,
  type WorldView,
} from "../../model/index.js";
import type { Mutant } from "./catalogue.js";
import { addressed, answerAsIf, op, refuse } from "./kit.js";

/** The reference answer had the vault's context been `patch`ed, with the patched fields kept as they were. */
function answerIgnoring(world: WorldView, request: Request, patch: Partial<VaultContext>): Branch {
  const record = addressed(world, request)!.record!;
  const answer = answerAsIf(world, request, { ...record, context: { ...record.context, ...patch } });
  const kept = Object.fromEntries(
    Object.keys(patch).map((key) => [key, record.context[key as keyof typeof record.context]]),
  );
  const restore = (change: Change): Change =>
    change.record
      ? { ...change, record: { ...change.record, context: { ...change.record.context, ...kept } } }
      : change;
  return { ...answer, changes: answer.changes.map(restore) };
}

const took = (reference: Branch, edge: string) => reference.edges.some((e) => e.endsWith(edge));

export const DATA_MUTANTS: readonly Mutant[] = [
  {
    name: "lock-policy-only-when-locked",
    breaks: "POL-FULL-EFFECT-IN-PROGRESS",
    layer: "oracle",
    description: "An InProgress lock policy is stored but not enforced",
    respond: (w, r, reference) => {
      const lock = addressed(w, r)?.record?.context.lock;
      return took(reference, "policy.lockDenied.inProgress") && lock
        ? answerIgnoring(w, r, { lock: { ...lock, policy: '{"Statement":[]}' } })
        : undefined;
    },
  },
  {
    name: "access-policy-ignored",
    breaks: "AP-ENFORCED",
    layer: "oracle",
    description: "The vault access policy is stored but never enforced",
    respond: (w, r, reference) =>
      took(reference, "policy.accessDenied") ? answerIgnoring(w, r, { accessPolicy: undefined }) : undefined,
  },
  {
    name: "delete-vault-ignores-archives",
    breaks: "DV-NOT-EMPTY",
    layer: "oracle",
    description: "DeleteVault deletes a vault that still holds archives",
    respond: (w, r, reference) =>
      took(reference, ".DELETE_VAULT.notEmpty")
        ? answerIgnoring(w, r, { archives: NO_ARCHIVES, lastWriteAt: undefined })
        : undefined,
  },
  {
    name: "tree-hash-unchecked",
    breaks: "ARCH-TREE-HASH",
    layer: "oracle",
    description: "UploadArchive stores the body whatever tree hash the request declares",
    rewrite: (_, r) =>
      r.operation.name === "UploadArchive"
        ? { ...r, operation: { ...r.operation, treeHash: treeHash(r.operation.body) } }
        : r,
  },
  {
    name: "delete-archive-not-idempotent",
    breaks: "ARCH-DELETE-IDEMPOTENT",
    layer: "oracle",
    description: "Deleting an archive that is already gone answers 404",
    respond: (_, r, reference) =>
      op(r) === "DeleteArchive" && took(reference, ".DELETE_ARCHIVE.gone")
        ? refuse("ResourceNotFoundException")
        : undefined,
  },
];
