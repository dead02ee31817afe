/**
 * The language server behind `schema-assistant lsp`: one Convex project (the workspace folder, or the nearest
 * folder above an opened file holding convex/schema.ts), read from disk once and then kept current from the
 * editor's open buffers, which win over disk. Diagnostics are recomputed right after each change (several
 * changes arriving together are handled once) for the changed files only. Function files that import a changed
 * file — and all of them after a schema change that alters which fields hold ids of which table (what a function's
 * analysis reads of the schema) — are re-analysed once typing pauses, in small slices.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createTwoFilesPatch } from "diff";
import {
  CodeActionKind,
  DiagnosticSeverity,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type InitializeParams,
  type Location,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Diagnostic } from "../../lib/schema/model";
import { proposeWithModel } from "../../lib/assistant";
import { applyOperationsToSource, parseSchema } from "../../lib/schema";
import { fromConvexExport } from "../../lib/schema/evaluated";
import { readProjectFiles } from "../project-files";
import { evaluateSchema, evaluationModeFromEnv } from "../schema-eval";
import { codeActions } from "./actions";
import { complete, definition, hover, references, type Place } from "./features";
import { ProjectState } from "./project-state";
import { minimalEdit, offsetAt, rangeOf } from "./text";

/**
 * Commands the server runs (the CLI's own commands, output captured), for editors to bind. Named apart from the VS
 * Code extension's palette commands, since vscode-languageclient registers a server's commands itself.
 */
