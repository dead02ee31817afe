/**
 * `schema-assistant chat [dir] [--apply] [--yes] [--json]`: a terminal conversation about a project's schema.
 * Reads requests from the terminal (with an approval prompt per change) or from a pipe, one request per line.
 * Uses the model when OPENAI_API_KEY is set (OPENAI_BASE_URL, OPENAI_MODEL optional), else the designer.
 * `--apply` writes approved changes to convex/schema.ts; destructive changes are never written here: they go
 * through `schema-assistant migrate`.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import { createTwoFilesPatch } from "diff";
import type { Proposal, Usage } from "../../lib/assistant";
import { DEFAULT_MODEL, runAssistant, type ModelEnv } from "../../convex/lib/openaiModel";
import {
  answerWithEngines,
  classifyIntent,
  finishDesign,
  grammarAnswer,
  type ProjectContext,
} from "../../lib/assistant/turn";
import type { DataStats, Measurement } from "../../lib/optimize/types";
import type { ChatTurn } from "../../lib/assistant/types";
import { lintSchema } from "../../lib/lint";
import type { Diagnostic } from "../../lib/schema/model";
import { applyOperationsToSource } from "../../lib/schema";
import { emptySchema, type SchemaModel } from "../../lib/schema/model";
import type { SchemaOperation } from "../../lib/schema/operations";
import { printSchema } from "../../lib/schema/print/index";
import { formatDiagnostic, loadSchema, processIo, type Io } from "./analyze";
import { readBackend } from "./optimize";
import type { ProjectFiles } from "../project-files";

/** One answer of the chat: a proposal, with token use when a model answered. */
export type ChatResult = Proposal & { usage?: Usage };

export interface ChatOptions {
  apply?: boolean;
  yes?: boolean;
  json?: boolean;
  /** @default 60000 */
  timeoutMs?: number;
  /** A running backend (with its admin key) whose measured reads and data statistics "make it faster" uses. */
  backend?: string;
  adminKey?: string;
}

/** Where requests come from and how approval is asked. */
export interface ChatInput {
  requests: AsyncIterable<string>;
  /** Asks the user to approve; undefined means approve without asking (piped input, --yes). */
  confirm?: (question: string) => Promise<boolean>;
}

export interface ChatSession {
  schema: SchemaModel;
  /** The file text the schema came from (undefined when there was no schema file). */
  source?: string;
  file: string;
  /** The schema's path in the project and the project's other files, for surgical edits of multi-file schemas. */
  entry?: string;
  files?: Record<string, string>;
  /** how the schema's imports resolve (tsconfig aliases, installed packages), for the same edits */
  resolve?: Pick<ProjectFiles, "aliases" | "packages" | "zodMajor">;
  history: ChatTurn[];
}

/** Runs a conversation; returns the exit code (1 when the schema cannot be read or written, or a proposal was invalid). */
export async function runChat(
  dir: string,
  opts: ChatOptions,
  input: ChatInput,
  env: ModelEnv,
  io: Io = processIo,
): Promise<number> {
  const session = await openSession(dir, io);
  if (!session) return 1;
  let failed = false;
  if (!env.apiKey) io.err("OPENAI_API_KEY is not set: the deterministic designer answers.\n");
  for await (const raw of input.requests) {
    const request = raw.trim();
    if (!request) continue;
    if (/^(exit|quit|bye)$/i.test(request)) break;
    const answered = await answer(request, session, opts, env, io);
    if (!answered) return 1;
    const edit = fileEdit(session, answered.operations);
    // The diff of the user's own file (helpers, comments and validator spellings kept), which is what --apply writes.
    const result = edit?.ok ? { ...answered, diff: edit.diff } : answered;
    if (edit && !edit.ok)
      io.err(
        `Note: this change cannot be written into ${path.relative(process.cwd(), session.file) || session.file} as it is (${edit.reason}); the diff shows the schema reprinted.\n`,
      );
    if (!result.valid) failed = true;
    if (opts.json) io.out(JSON.stringify(summary(request, result)) + "\n");
    else
      io.out(
        render(
          env.apiKey ? result : { ...result, fallbackReason: undefined },
          result.operations.length ? new Set(lintSchema(session.schema).map(lintKey)) : undefined,
        ),
      );
    session.history.push({ role: "user", content: request }, { role: "assistant", content: result.explanation });
    if (!result.valid || result.operations.length === 0) continue;
    if (result.destructive) {
      io.err(
        `Not applied: the change is destructive (${result.destructiveReasons.join(" ")}) Plan it with "schema-assistant migrate".\n`,
      );
      continue;
    }
    const approved = input.confirm
      ? await input.confirm(opts.apply ? "Write this change to the schema? [y/N] " : "Accept this change? [y/N] ")
      : true;
    if (!approved) {
      io.err("Skipped.\n");
      continue;
    }
    if (opts.apply) {
      const written = await writeChange(session, result.operations, result.schema, io);
      if (!written) return 1;
    } else {
      session.schema = result.schema;
      // The next answer's diff builds on the accepted change.
      if (edit?.ok) {
        session.source = edit.source;
        if (session.files && session.entry) session.files[session.entry] = edit.source;
      }
    }
  }
  if (!opts.apply && !opts.json)
    io.err(
      `Nothing was written; run with --apply to write approved changes to ${path.relative(process.cwd(), session.file) || session.file}.\n`,
    );
  return failed ? 1 : 0;
}

