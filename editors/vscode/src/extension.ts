/**
 * The VS Code extension: starts the Schema Assistant language server (bundled in dist/server.js, or the command in
 * `schemaAssistant.serverCommand`), registers the analyze/docs/migrate/optimize commands (run by the server, output
 * in the "Schema Assistant" channel) and the chat view.
 */
import * as vscode from "vscode";
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import { ChatViewProvider } from "./chat-view";

let client: LanguageClient | undefined;

const COMMANDS: { id: string; title: string }[] = [
  { id: "schemaAssistant.analyze", title: "Analyze" },
  { id: "schemaAssistant.docs", title: "Docs" },
  { id: "schemaAssistant.migrate", title: "Migration plan from git HEAD" },
  { id: "schemaAssistant.optimize", title: "Optimize" },
];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // Only the user's own settings: a cloned repository's .vscode/settings.json must not choose what runs.
  const custom =
    vscode.workspace.getConfiguration("schemaAssistant").inspect<string[]>("serverCommand")?.globalValue ?? [];
  const serverOptions: ServerOptions = custom.length
    ? { command: custom[0], args: custom.slice(1), transport: TransportKind.stdio }
    : { module: context.asAbsolutePath("dist/server.js"), transport: TransportKind.stdio };
  const clientOptions: LanguageClientOptions = {
    documentSelector: ["typescript", "javascript", "typescriptreact", "javascriptreact"].map((language) => ({
      scheme: "file",
      language,
    })),
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/convex/**/*.{ts,js,tsx,jsx,mts,mjs}") },
  };
  client = new LanguageClient("schemaAssistant", "Schema Assistant", serverOptions, clientOptions);
  await client.start();

  const output = vscode.window.createOutputChannel("Schema Assistant");
  for (const { id, title } of COMMANDS) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async () => {
        const command = id.replace("schemaAssistant.", "schema-assistant."); // the server's name for it
        const result = (await client!.sendRequest("workspace/executeCommand", { command })) as {
          exitCode: number;
          output: string;
        };
        output.clear();
        output.appendLine(`# ${title}${result.exitCode ? ` (exit code ${result.exitCode})` : ""}`);
        output.append(result.output);
        output.show(true);
      }),
    );
  }
  context.subscriptions.push(
    vscode.commands.registerCommand("schemaAssistant.setToken", async () => {
      const token = await vscode.window.showInputBox({
        prompt: "Dashboard API token (Settings → API tokens), stored in VS Code's secret storage",
        password: true,
        ignoreFocusOut: true,
      });
      if (token === undefined) return;
      if (token) await context.secrets.store("schemaAssistant.token", token);
      else await context.secrets.delete("schemaAssistant.token");
    }),
    vscode.window.registerWebviewViewProvider("schemaAssistant.chat", new ChatViewProvider(context, () => client!)),
    output,
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
