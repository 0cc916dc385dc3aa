/**
 * Guards and context updates of the data transitions (`data-transitions.ts`): pure functions of the
 * vault's context and the event, wired into the machine by name.
 */
import { MAX_TAGS, SERVICE_MODEL_MAX_TAGS, tagProblem } from "./archive.js";
import { inventoryAsOf, writtenSinceInventory } from "./inventory.js";
import type { VaultContext, VaultEvent } from "./machine-types.js";
import { isRejectedPolicy } from "./rules.js";

/** At most 1,024 printable ASCII characters (ARCH-DESCRIPTION). */
const ARCHIVE_DESCRIPTION = /^[\x20-\x7e]{0,1024}$/;

/** The fields a write changes besides the archives: when it happened, and the inventory it comes after. */
function written(context: VaultContext, now: number): Pick<VaultContext, "lastWriteAt" | "inventory"> {
  return { lastWriteAt: now, inventory: inventoryAsOf(context, now) };
}

interface Args {
  context: VaultContext;
  event: VaultEvent;
}

/** Guards by name (ARCH-DESCRIPTION, ARCH-TREE-HASH, ARCH-DELETE, ARCH-DELETE-OTHER-VAULT, TAGS-RULES, TAGS-LIMIT, POLICY-MEMBER-MISSING, AP-POLICY-RULES, AP-GET-NONE, DV-NOT-EMPTY, DV-RECENTLY-WRITTEN, DV-INVENTORY-TIMING). */
export const dataGuards = {
  descriptionInvalid: ({ event }: Args) =>
    event.type === "UPLOAD_ARCHIVE" && event.description !== undefined && !ARCHIVE_DESCRIPTION.test(event.description),
  treeHashMismatch: ({ event }: Args) => event.type === "UPLOAD_ARCHIVE" && event.treeHash !== event.bodyTreeHash,
  archiveStored: ({ context, event }: Args) => event.type === "DELETE_ARCHIVE" && context.archives.has(event.archiveId),
  archiveElsewhere: ({ event }: Args) => event.type === "DELETE_ARCHIVE" && event.storedElsewhere === true,
  tagsInvalid: ({ event }: Args) => event.type === "ADD_TAGS" && tagProblem(event.tags) !== undefined,
  tagsTooMany: ({ context, event }: Args) =>
    event.type === "ADD_TAGS" && Object.keys({ ...context.tags, ...event.tags }).length > MAX_TAGS,
  tagsOverServiceModelLimit: ({ context, event }: Args) =>
    event.type === "ADD_TAGS" && Object.keys({ ...context.tags, ...event.tags }).length > SERVICE_MODEL_MAX_TAGS,
  accessPolicyMissing: ({ event }: Args) => event.type === "SET_ACCESS_POLICY" && event.policy === undefined,
  accessPolicyRejected: ({ event }: Args) => event.type === "SET_ACCESS_POLICY" && isRejectedPolicy(event.policy),
  noAccessPolicy: ({ context }: Args) => context.accessPolicy === undefined,
  hasArchives: ({ context }: Args) => context.archives.size > 0,
  recentlyWritten: ({ context, event }: Args) => writtenSinceInventory(context, event.now),
  writtenBefore: ({ context }: Args) => context.lastWriteAt !== undefined,
};

/** Context updates by name: each returns the changed fields. */
export const dataUpdates = {
  addArchive: ({ context, event }: Args): Partial<VaultContext> => {
    if (event.type !== "UPLOAD_ARCHIVE") return {};
    const archive = { createdAt: event.now, size: event.size, treeHash: event.treeHash };
    return { archives: context.archives.with(event.archiveId, archive), ...written(context, event.now) };
  },
  removeArchive: ({ context, event }: Args): Partial<VaultContext> => {
    if (event.type !== "DELETE_ARCHIVE") return {};
    return { archives: context.archives.without(event.archiveId), ...written(context, event.now) };
  },
  addTags: ({ context, event }: Args): Partial<VaultContext> =>
    event.type === "ADD_TAGS" ? { tags: { ...context.tags, ...event.tags } } : {},
  removeTags: ({ context, event }: Args): Partial<VaultContext> =>
    event.type === "REMOVE_TAGS"
      ? { tags: Object.fromEntries(Object.entries(context.tags).filter(([k]) => !event.keys.includes(k))) }
      : {},
  setAccessPolicy: ({ event }: Args): Partial<VaultContext> =>
    event.type === "SET_ACCESS_POLICY" ? { accessPolicy: event.policy } : {},
  dropAccessPolicy: (): Partial<VaultContext> => ({ accessPolicy: undefined }),
};