/**
 * One answer: optimizer, lint, impact, code and off-topic messages go to their engine; designs and changes to the
 * model (when a key is set) or the designer. Undefined when the backend asked for could not be read.
 */
async function answer(
  request: string,
  session: ChatSession,
  opts: ChatOptions,
  env: ModelEnv,
  io: Io,
): Promise<ChatResult | undefined> {
  const project: ProjectContext = {
    schema: session.schema,
    files: session.files,
    schemaFile: session.entry,
    aliases: session.resolve?.aliases,
  };
  if (opts.backend && classifyIntent(request, session.schema).intent === "optimize") {
    try {
      const measured: { stats: DataStats; measurements: Measurement[] } = await readBackend(
        opts.backend,
        opts.adminKey,
        session.schema,
      );
      project.stats = measured.stats;
      project.measurements = measured.measurements;
    } catch (e) {
      io.err(`error: ${(e as Error).message}\n`);
      return undefined;
    }
  }
  const routed =
    answerWithEngines(request, project) ??
    (env.apiKey
      ? grammarAnswer(request, project, {
          history: session.history.filter((t) => t.role === "user").map((t) => t.content),
        })
      : undefined);
  if (routed) return routed;
  const result = await runAssistant({
    request,
    schema: session.schema,
    history: session.history,
    env,
    timeoutMs: opts.timeoutMs ?? 60_000,
    onDelta: opts.json ? undefined : (t) => io.out(t),
  });
  const ran =
    result.source === "model"
      ? `model ${env.model || DEFAULT_MODEL}`
      : `designer (deterministic${env.apiKey ? "; the model's answer was not used" : ", no model"})`;
  return { ...finishDesign(request, session.schema, result, ran), usage: result.usage };
}

async function openSession(dir: string, io: Io): Promise<ChatSession | undefined> {
  const root = path.resolve(dir);
  const file = path.join(root, "convex", "schema.ts");
  if (!existsSync(file)) {
    io.err(`No convex/schema.ts in "${root}": starting from an empty schema.\n`);
    return { schema: emptySchema(), file, history: [] };
  }
  const loaded = await loadSchema(dir, io);
  if (!loaded) return undefined;
  const source = await readFile(path.join(root, loaded.project.entry), "utf8");
  const { entry, files, aliases, packages, zodMajor } = loaded.project;
  return {
    schema: loaded.model,
    source,
    file: path.join(root, entry),
    entry,
    files,
    resolve: { aliases, packages, zodMajor },
    history: [],
  };
}

/** The surgical edit of the schema file the operations make, with its diff; undefined without a file or a change. */
function fileEdit(
  session: ChatSession,
  operations: SchemaOperation[],
): { ok: true; source: string; diff: string } | { ok: false; reason: string } | undefined {
  if (session.source === undefined || operations.length === 0) return undefined;
  const edited = applyOperationsToSource(session.source, operations, session.entry, session.files, session.resolve);
  if (!edited.ok) return { ok: false, reason: edited.errors.map((e) => e.message).join(" ") };
  const name = session.entry ?? "convex/schema.ts";
  return {
    ok: true,
    source: edited.source,
    diff: createTwoFilesPatch(name, name, session.source, edited.source, "current", "proposed", { context: 3 }),
  };
}

/** Writes the change: a surgical edit of the existing file (comments and formatting kept), or the printed schema for a new file. */
async function writeChange(
  session: ChatSession,
  operations: SchemaOperation[],
  next: SchemaModel,
  io: Io,
): Promise<boolean> {
  let text = printSchema(next);
  if (session.source !== undefined) {
    const edited = applyOperationsToSource(session.source, operations, session.entry, session.files, session.resolve);
    if (!edited.ok) {
      io.err(`error: could not edit ${session.file}: ${edited.errors.map((e) => e.message).join(" ")}\n`);
      return false;
    }
    text = edited.source;
    if (session.files && session.entry) session.files[session.entry] = text;
  }
  try {
    await mkdir(path.dirname(session.file), { recursive: true });
    const tmp = `${session.file}.tmp-${process.pid}`;
    await writeFile(tmp, text);
    await rename(tmp, session.file);
  } catch (e) {
    io.err(`error: could not write ${session.file}: ${e instanceof Error ? e.message : String(e)}\n`);
    return false;
  }
  session.schema = next;
  session.source = text;
  io.err(`Wrote ${session.file}.\n`);
  return true;
}

