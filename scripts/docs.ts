/** Writes the generated documentation pages: all, or those named (`npm run docs -- requirements`). */
import { writeFileSync } from "node:fs";
import { prove } from "../model/check/prove.js";
import { stateMachinePage } from "../model/diagram.js";
import { propertiesPage } from "../model/properties/page.js";
import { requirementsPage } from "./requirements-page.js";

const PAGES: Record<string, () => string> = {
  "state-machine": stateMachinePage,
  requirements: requirementsPage,
  properties: () => propertiesPage(prove()),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in PAGES));
if (unknown.length) {
  console.error(`unknown page ${unknown.join(", ")}; pages: ${Object.keys(PAGES).join(", ")}`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : Object.keys(PAGES)) {
  writeFileSync(new URL(`../docs/${name}.md`, import.meta.url), PAGES[name]!());
  console.log(`wrote docs/${name}.md`);
}
