// `npm run build` (also run by `npm pack`): compiles the package's modules (those the entry points in
// tsconfig.build.json reach) to JavaScript with declarations in dist/, then copies beside them the text
// assets their source folders hold and the code reads at run time (reports/page.js.txt, page.css.txt).
import { spawnSync } from "node:child_process";
import { copyFileSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");
rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const compiled = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

const folders = readdirSync(dist, { recursive: true, withFileTypes: true }).filter((entry) => entry.isDirectory());
for (const folder of folders) {
  const source = join(root, relative(dist, join(folder.parentPath, folder.name)));
  for (const asset of readdirSync(source).filter((name) => name.endsWith(".txt")))
    copyFileSync(join(source, asset), join(folder.parentPath, folder.name, asset));
}
