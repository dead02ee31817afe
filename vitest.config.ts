import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

// Four projects. `npm run test:fast` runs the first two (engine + CLI units, the edit loop); `npm test` runs all.
// - engine: the pure lib/ stages. They keep no state between files, so one module graph serves every file
//   (isolate: false halves the suite's CPU: no re-import of parser, NLP and engine per file).
// - cli: the CLI's own tests, minus the ones that run tsc, convex codegen or a backend (listed below).
// - integration: embedded backend, editors, evals, compile/tsc runs: each file in its own process.
// - convex: convex-test function tests in edge-runtime, each file in its own worker.

/** CLI tests that type-check generated projects, run Convex's code generator or start a backend (seconds each). */
const CLI_INTEGRATION = [
  "cli/toolchain.test.ts",
  "cli/migrate-typecheck.test.ts",
  "cli/import.test.ts",
  "cli/convex-codegen.test.ts",
  "cli/migrate-backend-store.test.ts",
  "cli/schema-sync.node.test.ts",
  "cli/commands/backend.test.ts",
  "cli/commands/optimize.backend.test.ts",
  // installs the real schemas' npm packages on first run (eval/oracle-corpus) and runs each schema
  "cli/schema-oracle.real.test.ts",
];
/** Engine tests that compile every generated project with tsc and run its generated tests. */
const ENGINE_INTEGRATION = ["lib/codegen/compile.test.ts"];

// Sized for this 2-core machine shared with other work (load 10+ is common): a test that takes 15 s on a quiet
// machine can take a minute and a half. A hang still fails, after two minutes.
const timeouts = { testTimeout: 120_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    // vitest's default is cores - 1, one worker here; many files wait on child processes and sockets.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: "engine",
          environment: "node",
          include: ["lib/**/*.test.ts", "architecture/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...ENGINE_INTEGRATION],
          setupFiles: ["vitest.setup.ts"],
          isolate: false,
          ...timeouts,
        },
      },
      {
        test: {
          name: "cli",
          environment: "node",
          include: ["cli/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...CLI_INTEGRATION],
          setupFiles: ["vitest.setup.ts"],
          ...timeouts,
        },
      },
      {
        test: {
          name: "integration",
          environment: "node",
          include: [
            ...ENGINE_INTEGRATION,
            ...CLI_INTEGRATION,
            "backend/**/*.test.ts",
            "editors/**/*.test.ts",
            "bench/**/*.test.ts",
            "eval/**/*.test.ts",
            "convex/**/*.node.test.ts",
          ],
          setupFiles: ["vitest.setup.ts"],
          ...timeouts,
        },
      },
      {
        test: {
          name: "convex",
          environment: "edge-runtime",
          include: ["convex/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "convex/**/*.node.test.ts"],
          server: { deps: { inline: ["convex-test"] } },
          // Not shared (isolate: false was tried): scheduled functions a file leaves running load modules after its
          // edge-runtime environment is torn down and fail the next file.
          ...timeouts,
        },
      },
    ],
  },
});
