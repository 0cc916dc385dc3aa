/**
 * Memoised steps for a vault-local step function (the oracle's): the answer to a request on one vault depends
 * only on that vault's record, the clock, the request and, for DeleteArchive, which vault holds the archive
 * named. With several vaults the search meets the same record under many states of the other vaults; records
 * are shared between worlds, so the record object itself keys the memo. ListVaults reads every vault and is
 * never memoised.
 */
import type { Branch } from "../oracle.js";
import type { VaultRecord } from "../world.js";
import type { Answer, StepFunction } from "./successors.js";

/** The step of `step`, memoised per (record of the addressed vault, clock, move, request ids). */
export function vaultLocalMemo(step: StepFunction): Answer {
  const byRecord = new WeakMap<VaultRecord, Map<string, Branch[]>>();
  const byAbsent = new Map<string, Map<string, Branch[]>>();
  return (world, request, vaultKey, move) => {
    const { operation } = request;
    if (operation.name === "ListVaults") return step(world, request);
    const record = vaultKey === undefined ? undefined : world.records.get(vaultKey);
    let memo = record ? byRecord.get(record) : byAbsent.get(vaultKey ?? "");
    if (!memo) {
      memo = new Map();
      if (record) byRecord.set(record, memo);
      else byAbsent.set(vaultKey ?? "", memo);
    }
    const named =
      operation.name === "CompleteVaultLock"
        ? operation.lockId
        : operation.name === "DeleteArchive"
          ? operation.archiveId
          : "";
    const holder =
      operation.name === "DeleteArchive" && vaultKey ? world.archiveHolder(vaultKey.split("/")[0]!, named) : "";
    const key = `${request.now}|${move}|${request.freshLockId}|${request.freshArchiveId ?? ""}|${named}|${holder ?? ""}`;
    let branches = memo.get(key);
    if (!branches) memo.set(key, (branches = step(world, request)));
    return branches;
  };
}
