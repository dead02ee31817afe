/**
 * The chat view: asks the dashboard (when `schemaAssistant.dashboardUrl`, `schemaAssistant.projectId` and a token in
 * secret storage are set) or the local designer, shows each proposal's diff, and applies it to schema.ts as the
 * surgical edit the language server computed — into the open buffer, unsaved, so undo works as for any edit.
 */
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { ask, type Answer, type Dashboard } from "./assistant";
import { chatHtml } from "./chat-html";

export class ChatViewProvider implements vscode.WebviewViewProvider {
  private history: { role: "user" | "assistant"; content: string }[] = [];
  private proposals = new Map<string, { answer: Answer; version?: number }>();
  private conversationId: string | undefined;
  private next = 0;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: () => LanguageClient,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    view.webview.options = { enableScripts: true };
    view.webview.html = chatHtml(randomBytes(16).toString("base64"), view.webview.cspSource);
    view.webview.onDidReceiveMessage(async (msg: { type: string; text?: string; id?: string }) => {
      try {
        if (msg.type === "ask" && msg.text) await this.ask(view, msg.text);
        if (msg.type === "apply" && msg.id) await this.apply(view, msg.id);
      } catch (e) {
        void view.webview.postMessage({ type: "error", message: e instanceof Error ? e.message : String(e) });
      }
    });
  }

  private async dashboard(): Promise<Dashboard | undefined> {
    const config = vscode.workspace.getConfiguration("schemaAssistant");
    // Only the user's own settings: a cloned repository's .vscode/settings.json must not receive the token.
    const url = config.inspect<string>("dashboardUrl")?.globalValue;
    const projectId = config.get<string>("projectId");
    const token = await this.context.secrets.get("schemaAssistant.token");
    return url && projectId && token ? { url, projectId, token } : undefined;
  }

  private async ask(view: vscode.WebviewView, text: string): Promise<void> {
    const client = this.client();
    const answer = await ask(
      text,
      this.history,
      (method, params) => client.sendRequest(method, params),
      await this.dashboard(),
      this.conversationId,
    );
    this.conversationId = answer.conversationId ?? this.conversationId;
    this.history.push({ role: "user", content: text }, { role: "assistant", content: answer.reply });
    const id = String(++this.next);
    const open = answer.uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === answer.uri) : undefined;
    this.proposals.set(id, { answer, version: open?.version });
    void view.webview.postMessage({
      type: "reply",
      id,
      reply: answer.reply,
      questions: answer.questions,
      notes: answer.notes,
      diff: answer.diff,
      canApply: !!answer.edit,
      source: answer.source,
    });
  }

  private async apply(view: vscode.WebviewView, id: string): Promise<void> {
    const p = this.proposals.get(id);
    if (!p?.answer.edit || !p.answer.uri) throw new Error("This proposal has no edit to apply.");
    const uri = vscode.Uri.parse(p.answer.uri);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === p.answer.uri);
    if (open && p.version !== undefined && open.version !== p.version)
      throw new Error("schema.ts changed since this proposal; ask again.");
    const { start, end } = p.answer.edit.range;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(start.line, start.character, end.line, end.character), p.answer.edit.newText);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error("VS Code refused the edit.");
    await vscode.window.showTextDocument(uri, { preview: false });
    this.proposals.delete(id);
    void view.webview.postMessage({ type: "applied", id });
  }
}
