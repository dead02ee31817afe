/**
 * For tests and the bench: starts the real `schema-assistant lsp --stdio` process on a copy of a project and talks
 * to it with vscode-languageserver-protocol, keeping the last diagnostics published per file.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "../..");
export const FIXTURE = path.join(HERE, "testdata/project");

export interface LspClient {
  dir: string;
  connection: ProtocolConnection;
  process: ChildProcess;
  uri(file: string): string;
  read(file: string): string;
  /** The last diagnostics published for a file, with the document version they were computed for. */
  diagnostics: Map<string, PublishDiagnosticsParams>;
  /** Resolves with the next publication for `file` that satisfies `ok`. */
  waitForDiagnostics(
    file: string,
    ok?: (p: PublishDiagnosticsParams) => boolean,
    timeoutMs?: number,
  ): Promise<Diagnostic[]>;
  open(file: string, text?: string): void;
  stop(): Promise<void>;
}

/**
 * Copies `project` (default: the fixture) to a temp folder and starts the server on it: the CLI's, or `server`
 * (a script run with node and `--stdio`, e.g. the VS Code extension's bundled dist/server.js). `linkNodeModules`
 * links this repository's node_modules into the copy.
 */
export async function startLsp(
  project: string | Record<string, string> = FIXTURE,
  server?: string,
  options: { linkNodeModules?: boolean } = {},
): Promise<LspClient> {
  const dir = mkdtempSync(path.join(tmpdir(), "sa-lsp-"));
  if (typeof project === "string") cpSync(project, dir, { recursive: true });
  else {
    const { mkdirSync, writeFileSync } = await import("node:fs");
    for (const [f, text] of Object.entries(project)) {
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      writeFileSync(path.join(dir, f), text);
    }
  }
  // A real project has its own node_modules (the convex package a schema imports when it is evaluated).
  if (options.linkNodeModules) symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
  const args = server ? [server, "--stdio"] : [path.join(REPO, "bin/schema-assistant.mjs"), "lsp", "--stdio"];
  const child = spawn(process.execPath, args, { cwd: dir, stdio: ["pipe", "pipe", "inherit"] });
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  const diagnostics = new Map<string, PublishDiagnosticsParams>();
  const waiters = new Set<() => void>();
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    diagnostics.set(p.uri, p);
    for (const w of [...waiters]) w();
  });
  connection.listen();
  const uri = (file: string) => pathToFileURL(path.join(dir, file)).toString();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(dir).toString(),
    workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: "project" }],
    capabilities: {},
  });
  await connection.sendNotification("initialized", {});
  const versions = new Map<string, number>();
  return {
    dir,
    connection,
    process: child,
    uri,
    read: (file) => readFileSync(path.join(dir, file), "utf8"),
    diagnostics,
    waitForDiagnostics(file, ok = () => true, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const p = diagnostics.get(uri(file));
          if (p && ok(p)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(p.diagnostics);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `No matching diagnostics for ${file} within ${timeoutMs} ms; last: ${JSON.stringify(diagnostics.get(uri(file)))}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    open(file, text) {
      versions.set(file, 1);
      void connection.sendNotification("textDocument/didOpen", {
        textDocument: {
          uri: uri(file),
          languageId: "typescript",
          version: 1,
          text: text ?? readFileSync(path.join(dir, file), "utf8"),
        },
      });
    },
    async stop() {
      try {
        await Promise.race([connection.sendRequest("shutdown"), new Promise((r) => setTimeout(r, 2000))]);
        await connection.sendNotification("exit");
      } catch {
        // already gone
      }
      connection.dispose();
      if (child.exitCode === null) child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sends a full-text change of an open document and returns its new version. */
let nextVersion = 100;
export function change(client: LspClient, file: string, text: string): number {
  const version = nextVersion++;
  void client.connection.sendNotification("textDocument/didChange", {
    textDocument: { uri: client.uri(file), version },
    contentChanges: [{ text }],
  });
  return version;
}

/** The 0-based position of the first occurrence of `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in the text`);
  const before = text.slice(0, at + delta);
  const line = before.split("\n").length - 1;
  return { line, character: before.length - before.lastIndexOf("\n") - 1 };
}
