import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { BINDINGS } from "../../protocol/operations.js";
import { routeFor } from "../../protocol/routes.js";
import { transitionCoveringPaths } from "../covering-paths.js";
import { OPERATIONS } from "../operations.js";
import { EDGES } from "../edges.js";
import { notifications } from "./notifications.js";

const ROOT = join(import.meta.dirname, "../..");
/** Where a requirement or a target's finding may name any operation: the catalogue, sources, expectation files. */
const DATA = [/^model\/requirements\//, /^model\/sources\.ts$/, /^conformance\/expectations\//];

function sourceFiles(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return ["node_modules", "dist", "out", ".git"].includes(entry.name) ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.(test|e2e)\.ts$/.test(entry.name) ? [relative(ROOT, path)] : [];
  });
}

describe("the subresource registry", () => {
  it("names the notification operations and events in three files only: the module, the list, the bindings", () => {
    const names = [...Object.keys(notifications.operations), ...notifications.events];
    const naming = sourceFiles().filter(
      (file) =>
        !DATA.some((d) => d.test(file)) && names.some((n) => readFileSync(join(ROOT, file), "utf8").includes(n)),
    );
    expect(naming.sort()).toEqual(["model/subresources/notifications.ts", "protocol/operations.ts"]);
    expect(readFileSync(join(ROOT, "model/subresources/index.ts"), "utf8")).toMatch(/from "\.\/notifications\.js"/);
  });

  it("gives every operation of the model a binding and a route, and every subresource event its transitions", () => {
    expect(Object.keys(BINDINGS).sort()).toEqual(Object.keys(OPERATIONS).sort());
    for (const name of Object.keys(notifications.operations))
      expect(routeFor(name as never).uri).toMatch(/^\/\{accountId\}/);
    const events = new Set(EDGES.map((edge) => edge.event));
    for (const event of notifications.events) expect(events).toContain(event);
  });

  it("reaches every transition of a subresource in the path search", () => {
    const covered = transitionCoveringPaths();
    const own = EDGES.filter((edge) => (notifications.events as readonly string[]).includes(edge.event));
    expect(own.length).toBeGreaterThanOrEqual(3 * 5 + 3);
    for (const edge of own) expect(covered.has(edge.id), edge.id).toBe(true);
  });
});
