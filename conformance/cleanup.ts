/**
 * Deletes every vault the run made, by name: the names come from the wire (every CreateVault sent, whatever
 * its answer), and listing is only a cross-check: it adds any prefixed vault it finds, and a complete listing
 * without a name shows that vault gone. A vault the first
 * DeleteVault does not remove gets its InProgress lock aborted, its access policy and LegalHold tag dropped
 * and the archives the run uploaded deleted, then DeleteVault again, a few rounds. Clean-up has a deadline of
 * its own, and every vault it could not delete is returned with the last answer it got.
 */
import type { GlacierClient } from "@aws-sdk/client-glacier";
import type { Operation } from "../model/index.js";
import { formatObserved, invoke, type Observed } from "./invoke.js";
import { stringMember } from "./wire/json.js";

export interface CleanupInput {
  client: GlacierClient;
  prefix: string;
  /** Vault names the run sent CreateVault for. */
  created: ReadonlySet<string>;
  /** Archives uploaded during the run, per vault. */
  uploads?: ReadonlyMap<string, ReadonlySet<string>>;
  stats: { requests: number };
  /** Clean-up gives up after this long, ms; what is left is reported. */
  deadlineMs?: number;
  /**
   * With clock control: lets the target's next inventory run, after which a vault refused as recently written
   * (DV-RECENTLY-WRITTEN) can go.
   */
  passInventory?: () => Promise<void>;
}

export interface CleanupOutcome {
  /** Vaults of the run that could not be deleted, with why. */
  leftovers: { vaultName: string; reason: string }[];
  deleted: number;
  /** Why the cross-check listing could not be trusted, when it could not. */
  listing?: string;
}

const ROUNDS = 3;
/** Requests in a row without an answer after which clean-up stops asking. */
const GIVE_UP_AFTER = 3;

/** Sends one clean-up request, counted in `stats`. */
export async function attemptCounted(stats: { requests: number }, client: GlacierClient, operation: Operation) {
  stats.requests++;
  return invoke(client, operation);
}

const gone = (o: Observed) => o.status === 404 || o.code === "ResourceNotFoundException";
const succeeded = (o: Observed) => o.status >= 200 && o.status < 300 && !o.transport;

/** Every vault name of the account starting with `prefix`, or why the listing failed. */
async function listPrefixed(input: CleanupInput): Promise<{ names?: string[]; problem?: string }> {
  const names: string[] = [];
  let marker: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const operation: Operation = { name: "ListVaults", accountId: "-", ...(marker ? { marker } : {}) };
    const observed = await attemptCounted(input.stats, input.client, operation);
    const list = observed.body?.VaultList;
    if (observed.status !== 200 || !Array.isArray(list))
      return { problem: `ListVaults page ${page + 1} answered ${formatObserved(observed)}` };
    for (const vault of list as unknown[]) {
      const name = stringMember(vault as Record<string, unknown>, "VaultName");
      if (name?.startsWith(input.prefix)) names.push(name);
    }
    marker = stringMember(observed.body, "Marker");
    if (!marker) return { names };
  }
  return { problem: "ListVaults did not stop paging after 1000 pages" };
}

/** Clears what keeps a vault from being deleted: an InProgress lock, the access policy, LegalHold, archives. */
async function clear(input: CleanupInput, vaultName: string): Promise<void> {
  const vault = { accountId: "-", vaultName };
  const send = (operation: Operation) => attemptCounted(input.stats, input.client, operation);
  await send({ name: "AbortVaultLock", ...vault });
  await send({ name: "DeleteVaultAccessPolicy", ...vault });
  await send({ name: "RemoveTagsFromVault", ...vault, keys: ["LegalHold"] });
  for (const archiveId of input.uploads?.get(vaultName) ?? [])
    await send({ name: "DeleteArchive", ...vault, archiveId });
}

/** Deletes one vault; undefined when it is gone, else the last answer. */
async function deleteOne(input: CleanupInput, vaultName: string, overdue: () => boolean): Promise<string | undefined> {
  let last = "";
  let silent = 0;
  for (let round = 0; round < ROUNDS && !overdue(); round++) {
    const observed = await attemptCounted(input.stats, input.client, {
      name: "DeleteVault",
      accountId: "-",
      vaultName,
    });
    if (succeeded(observed) || gone(observed)) return undefined;
    last = formatObserved(observed);
    silent = observed.transport ? silent + 1 : 0;
    if (silent >= GIVE_UP_AFTER) break;
    if (!observed.transport) await clear(input, vaultName);
    else await new Promise((resolve) => setTimeout(resolve, 200 * (round + 1)));
  }
  return overdue() ? `clean-up deadline passed (last answer: ${last || "none"})` : `DeleteVault answered ${last}`;
}

async function deleteAll(input: CleanupInput, names: string[], overdue: () => boolean) {
  const leftovers: CleanupOutcome["leftovers"] = [];
  for (const vaultName of names) {
    const reason = overdue() ? "clean-up deadline passed" : await deleteOne(input, vaultName, overdue);
    if (reason) leftovers.push({ vaultName, reason });
  }
  return leftovers;
}

/** Deletes the run's vaults; never throws for what the target answers. */
export async function cleanup(input: CleanupInput): Promise<CleanupOutcome> {
  const started = Date.now();
  const overdue = () => Date.now() - started > (input.deadlineMs ?? 120_000);
  const before = await listPrefixed(input);
  const names = [...new Set([...input.created, ...(before.names ?? [])])].sort();
  let leftovers = await deleteAll(input, names, overdue);
  const written = leftovers.filter((l) => l.reason.includes("InvalidParameterValueException"));
  if (written.length && input.passInventory && !overdue()) {
    const moved = await input.passInventory().then(
      () => true,
      () => false,
    );
    const retried = moved
      ? await deleteAll(
          input,
          written.map((l) => l.vaultName),
          overdue,
        )
      : written;
    leftovers = [...leftovers.filter((l) => !written.includes(l)), ...retried];
  }
  const after = overdue() ? { problem: "clean-up deadline passed" } : await listPrefixed(input);
  const listed = after.names;
  const left = listed ? leftovers.filter((l) => listed.includes(l.vaultName)) : leftovers;
  for (const vaultName of listed ?? [])
    if (!left.some((l) => l.vaultName === vaultName))
      left.push({ vaultName, reason: "still listed after DeleteVault succeeded" });
  const listing = after.problem ?? before.problem;
  return { leftovers: left, deleted: names.length - left.length, ...(listing ? { listing } : {}) };
}
