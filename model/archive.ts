/**
 * Archive rules: the SHA-256 tree hash Glacier uses to verify uploads (ARCH-TREE-HASH), archive age in
 * whole days as the `glacier:ArchiveAgeInDays` condition key sees it, and vault-tag limits (TAGS-RULES,
 * TAGS-LIMIT).
 */
import { createHash } from "node:crypto";

const MIB = 1024 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Tags a vault may carry (TAGS-RULES). */
export const MAX_TAGS = 50;

const sha256 = (...parts: Uint8Array[]) => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** Hex SHA-256 tree hash of `body`: hashes of 1 MiB chunks, combined pairwise until one is left. */
export function treeHash(body: Uint8Array): string {
  let level: Buffer[] = [];
  for (let at = 0; at < body.length; at += MIB) level.push(sha256(body.subarray(at, at + MIB)));
  if (level.length === 0) level = [sha256()];
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? sha256(level[i]!, level[i + 1]!) : level[i]!);
    level = next;
  }
  return level[0]!.toString("hex");
}

/** Whole days since `createdAt` at `now`, as `glacier:ArchiveAgeInDays` (POL-RETENTION-EXAMPLE). */
export function archiveAgeInDays(createdAt: number, now: number): number {
  return Math.max(0, Math.floor((now - createdAt) / DAY_MS));
}

/** The tags the service model's AddTagsToVault allows a vault (TAGS-LIMIT: the Developer Guide says MAX_TAGS). */
export const SERVICE_MODEL_MAX_TAGS = 10;

/** Letters, digits, white space and `_ . / = + - @`: what tag keys and values may hold (TAGS-RULES). */
const TAG_TEXT = /^[\p{L}\p{N}\s_./=+\-@]*$/u;

/**
 * Why a tag set cannot be added, or undefined (TAGS-RULES): keys of 1–128 characters not starting with
 * `aws:`, values of 0–255, both of letters, digits, white space and `_ . / = + - @`.
 */
export function tagProblem(tags: Record<string, string>): string | undefined {
  for (const [key, value] of Object.entries(tags)) {
    const shown = JSON.stringify(key.slice(0, 40));
    if ([...key].length === 0 || [...key].length > 128) return `tag key ${shown} is not 1–128 characters`;
    if (key.toLowerCase().startsWith("aws:")) return `tag key ${key} uses the reserved aws: prefix`;
    if (!TAG_TEXT.test(key))
      return `tag key ${shown} has a character other than letters, digits, spaces and _ . / = + - @`;
    if (typeof value !== "string" || [...value].length > 255)
      return `the value of tag ${shown} is longer than 255 characters`;
    if (!TAG_TEXT.test(value))
      return `the value of tag ${shown} has a character other than letters, digits, spaces and _ . / = + - @`;
  }
  return undefined;
}
