/** Writes the generated documentation pages. */
import { writeFileSync } from "node:fs";
import { stateMachinePage } from "../model/diagram.js";

writeFileSync(new URL("../docs/state-machine.md", import.meta.url), stateMachinePage());
console.log("wrote docs/state-machine.md");
