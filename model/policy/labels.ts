/** How the policy lab names bands, principals and tag states in its text output. */
import type { Band } from "./bands.js";
import type { AgeBand, Principal, TagChoice } from "./table.js";

/** `0–365`, `366+`, `365`, `any`, or `no such archive` (DeleteArchive naming an archive the vault does not hold). */
export function ageLabel(age: AgeBand): string {
  if ("absent" in age) return "no such archive";
  if (age.to === undefined) return age.from ? `${age.from}+` : "any";
  return age.from === age.to ? `${age.to}` : `${age.from ?? 0}–${age.to}`;
}

const instant = (seconds: number) => {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? `epoch ${seconds}` : date.toISOString().replace(".000Z", "Z");
};

/** `any time`, `before T`, `from T`, or `T1 to T2` (both inclusive, whole seconds). */
export function timeLabel(band: Band): string {
  if (band.from === undefined && band.to === undefined) return "any time";
  if (band.from === undefined) return `before ${instant(band.to! + 1)}`;
  if (band.to === undefined) return `from ${instant(band.from)}`;
  return `${instant(band.from)} to ${instant(band.to)}`;
}

/** `owner 111122223333`, `account 999999999999` (named by the policy), `another account`, `unsigned`. */
export function principalLabel(principal: Principal): string {
  switch (principal.kind) {
    case "owner":
      return `owner ${principal.account}`;
    case "named":
      return `account ${principal.account}`;
    case "other":
      return "another account";
    case "anonymous":
      return "unsigned";
  }
}

/** `LegalHold absent`, `LegalHold="true"`, `LegalHold=other` (a value the policy does not name). */
export function tagLabel(key: string, choice: TagChoice): string {
  if (choice.kind === "absent") return `${key} absent`;
  return choice.kind === "other" ? `${key}=other` : `${key}=${JSON.stringify(choice.value)}`;
}

/** Every tag of a state, or `-` when the policy names no tag. */
export function tagStateLabel(state: Record<string, TagChoice>): string {
  const entries = Object.entries(state);
  return entries.length ? entries.map(([key, choice]) => tagLabel(key, choice)).join(", ") : "-";
}
