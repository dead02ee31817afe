import { defineConfig } from "vitest/config";

// Two projects: plain Node for the engine, backend and CLI; edge-runtime for convex-test function tests.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          environment: "node",
          include: [
            "lib/**/*.test.ts",
            "backend/**/*.test.ts",
            "cli/**/*.test.ts",
            "editors/**/*.test.ts",
            "bench/**/*.test.ts",
            "eval/**/*.test.ts",
            "architecture/**/*.test.ts",
            "convex/**/*.node.test.ts",
          ],
          setupFiles: ["vitest.setup.ts"],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "convex",
          environment: "edge-runtime",
          include: ["convex/**/*.test.ts"],
          exclude: ["convex/**/*.node.test.ts"],
          server: { deps: { inline: ["convex-test"] } },
          testTimeout: 30_000,
        },
      },
    ],
  },
});
