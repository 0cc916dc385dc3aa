// Worker-thread entry: registers tsx so the TypeScript server module can load inside the worker.
import { register } from "tsx/esm/api";

register();
await import("./servers.ts");
