/** Writes the generated documentation pages. */
import { writeFileSync } from "node:fs";
import { prove } from "../model/check/prove.js";
import { stateMachinePage } from "../model/diagram.js";
import { propertiesPage } from "../model/properties/page.js";

writeFileSync(new URL("../docs/state-machine.md", import.meta.url), stateMachinePage());
console.log("wrote docs/state-machine.md");
writeFileSync(new URL("../docs/properties.md", import.meta.url), propertiesPage(prove()));
console.log("wrote docs/properties.md");