const lintKey = (d: Diagnostic) => `${d.code}|${d.path ?? ""}|${d.message}`;

/**
 * The proposal as text: explanation (unless it streamed), questions, assumptions, warnings, diff, lint. With
 * `known` (the findings of the schema before the change), only the findings the change brings are listed.
 */
export function render(r: ChatResult, known?: Set<string>): string {
  const out: string[] = [];
  if (r.source === "designer" || !r.explanation) out.push(r.explanation);
  else out.push("");
  if (r.fallbackReason) out.push(`(${r.fallbackReason})`);
  if (r.questions.length) out.push("Questions:", ...r.questions.map((q) => `  ? ${q}`));
  if (r.assumptions.length) out.push("Assumptions:", ...r.assumptions.map((a) => `  - ${a}`));
  if (r.destructive) out.push("Destructive (needs a migration):", ...r.destructiveReasons.map((d) => `  ! ${d}`));
  if (!r.valid) out.push("Invalid:", ...r.errors.map((e) => `  x ${e}`));
  if (r.diff) out.push(r.diff.trimEnd());
  const findings = r.lint.filter((d) => d.severity !== "info" && !known?.has(lintKey(d)));
  if (findings.length)
    out.push(
      known ? "Lint (new with this change):" : "Lint:",
      ...findings.slice(0, 10).map((d) => `  ${formatDiagnostic(d)}`),
    );
  if (r.ran?.length) out.push(`(ran: ${r.ran.join("; ")})`);
  if (r.usage) out.push(`(tokens: ${r.usage.promptTokens} in, ${r.usage.completionTokens} out)`);
  return out.join("\n") + "\n\n";
}

function summary(request: string, r: ChatResult): unknown {
  const { schema: _schema, lint, ...rest } = r;
  return {
    request,
    ...rest,
    lint: lint.map((d) => ({ code: d.code, severity: d.severity, message: d.message, path: d.path })),
  };
}

/** Lines of a stream, one request each. */
async function* lines(stream: NodeJS.ReadableStream): AsyncIterable<string> {
  const rl = createInterface({ input: stream, crlfDelay: Infinity, terminal: false });
  for await (const line of rl) yield line;
}

/** Interactive terminal: prompt for each request, ask before each change. */
function terminal(yes: boolean): ChatInput {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  async function* requests(): AsyncIterable<string> {
    process.stderr.write('Describe a change to your schema ("exit" to quit).\n');
    try {
      for (;;) yield await rl.question("you> ");
    } catch {
      // stdin closed (Ctrl-D)
    } finally {
      rl.close();
    }
  }
  return {
    requests: requests(),
    confirm: yes ? undefined : async (q) => /^y(es)?$/i.test((await rl.question(q)).trim()),
  };
}

export function register(program: Command): void {
  program
    .command("chat")
    .description(
      "Talk to the schema assistant about a project's convex/schema.ts (reads one request per line from a pipe).",
    )
    .argument("[dir]", "project folder", ".")
    .option("--apply", "write approved changes to convex/schema.ts")
    .option("--yes", "approve every non-destructive change without asking")
    .option("--json", "print each proposal as one JSON line")
    .option("--timeout <ms>", "model timeout in milliseconds", (v) => Number.parseInt(v, 10))
    .option("--backend <url>", 'a running backend whose measured reads "make it faster" uses (with --admin-key)')
    .option("--admin-key <key>", "the backend's admin key")
    .action(
      async (
        dir: string,
        o: { apply?: boolean; yes?: boolean; json?: boolean; timeout?: number; backend?: string; adminKey?: string },
      ) => {
        const input: ChatInput = process.stdin.isTTY ? terminal(Boolean(o.yes)) : { requests: lines(process.stdin) };
        const env: ModelEnv = {
          apiKey: process.env.OPENAI_API_KEY,
          baseURL: process.env.OPENAI_BASE_URL,
          model: process.env.OPENAI_MODEL,
        };
        process.exitCode = await runChat(
          dir,
          { apply: o.apply, yes: o.yes, json: o.json, timeoutMs: o.timeout, backend: o.backend, adminKey: o.adminKey },
          input,
          env,
        );
      },
    );
}