export const COMMANDS = [
  "schema-assistant.analyze",
  "schema-assistant.docs",
  "schema-assistant.migrate",
  "schema-assistant.optimize",
] as const;

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
} as const;
/** Typing pauses this long before the rest of the project's diagnostics are refreshed. */
const PUBLISH_REST_AFTER_MS = 150;
/** ... and this long before function files whose imports changed are re-analysed. */
const REFRESH_AFTER_MS = 300;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let root: string | undefined;
  let state: ProjectState | undefined;
  let loading: Promise<void> | undefined;
  const dirty = new Set<string>();
  let flushScheduled = false;
  let refreshTimer: NodeJS.Timeout | undefined;
  let publishTimer: NodeJS.Timeout | undefined;
  const published = new Map<string, string>();

  const logError = (e: unknown) =>
    connection.console.error(`schema-assistant: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  /** Work run from timers: an engine bug is logged to the editor, never a crash of the server. */
  const guarded = (fn: () => void) => () => {
    try {
      fn();
    } catch (e) {
      flushScheduled = false;
      logError(e);
    }
  };

  const rel = (uri: string): string | undefined => {
    if (!root || !uri.startsWith("file:")) return undefined;
    const r = path.relative(root, fileURLToPath(uri));
    return r.startsWith("..") || path.isAbsolute(r) ? undefined : r.split(path.sep).join("/");
  };
  const uriOf = (file: string) => pathToFileURL(path.join(root!, file)).toString();
  const textOf = (file: string) => state?.files[file];

  /** Loads the project at `dir`: disk files, then every open buffer over them. */
  const load = (dir: string) => {
    loading = (async () => {
      try {
        const project = await readProjectFiles(dir);
        root = dir;
        const { files, entry, packages, aliases, zodMajor, functionsDir } = project;
        for (const doc of documents.all()) {
          const f = rel(doc.uri);
          if (f) files[f] = doc.getText();
        }
        state = new ProjectState({ files, entry, packages, aliases, zodMajor, functionsDir });
        for (const w of project.warnings) connection.console.warn(w);
        connection.console.log(`schema-assistant: project ${dir} (${Object.keys(files).length} files)`);
        publishAll();
        void evaluate().catch(logError);
      } catch (e) {
        connection.console.error(`schema-assistant: ${(e as Error).message}`);
      }
    })();
    return loading;
  };

  const findProject = (start: string): string | undefined => {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (existsSync(path.join(dir, "convex", "schema.ts")) || existsSync(path.join(dir, "convex.json"))) return dir;
      if (path.dirname(dir) === dir) return undefined;
    }
  };

  const toLsp = (d: Diagnostic & { functions?: string[] }, text: TextDocument | undefined): LspDiagnostic => ({
    range: d.loc ? rangeOf(text, d.loc) : { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    severity: SEVERITY[d.severity],
    code: d.code,
    source: "schema-assistant",
    message: d.functions?.length ? `${d.message} (in ${d.functions.join(", ")})` : d.message,
  });

  /** Sends a file's diagnostics unless they equal what was last sent (`force`: send anyway, e.g. for a new version). */
  const publish = (file: string, diagnostics: Diagnostic[], force: boolean) => {
    const text = textOf(file);
    const lines = text === undefined ? undefined : TextDocument.create(uriOf(file), "typescript", 0, text);
    const list = diagnostics.map((d) => toLsp(d, lines));
    const key = JSON.stringify(list);
    if (published.get(file) === key && !force) return;
    if (list.length) published.set(file, key);
    else published.delete(file);
    const doc = documents.get(uriOf(file));
    void connection.sendDiagnostics({ uri: uriOf(file), diagnostics: list, ...(doc ? { version: doc.version } : {}) });
  };

  /** Publishes every file whose diagnostics changed since the last time. */
  const publishAll = () => {
    if (!state) return;
    const byFile = state.diagnostics();
    for (const file of new Set([...byFile.keys(), ...published.keys()])) publish(file, byFile.get(file) ?? [], false);
  };

  /**
   * Applies the queued changes. The changed open buffers get their fresh diagnostics first (computing only what
   * can be located in them); the rest of the project follows once typing pauses, so a keystroke waits for its own
   * file only.
   */
  const flush = () => {
    flushScheduled = false;
    if (!state) return;
    let idsChanged = false;
    for (const file of dirty) {
      const doc = documents.get(uriOf(file));
      const text = doc ? doc.getText() : readDisk(path.join(root!, file));
      idsChanged = state.update(file, text).idsChanged || idsChanged;
    }
    for (const file of dirty) if (documents.get(uriOf(file))) publish(file, state.fileDiagnostics(file), true);
    dirty.clear();
    clearTimeout(publishTimer);
    publishTimer = setTimeout(guarded(publishAll), PUBLISH_REST_AFTER_MS);
    if (idsChanged) state.markAllStale();
    clearTimeout(refreshTimer);
    if (state.staleCount) refreshTimer = setTimeout(guarded(refreshStale), REFRESH_AFTER_MS);
  };

  /**
   * Re-analyses function files whose imports changed, in slices of about 20 ms so that messages (keystrokes) keep
   * being handled in between; publishes once all are done.
   */
  const refreshStale = () => {
    if (!state) return;
    const started = performance.now();
    while (performance.now() - started < 20 && state.refreshOne());
    if (state.staleCount) refreshTimer = setTimeout(guarded(refreshStale), 0);
    else publishAll();
  };

  /**
   * Runs the schema (cli/schema-eval.ts: a child process with time and memory limits) when static reading left part
   * of it unresolved: after loading and after each save, never on a keystroke. SCHEMA_ASSISTANT_EVALUATE=never
   * turns it off. A save during a run runs it once more afterwards.
   */
  let evaluating = false;
  let evaluateAgain = false;
  const evaluate = async (): Promise<void> => {
    if (!state || !root || !state.needsEvaluation || evaluationModeFromEnv() === "never") return;
    if (evaluating) {
      evaluateAgain = true;
      return;
    }
    evaluating = true;
    try {
      const r = await evaluateSchema({
        files: { ...state.files },
        entry: state.input.entry,
        aliases: state.input.aliases,
        root,
      });
      let result: Parameters<ProjectState["setEvaluation"]>[0];
      try {
        result = r.ok ? { evaluated: fromConvexExport(r.json) } : { error: r.error };
      } catch (e) {
        result = {
          error: {
            code: "SA120",
            severity: "warning",
            message: `Evaluating the schema gave an unexpected result: ${(e as Error).message}`,
          },
        };
      }
      if (state.setEvaluation(result)) state.markAllStale();
      publishAll();
      if (state.staleCount) refreshTimer = setTimeout(guarded(refreshStale), 0);
    } finally {
      evaluating = false;
    }
    if (evaluateAgain) {
      evaluateAgain = false;
      await evaluate();
    }
  };

  const changed = (file: string) => {
    dirty.add(file);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(guarded(flush));
    }
  };

  connection.onInitialize((params: InitializeParams) => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    const dir = folder ? fileURLToPath(folder) : (params.rootPath ?? undefined);
    const project = dir ? findProject(dir) : undefined;
    if (project) void load(project);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['"', "'"] },
        definitionProvider: true,
        referencesProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: [...COMMANDS] },
      },
      serverInfo: { name: "schema-assistant" },
    };
  });

  documents.onDidOpen(({ document }) => {
    if (!root && !loading) {
      const project = findProject(path.dirname(fileURLToPath(document.uri)));
      if (project) void load(project);
    }
  });
  documents.onDidChangeContent(({ document }) => {
    const file = rel(document.uri);
    if (file && state && state.files[file] !== document.getText()) changed(file);
  });
  documents.onDidSave(({ document }) => {
    const file = rel(document.uri);
    if (file && state?.isSchemaFile(file)) void evaluate().catch(logError);
  });
  documents.onDidClose(({ document }) => {
    const file = rel(document.uri);
    if (file) changed(file); // back to the disk's text
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const c of changes) {
      const file = rel(c.uri);
      if (file && !documents.get(c.uri)) changed(file);
    }
  });

  /** Runs a feature once the project is loaded, on the document's current text. */
  const withDoc = async <T>(
    uri: string,
    fn: (file: string, text: string, s: ProjectState) => T,
    empty: T,
  ): Promise<T> => {
    await loading;
    if (dirty.size) flush();
    const file = rel(uri);
    const doc = documents.get(uri);
    if (!state || !file || !doc) return empty;
    return fn(file, doc.getText(), state);
  };
  const toLocation = (p: Place): Location => ({ uri: uriOf(p.loc.file), range: rangeOf(textOf(p.loc.file), p.loc) });

  connection.onHover((p) =>
    withDoc(
      p.textDocument.uri,
      (file, text, s) => {
        const contents = hover(s, file, text, offsetAt(text, p.position));
        return contents ? { contents } : null;
      },
      null,
    ),
  );
  connection.onCompletion((p) =>
    withDoc(p.textDocument.uri, (file, text, s) => complete(s, file, text, offsetAt(text, p.position)), []),
  );
  connection.onDefinition((p) =>
    withDoc(
      p.textDocument.uri,
      (file, text, s) => {
        const place = definition(s, file, text, offsetAt(text, p.position));
        return place ? toLocation(place) : null;
      },
      null,
    ),
  );
  connection.onReferences((p) =>
    withDoc(
      p.textDocument.uri,
      (file, text, s) =>
        references(s, file, text, offsetAt(text, p.position), p.context.includeDeclaration).map(toLocation),
      [],
    ),
  );
  connection.onCodeAction((p) =>
    withDoc(
      p.textDocument.uri,
      (file, _text, s) =>
        codeActions(s, file, p.range.start.line + 1, p.range.end.line + 1).map((a) => ({
          title: a.title,
          kind: a.kind === "quickfix" ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
          isPreferred: a.preferred,
          diagnostics: p.context.diagnostics.filter((d) => a.codes.includes(String(d.code))),
          edit: workspaceEdit(a.changed),
        })),
      [],
    ),
  );
  const workspaceEdit = (changedFiles: Record<string, string>): WorkspaceEdit => {
    const changes: Record<string, TextEdit[]> = {};
    for (const [file, after] of Object.entries(changedFiles))
      changes[uriOf(file)] = [minimalEdit(textOf(file) ?? "", after)];
    return { changes };
  };

  connection.onExecuteCommand(async ({ command }) => {
    await loading;
    if (!root) return { exitCode: 1, output: "No Convex project (convex/schema.ts) in the workspace." };
    return runCliCommand(command, root);
  });

  /** The designer on the current schema (open buffers included): its reply and the surgical edit of the schema file. */
  connection.onRequest(
    "schemaAssistant/design",
    async ({ message, history }: { message: string; history?: { role: "user" | "assistant"; content: string }[] }) => {
      await loading;
      if (!state?.schema)
        return {
          error: state ? "The schema does not parse; fix its errors first." : "No Convex project in the workspace.",
        };
      const r = await proposeWithModel({
        request: String(message ?? ""),
        schema: state.schema,
        history: history ?? [],
      });
      const base = {
        reply: r.explanation,
        questions: r.questions,
        assumptions: r.assumptions,
        valid: r.valid,
        errors: r.errors,
        destructive: r.destructive,
        destructiveReasons: r.destructiveReasons,
      };
      if (!r.valid || r.operations.length === 0) return base;
      const entry = state.input.entry;
      const source = state.files[entry];
      const { aliases, packages, zodMajor } = state.input;
      const edited = applyOperationsToSource(source, r.operations as never, entry, state.files, {
        aliases,
        packages,
        zodMajor,
      });
      if (!edited.ok) return { ...base, errors: edited.errors.map((e) => e.message) };
      return { ...base, ...proposal(entry, source, edited.source) };
    },
  );

  /** A whole proposed schema text (the dashboard's reply): checked to parse, with its diff and edit. */
  connection.onRequest("schemaAssistant/proposeSource", async ({ source }: { source: string }) => {
    await loading;
    if (!state) return { error: "No Convex project in the workspace." };
    const entry = state.input.entry;
    const parsed = parseSchema({ ...state.input, files: { ...state.files, [entry]: String(source) } });
    if (!parsed.ok)
      return { error: `The proposed schema does not parse: ${parsed.errors.map((e) => e.message).join(" ")}` };
    return proposal(entry, state.files[entry] ?? "", String(source));
  });

  const proposal = (entry: string, before: string, after: string) => ({
    diff: createTwoFilesPatch(`a/${entry}`, `b/${entry}`, before, after, undefined, undefined, { context: 3 }),
    uri: uriOf(entry),
    edit: minimalEdit(before, after),
  });

  documents.listen(connection);
  connection.listen();
}

function readDisk(abs: string): string | undefined {
  try {
    return readFileSync(abs, "utf8");
  } catch {
    return undefined;
  }
}

/** Runs one of the CLI's commands on the project folder and returns what it printed. */
async function runCliCommand(command: string, root: string): Promise<{ exitCode: number; output: string }> {
  let output = "";
  const io = { out: (t: string) => void (output += t), err: (t: string) => void (output += t) };
  let exitCode: number;
  switch (command) {
    case "schema-assistant.analyze":
      exitCode = await (await import("../commands/analyze")).runAnalyze(root, {}, io);
      break;
    case "schema-assistant.docs":
      exitCode = await (await import("../commands/docs")).runDocs(root, {}, io);
      break;
    case "schema-assistant.migrate":
      exitCode = await (await import("../commands/migrate")).runMigrate(root, { git: "HEAD" } as never, io);
      break;
    case "schema-assistant.optimize":
      exitCode = await (await import("../commands/optimize")).runOptimize(root, { auto: true }, io);
      break;
    default:
      return { exitCode: 1, output: `Unknown command "${command}".` };
  }
  return { exitCode, output };
}
