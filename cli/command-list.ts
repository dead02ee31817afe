import type { Command } from "commander";

/** A command module: cli/commands/<name>.ts exports `register(program)`. */
export interface CommandModule {
  register(program: Command): void;
}

/**
 * Every command, loaded only when it runs: `--help` lists them from this table without importing any (a test keeps
 * `description` and `args` equal to what each module registers).
 */
export const COMMANDS: Record<string, { args: string; description: string; load: () => Promise<CommandModule> }> = {
  dev: {
    args: "",
    description: "start the embedded Convex backend and the dashboard (the demo project is seeded on first sign-in)",
    load: () => import("./commands/dev.ts"),
  },
  backend: {
    args: "[dir]",
    description:
      "Run a Convex project's convex/ functions on the embedded local backend (offline), keeping convex/_generated current",
    load: () => import("./commands/backend.ts"),
  },
  codegen: {
    args: "[dir]",
    description: "write convex/_generated offline, with the convex package's own generator (as npx convex codegen)",
    load: () => import("./commands/codegen.ts"),
  },
  pull: {
    args: "[dir]",
    description: "write the project's approved schema from Schema Assistant into the local folder (HTTP API, token)",
    load: () => import("./commands/pull.ts"),
  },
  push: {
    args: "[dir]",
    description: "upload the local schema to Schema Assistant as a new version; --check fails when they disagree (CI)",
    load: () => import("./commands/push.ts"),
  },
  chat: {
    args: "[dir]",
    description:
      "Talk to the schema assistant about a project's convex/schema.ts (reads one request per line from a pipe).",
    load: () => import("./commands/chat.ts"),
  },
  analyze: {
    args: "[dir]",
    description: "summarize a project's Convex schema: tables, relationships, lint findings and health score",
    load: () => import("./commands/analyze.ts"),
  },
  docs: {
    args: "[dir]",
    description:
      "generate schema documentation (Markdown + Mermaid, DBML, AI context, manifest); --check detects drift",
    load: () => import("./commands/docs.ts"),
  },
  migrate: {
    args: "[dir]",
    description: "Plan (and apply) a migration between two versions of the schema",
    load: () => import("./commands/migrate.ts"),
  },
  generate: {
    args: "[dir]",
    description: "Generate Convex functions, validators, zod schemas, seed data and tests from the schema",
    load: () => import("./commands/generate.ts"),
  },
  optimize: {
    args: "[dir]",
    description: "Find slow query patterns in convex/ functions, advise indexes and apply safe fixes.",
    load: () => import("./commands/optimize.ts"),
  },
  lsp: {
    args: "",
    description: "run the language server for editors over stdio (VS Code, Neovim, Zed, any LSP client)",
    load: () => import("./commands/lsp.ts"),
  },
  import: {
    args: "<kind> <file>",
    description: "import a Prisma schema or PostgreSQL DDL (and optionally data) into a Convex schema",
    load: () => import("./commands/import.ts"),
  },
};

/** The command named on the command line (`help <name>` included), if any. */
export function commandIn(argv: string[]): string | undefined {
  const words = argv.filter((a) => !a.startsWith("-"));
  return words[0] === "help" ? words[1] : words[0];
}
