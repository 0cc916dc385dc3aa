/**
 * The condition keys a vault policy can name: the ones the model's requests carry (POL-CONDITION-KEY-CASE,
 * POL-RETENTION-EXAMPLE, POL-LEGAL-HOLD-EXAMPLE), the ones AWS documents but the model never sends, and
 * everything else, which no request carries (a typo, or another service's key).
 */

/** Keys every request of the model carries, or carries when they apply (archive age on DeleteArchive). */
export const REQUEST_KEYS = {
  archiveAge: "glacier:ArchiveAgeInDays",
  currentTime: "aws:CurrentTime",
  epochTime: "aws:EpochTime",
  principalAccount: "aws:PrincipalAccount",
  principalArn: "aws:PrincipalArn",
} as const;

/** `glacier:ResourceTag/<key>`: the vault's tag `<key>`, read when the request arrives (POL-TAG-CONDITIONS-LIVE). */
export const RESOURCE_TAG_PREFIX = "glacier:ResourceTag/";

/**
 * Keys (or key prefixes, ending in `/`) AWS documents for Glacier requests that the model does not send: IAM's
 * global condition keys (doc:iam-global-keys) and the tag keys of the Glacier permissions page (doc:permissions).
 */
const DOCUMENTED_ELSEWHERE = [
  "aws:RequestTag/",
  "aws:ResourceTag/",
  "aws:TagKeys",
  "aws:CalledVia",
  "aws:CalledViaFirst",
  "aws:CalledViaLast",
  "aws:MultiFactorAuthAge",
  "aws:MultiFactorAuthPresent",
  "aws:PrincipalIsAWSService",
  "aws:PrincipalOrgID",
  "aws:PrincipalOrgPaths",
  "aws:PrincipalServiceName",
  "aws:PrincipalServiceNamesList",
  "aws:PrincipalTag/",
  "aws:PrincipalType",
  "aws:referer",
  "aws:RequestedRegion",
  "aws:ResourceAccount",
  "aws:ResourceOrgID",
  "aws:ResourceOrgPaths",
  "aws:SecureTransport",
  "aws:SourceAccount",
  "aws:SourceArn",
  "aws:SourceIdentity",
  "aws:SourceIp",
  "aws:SourceVpc",
  "aws:SourceVpce",
  "aws:TokenIssueTime",
  "aws:UserAgent",
  "aws:userid",
  "aws:username",
  "aws:ViaAWSService",
  "aws:VpcSourceIp",
];

const lower = (key: string) => key.toLowerCase();
const CARRIED = new Set(Object.values(REQUEST_KEYS).map(lower));
const matchesEntry = (key: string, entry: string) =>
  entry.endsWith("/") ? lower(key).startsWith(lower(entry)) && key.length > entry.length : lower(key) === lower(entry);

/** The tag key of a `glacier:ResourceTag/<key>` condition key, or undefined for any other key. */
export function resourceTagKey(key: string): string | undefined {
  return matchesEntry(key, RESOURCE_TAG_PREFIX) ? key.slice(RESOURCE_TAG_PREFIX.length) : undefined;
}

export type KeyKind = "carried" | "not-modelled" | "unknown";

/** Whether the model's requests carry `key`, AWS documents it but the model does not send it, or nothing does. */
export function keyKind(key: string): KeyKind {
  if (CARRIED.has(lower(key)) || resourceTagKey(key) !== undefined) return "carried";
  return DOCUMENTED_ELSEWHERE.some((entry) => matchesEntry(key, entry)) ? "not-modelled" : "unknown";
}

/** The documented key closest to a key nothing sends (edit distance at most 3, case aside), for a hint. */
export function closestKey(key: string): string | undefined {
  const slash = key.indexOf("/");
  const [head, tail] = slash < 0 ? [key, ""] : [key.slice(0, slash + 1), key.slice(slash + 1)];
  const candidates = [...Object.values(REQUEST_KEYS), RESOURCE_TAG_PREFIX, ...DOCUMENTED_ELSEWHERE].filter(
    (candidate) => candidate.endsWith("/") === slash >= 0,
  );
  const scored = candidates.map((candidate) => ({ candidate, d: distance(lower(head), lower(candidate)) }));
  const best = scored.sort((a, b) => a.d - b.d)[0];
  return best && best.d > 0 && best.d <= 3 ? best.candidate + tail : undefined;
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}
