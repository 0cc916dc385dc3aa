/**
 * Protection a tag change lifts (the legal-hold pattern, POL-LEGAL-HOLD-EXAMPLE, POL-TAG-CONDITIONS-LIVE): a Deny
 * that holds only in some states of a tag stops holding when someone removes the tag or sets another value. Names
 * the actions that lift it and whether this policy denies them. Pure.
 */
import type { Hazard } from "./hazards.js";
import type { ParsedPolicy } from "./evaluate.js";
import { principalLabel, tagLabel } from "./labels.js";
import { statementName, type Cell, type DecisionTable } from "./table.js";

type Lift = "RemoveTagsFromVault" | "AddTagsToVault";

interface Group {
  statement: number;
  tag: string;
  operations: Set<string>;
  denyStates: Set<number>;
  lifts: Set<Lift>;
}

const cellKey = (c: Cell, tags = c.tags) => `${c.operation}|${c.principal}|${c.age}|${c.time}|${tags}`;
const denying = (c: Cell | undefined) => (c?.decisions[0]?.effect === "Deny" ? c.decisions[0].statement : undefined);

/** The states that differ from `state` in `tag` alone. */
function neighbours(table: DecisionTable, state: number, tag: string): number[] {
  const here = table.tagStates[state]!;
  return table.tagStates.flatMap((other, j) =>
    j !== state && table.tagKeys.every((k) => k === tag || JSON.stringify(other[k]) === JSON.stringify(here[k]))
      ? [j]
      : [],
  );
}

function groupsOf(table: DecisionTable): Group[] {
  const byKey = new Map(table.cells.map((c) => [cellKey(c), c]));
  const groups = new Map<string, Group>();
  for (const tag of table.tagKeys)
    for (const cell of table.cells) {
      const statement = denying(cell);
      if (statement === undefined) continue;
      for (const j of neighbours(table, cell.tags, tag)) {
        if (denying(byKey.get(cellKey(cell, j))) !== undefined) continue;
        const id = `${statement}|${tag}`;
        if (!groups.has(id))
          groups.set(id, { statement, tag, operations: new Set(), denyStates: new Set(), lifts: new Set() });
        const group = groups.get(id)!;
        group.operations.add(cell.operation);
        group.denyStates.add(cell.tags);
        group.lifts.add(table.tagStates[j]![tag]!.kind === "absent" ? "RemoveTagsFromVault" : "AddTagsToVault");
      }
    }
  return [...groups.values()];
}

/** Who (signed) may call `lift` in at least one of the states: this policy does not deny it to them there. */
function lifters(table: DecisionTable, group: Group, lift: Lift): string[] {
  return table.principals.flatMap((principal, p) =>
    principal.kind !== "anonymous" &&
    table.cells.some(
      (c) => c.operation === lift && c.principal === p && group.denyStates.has(c.tags) && denying(c) === undefined,
    )
      ? [principalLabel(principal)]
      : [],
  );
}

/** One hazard per Deny statement and tag whose protection a tag change lifts. */
export function liftHazards(policy: ParsedPolicy, table: DecisionTable): Hazard[] {
  return groupsOf(table).map((group) => {
    const states = [...new Set([...group.denyStates].map((s) => tagLabel(group.tag, table.tagStates[s]![group.tag]!)))];
    const how = (lift: Lift) =>
      `glacier:${lift} (${lift === "RemoveTagsFromVault" ? `removing ${group.tag}` : `setting ${group.tag} to another value`})`;
    const who = [...new Set([...group.lifts].flatMap((lift) => lifters(table, group, lift)))];
    const denied = who.length
      ? `this policy does not deny that to ${who.join(", ")}`
      : "this policy denies that in those states, so only aborting the lock (while InProgress) lifts it";
    return {
      kind: "tag-lifts-protection",
      statements: [group.statement],
      message: `${statementName(policy, group.statement)} denies ${[...group.operations].join(", ")} only while ${states.join(" or ")}: whoever may call ${[...group.lifts].map(how).join(" or ")} lifts it; ${denied}.`,
    };
  });
}
