// Worker-thread entry for `npm run mutants`: registers tsx so the TypeScript runner can load inside the worker.
import { register } from "tsx/esm/api";

register();
await import("./run.ts");
