#!/usr/bin/env node
// The `glacier-vault-lock` command. Installed from the package it runs the compiled JavaScript in dist/; in a
// checkout of the repository (where cli/main.ts exists) it runs the TypeScript sources through tsx, a
// development dependency, so working on the code needs no build step.
import { existsSync } from "node:fs";

// On Node 20 the AWS SDK prints a notice that its releases from January 2027 need Node 22. The SDK's documented
// switch turns it off; it is read when the first client is made, so it is set before anything loads the SDK.
// A value the user set wins.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const source = new URL("../cli/main.ts", import.meta.url);
if (existsSync(source)) {
  const { register } = await import("tsx/esm/api");
  register();
  await import(source.href);
} else {
  await import("../dist/cli/main.js");
}
