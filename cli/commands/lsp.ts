/**
 * `schema-assistant lsp --stdio`: the language server for editors (diagnostics, code actions, hover, completion,
 * definitions and references for convex/schema.ts and the functions that use it). Speaks LSP over stdin/stdout;
 * see cli/lsp/server.ts and the README's "In your editor".
 */
import type { Command } from "commander";

export function register(program: Command): void {
  program
    .command("lsp")
    .description("run the language server for editors over stdio (VS Code, Neovim, Zed, any LSP client)")
    .option("--stdio", "talk LSP over stdin/stdout (the default and only transport)")
    .action(async () => {
      const { createConnection, ProposedFeatures } = await import("vscode-languageserver/node");
      const { startServer } = await import("../lsp/server");
      startServer(createConnection(ProposedFeatures.all, process.stdin, process.stdout));
    });
}
