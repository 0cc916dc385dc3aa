/**
 * Generator 2's commands, in fast-check's model-based style: small objects that each send one request
 * through the session (which judges it against the oracle) and print themselves readably.
 */
import fc from "fast-check";
import type { AbstractEvent, LockIdRef, Operation, PolicyKind } from "../model/index.js";
import { examplePolicy, SUBRESOURCE_SEQUENCE_EVENTS } from "../model/index.js";
import { concretize, hasArchiveFor, lockIdFor } from "./concretize.js";
import { missingValue } from "./requests.js";
import type { Session } from "./session.js";

/** The state a sequence runs against: the session (model + target) and this run's vault names. */
export interface SequenceModel {
  session: Session;
  vaults: string[];
}

type Real = Record<string, never>;
type VaultOp = "CreateVault" | "DeleteVault" | "DescribeVault" | "GetVaultLock" | "AbortVaultLock";

/**
 * One request on vault number `vault` of the run. Lock requests on a vault the model says is absent run
 * only when `onAbsent` is drawn (1 in 8), so sequences spend their length on the lock lifecycle.
 */
abstract class RequestCommand implements fc.AsyncCommand<SequenceModel, Real> {
  onAbsent = false;
  constructor(readonly vault: number) {}
  check(model: Readonly<SequenceModel>): boolean {
    if (missingValue(this.operation(model, model.vaults[this.vault]!))) return false;
    if (this.onAbsent || !this.needsVault()) return true;
    return model.session.world.vault(model.session.principal.accountId, model.vaults[this.vault]!) !== undefined;
  }
  protected needsVault(): boolean {
    return true;
  }
  async run(model: SequenceModel): Promise<void> {
    await model.session.perform(this.operation(model, model.vaults[this.vault]!));
  }
  abstract operation(model: SequenceModel, vaultName: string): Operation;
  abstract toString(): string;
}

class VaultCommand extends RequestCommand {
  constructor(
    readonly name: VaultOp,
    vault: number,
    readonly accountId = "-",
  ) {
    super(vault);
  }
  operation(_: SequenceModel, vaultName: string): Operation {
    return { name: this.name, accountId: this.accountId, vaultName };
  }
  protected override needsVault(): boolean {
    return this.accountId === "-" && !["CreateVault", "DeleteVault", "DescribeVault"].includes(this.name);
  }
  toString(): string {
    return `${this.name}(v${this.vault}${this.accountId === "-" ? "" : `, account ${this.accountId}`})`;
  }
}

class InitiateCommand extends RequestCommand {
  constructor(
    vault: number,
    readonly policy: PolicyKind,
  ) {
    super(vault);
  }
  operation(_: SequenceModel, vaultName: string): Operation {
    const policy = examplePolicy(this.policy);
    return { name: "InitiateVaultLock", accountId: "-", vaultName, ...(policy !== undefined ? { policy } : {}) };
  }
  toString(): string {
    return `InitiateVaultLock(v${this.vault}, ${this.policy} policy)`;
  }
}

class CompleteCommand extends RequestCommand {
  constructor(
    vault: number,
    readonly lockId: LockIdRef,
  ) {
    super(vault);
  }
  operation(model: SequenceModel, vaultName: string): Operation {
    const lockId = lockIdFor(model.session.world, model.session.principal.accountId, vaultName, this.lockId);
    return { name: "CompleteVaultLock", accountId: "-", vaultName, lockId };
  }
  override check(model: Readonly<SequenceModel>): boolean {
    return super.check(model) && !model.session.wouldLock(this.operation(model, model.vaults[this.vault]!));
  }
  toString(): string {
    return `CompleteVaultLock(v${this.vault}, ${this.lockId} id)`;
  }
}

/**
 * An archive, tag or access-policy request, described like a path step. Deleting a stored (or an
 * already deleted) archive runs only when the vault has one; `LegalHold` tags make the valid lock policy bite.
 */
