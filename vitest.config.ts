import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Node 20 is this project's runtime; the SDK's notice that it will want Node 22 in 2027 is known.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "model/**/*.test.ts",
            "emulator/**/*.test.ts",
            "protocol/**/*.test.ts",
            "conformance/**/*.test.ts",
            "reports/**/*.test.ts",
            "cli/**/*.test.ts",
            "mutation/**/*.test.ts",
            "scripts/**/*.test.ts",
            "reliability/**/*.test.ts",
          ],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "conformance",
          include: [
            "conformance/**/*.e2e.ts",
            "api/**/*.e2e.ts",
            "cli/**/*.e2e.ts",
            "reports/**/*.e2e.ts",
            "mutation/**/*.e2e.ts",
            "reliability/**/*.e2e.ts",
          ],
          testTimeout: 300_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
