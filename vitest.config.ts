import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "model/**/*.test.ts",
            "emulator/**/*.test.ts",
            "conformance/**/*.test.ts",
            "reports/**/*.test.ts",
            "cli/**/*.test.ts",
            "mutation/**/*.test.ts",
            "reliability/**/*.test.ts",
          ],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "conformance",
          include: ["conformance/**/*.e2e.ts", "reports/**/*.e2e.ts", "mutation/**/*.e2e.ts"],
          testTimeout: 300_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