class DataCommand extends RequestCommand {
  constructor(
    vault: number,
    readonly event: AbstractEvent,
  ) {
    super(vault);
  }
  operation(model: SequenceModel, vaultName: string): Operation {
    const { world, principal, deletedArchives } = model.session;
    return concretize(this.event, vaultName, world, principal.accountId, deletedArchives.get(vaultName))!;
  }
  override check(model: Readonly<SequenceModel>): boolean {
    if (this.event.type === "UPLOAD_ARCHIVE" && model.session.rails.blockArchives) return false;
    const vaultName = model.vaults[this.vault]!;
    const { world, principal, deletedArchives } = model.session;
    const deleted = deletedArchives.get(vaultName);
    return hasArchiveFor(this.event, world, principal.accountId, vaultName, deleted) && super.check(model);
  }
  toString(): string {
    const { type, ...detail } = this.event;
    const parts = [`v${this.vault}`, ...Object.values(detail).map(String)];
    return `${type}(${parts.join(", ")})`;
  }
}

/** The archive, tag, access-policy and subresource requests of the sequences (also the model × mutant search's moves). */
export const DATA_EVENTS: readonly AbstractEvent[] = [
  { type: "UPLOAD_ARCHIVE", treeHash: "right" },
  { type: "UPLOAD_ARCHIVE", treeHash: "wrong" },
  { type: "DELETE_ARCHIVE", archive: "stored" },
  { type: "DELETE_ARCHIVE", archive: "gone" },
  { type: "ADD_TAGS", tags: "legalHold" },
  { type: "ADD_TAGS", tags: "tooMany" },
  { type: "REMOVE_TAGS" },
  { type: "LIST_TAGS" },
  { type: "SET_ACCESS_POLICY", policy: "valid" },
  { type: "GET_ACCESS_POLICY" },
  { type: "DELETE_ACCESS_POLICY" },
  ...SUBRESOURCE_SEQUENCE_EVENTS,
];
/** Stored uploads and deletions drawn twice as often as the others. */
const WEIGHTED_DATA_EVENTS = [...DATA_EVENTS, DATA_EVENTS[0]!, DATA_EVENTS[2]!];

class AdvanceClockCommand implements fc.AsyncCommand<SequenceModel, Real> {
  constructor(readonly hours: number) {}
  check(): boolean {
    return true;
  }
  async run(model: SequenceModel): Promise<void> {
    await model.session.advanceClock(this.hours * 3_600_000);
  }
  toString(): string {
    return `AdvanceClock(${this.hours} h)`;
  }
}

/** The command arbitraries over `vaults` vaults, weighted towards the lock lifecycle; clock moves only when the target allows them. */
export function commandArbitrary(
  vaults: number,
  clockControl: boolean,
): fc.Arbitrary<fc.AsyncCommand<SequenceModel, Real>> {
  const vault = fc.nat({ max: vaults - 1 });
  const vaultOp = fc.constantFrom<VaultOp>(
    "CreateVault",
    "CreateVault",
    "DeleteVault",
    "DescribeVault",
    "GetVaultLock",
    "AbortVaultLock",
  );
  const policy = fc.constantFrom<PolicyKind>("valid", "valid", "valid", "missing", "invalid", "tooLarge");
  const lockRef = fc.constantFrom<LockIdRef>("current", "current", "retired", "random");
  const onAbsent = fc.nat({ max: 7 }).map((n) => n === 0);
  const lenient = <C extends RequestCommand>(command: fc.Arbitrary<C>) =>
    fc.tuple(command, onAbsent).map(([c, flag]) => Object.assign(c, { onAbsent: flag }));
  const weighted: fc.WeightedArbitrary<fc.AsyncCommand<SequenceModel, Real>>[] = [
    { arbitrary: lenient(fc.tuple(vaultOp, vault).map(([op, v]) => new VaultCommand(op, v))), weight: 4 },
    { arbitrary: lenient(fc.tuple(vault, policy).map(([v, p]) => new InitiateCommand(v, p))), weight: 3 },
    { arbitrary: lenient(fc.tuple(vault, lockRef).map(([v, r]) => new CompleteCommand(v, r))), weight: 3 },
    { arbitrary: fc.tuple(vaultOp, vault).map(([op, v]) => new VaultCommand(op, v, "999999999999")), weight: 1 },
    {
      arbitrary: lenient(
        fc.tuple(vault, fc.constantFrom(...WEIGHTED_DATA_EVENTS)).map(([v, e]) => new DataCommand(v, e)),
      ),
      weight: 2,
    },
  ];
  if (clockControl)
    weighted.push({ arbitrary: fc.constantFrom(1, 23, 25).map((h) => new AdvanceClockCommand(h)), weight: 1 });
  return fc.oneof(...weighted);
}
