/**
 * The vault's tags as the policy lab's tag states, for `policy verify`'s live part: which state the vault is
 * in, setting the tags the policy names to a state, and putting them back. Through the SDK only.
 */
import type { NamedTag } from "../model/policy/dimensions.js";
import { isOtherValue } from "../model/policy/dimensions.js";
import type { DecisionTable, TagChoice } from "../model/policy/table.js";
import { formatObserved, type Observed } from "./invoke.js";

/** Sends one operation on the vault (account and vault name filled in). */
export type Send = (op: object) => Promise<Observed>;

export const succeeded = (o: Observed) => o.status >= 200 && o.status < 300;

const keyIn = (tags: Record<string, string>, key: string) =>
  Object.keys(tags).find((k) => k.toLowerCase() === key.toLowerCase());

function choiceOf(tag: NamedTag, tags: Record<string, string>): TagChoice | undefined {
  const key = keyIn(tags, tag.key);
  if (key === undefined) return { kind: "absent" };
  const value = tags[key]!;
  if (tag.values.includes(value)) return { kind: "value", value };
  return isOtherValue(tag, value) ? { kind: "other", value } : undefined;
}

/** The table's tag state the vault's tags are in, or undefined when they are in none. */
export function stateOf(table: DecisionTable, named: NamedTag[], tags: Record<string, string>): number | undefined {
  const index = table.tagStates.findIndex((state) =>
    named.every((tag) => {
      const [want, have] = [state[tag.key]!, choiceOf(tag, tags)];
      return have?.kind === want.kind && (have.kind !== "value" || have.value === (want as { value: string }).value);
    }),
  );
  return index < 0 ? undefined : index;
}

/** Sets the named tags to a state; the first refusal, or undefined. `current` follows the vault's tags. */
export async function reach(
  send: Send,
  named: NamedTag[],
  state: Record<string, TagChoice>,
  current: Record<string, string>,
): Promise<string | undefined> {
  for (const tag of named) {
    const want = state[tag.key]!;
    const have = keyIn(current, tag.key);
    let observed: Observed | undefined;
    if (want.kind === "absent" && have !== undefined) {
      observed = await send({ name: "RemoveTagsFromVault", keys: [have] });
      if (succeeded(observed)) delete current[have];
    } else if (want.kind !== "absent" && (have === undefined || current[have] !== want.value)) {
      observed = await send({ name: "AddTagsToVault", tags: { [have ?? tag.key]: want.value } });
      if (succeeded(observed)) current[have ?? tag.key] = want.value;
    }
    if (observed && !succeeded(observed))
      return `${observed.status === 403 ? "denied" : "refused"}: ${formatObserved(observed)}`;
  }
  return undefined;
}

/** Puts the named tags back as they were; what could not be put back. */
export async function restoreTags(
  send: Send,
  named: NamedTag[],
  original: Record<string, string>,
  current: Record<string, string>,
): Promise<string[]> {
  const left: string[] = [];
  for (const tag of named) {
    const [was, is] = [keyIn(original, tag.key), keyIn(current, tag.key)];
    const op =
      was === undefined
        ? is !== undefined && { name: "RemoveTagsFromVault", keys: [is] }
        : current[is ?? ""] !== original[was] && { name: "AddTagsToVault", tags: { [was]: original[was]! } };
    if (!op) continue;
    const observed = await send(op);
    if (!succeeded(observed)) left.push(`tag ${tag.key} not put back (answered ${formatObserved(observed)})`);
  }
  return left;
}
