/**
 * `schema-assistant migrate [dir]`: plans a migration from one schema version to another (default: git HEAD →
 * working tree), prints risks, phases, steps and the semver bump, runs the preflight against data (an export ZIP
 * or the embedded backend), generates `@convex-dev/migrations` code, and applies or rolls back a run on the
 * embedded backend with a progress line.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import {
  bumpVersion,
  dryRunMigration,
  failingResolver,
  formatImpact,
  formatPlan,
  planImpact,
  type ChangeImpact,
  formatPreflight,
  generateMigrations,
  planMigration,
  preflight,
  preflightAsync,
  RenameDecisionNeeded,
  rollbackMigration,
  runDecisions,
  runMigration,
  storeDocuments,
  storeStats,
  type MigrationPlan,
  type MigrationStats,
  type PreflightResult,
  type RenameResolver,
  type RunEvent,
} from "../../lib/migrate";
import { analyzeProject } from "../../lib/optimize/analyze";
import { printSchema } from "../../lib/schema/print";
import { count } from "../../lib/text";
import { readProjectFiles } from "../project-files";
import { checkCompatibility, formatCompatibility, type CompatResult } from "../migrate-typecheck";
import type { SchemaModel } from "../../lib/schema/model";
import { BackendStore } from "../migrate-backend-store";
import { confirm, flagResolver, promptResolver, terminalPrompter, type Prompter } from "../migrate-prompt";
import { schemaFromDir, schemaFromFile, schemaFromGit, type LoadedSchema } from "../migrate-sources";
import { exportDocuments, exportStats, readExportZip } from "../migrate-zip";
import { processIo, type Io } from "./analyze";

export interface MigrateOptions {
  from?: string;
  git?: string;
  to?: string;
  interactive?: boolean;
  rename?: string[];
  addDrop?: boolean;
  default?: string[];
  usedIndex?: string[];
  data?: string;
  backend?: string;
  adminKey?: string;
  dryRun?: boolean;
  apply?: boolean;
  rollback?: string;
  runId?: string;
  yes?: boolean;
  generate?: string;
  json?: boolean;
  currentVersion?: string;
  batch?: string;
  typecheck?: boolean;
}

export interface MigrateDeps {
  prompter?: Prompter;
  /** Milliseconds clock for journal timestamps and run ids. */
  now?: () => number;
  /** How the backend gets a new schema; default writes the schema file and waits for the backend's reload. */
  pushSchema?: (model: SchemaModel, source: string) => Promise<void>;
}

/** `--default users.role=\"member\"` → { "users.role": "member" } (the value is JSON; bare words are strings). */
export function parseDefaults(items: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of items) {
    const eq = item.indexOf("=");
    if (eq < 1 || !item.slice(0, eq).includes("."))
      throw new Error(`--default "${item}" must look like table.field=VALUE.`);
    const raw = item.slice(eq + 1);
    let value: unknown;
    if (/^-?\d+n$/.test(raw)) value = BigInt(raw.slice(0, -1));
    else {
      try {
        value = JSON.parse(raw);
      } catch {
        value = raw;
      }
    }
    out[item.slice(0, eq)] = value;
  }
  return out;
}

async function loadSchemas(dir: string, opts: MigrateOptions): Promise<{ from: LoadedSchema; to: LoadedSchema }> {
  const to = opts.to ? await schemaFromFile(opts.to) : await schemaFromDir(dir);
  const from = opts.from
    ? await schemaFromFile(opts.from)
    : await schemaFromGit(dir, opts.git ?? "HEAD", to.entry.startsWith("/") ? "convex/schema.ts" : to.entry);
  return { from, to };
}

/** Writes the schema file the backend serves and waits until it has loaded it (or refused it). */
function filePushSchema(dir: string, entry: string, url: string, adminKey: string) {
  return async (_model: SchemaModel, source: string): Promise<void> => {
    const status = async () => {
      const res = await fetch(`${url.replace(/\/$/, "")}/api/admin/status`, {
        headers: { Authorization: `Convex ${adminKey}` },
      });
      return ((await res.json()) as { lastPush: { ok: boolean; at: number; message: string } }).lastPush;
    };
    const before = (await status()).at;
    await writeFile(path.join(dir, entry), source);
    for (let waited = 0; waited < 30_000; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
      const push = await status();
      if (push.at !== before) {
        if (!push.ok) throw new Error(push.message);
        return;
      }
    }
    throw new Error(`The backend at ${url} did not reload "${entry}" within 30 s: is it watching "${dir}"?`);
  };
}

/** Runs the command; returns the exit code. */
export async function runMigrate(
  dir: string,
  opts: MigrateOptions,
  io: Io = processIo,
  deps: MigrateDeps = {},
): Promise<number> {
  const now = deps.now ?? Date.now;
  let prompter = deps.prompter;
  try {
    const { from, to } = await loadSchemas(dir, opts);
    let stats: MigrationStats | undefined;
    let zip: Awaited<ReturnType<typeof readExportZip>> | undefined;
    if (opts.data) {
      zip = await readExportZip(opts.data);
      stats = exportStats(zip);
    }
    const wantsBackend = opts.apply || opts.rollback || opts.dryRun;
    if (wantsBackend && !(opts.backend && opts.adminKey)) {
      io.err("error: --apply, --rollback and --dry-run need --backend URL and --admin-key KEY.\n");
      return 2;
    }
    const sourceFor = (m: SchemaModel) =>
      m === to.model && to.entrySource
        ? to.entrySource
        : m === from.model && from.entrySource
          ? from.entrySource
          : printSchema(m);
    const store =
      opts.backend && opts.adminKey
        ? new BackendStore({
            url: opts.backend,
            adminKey: opts.adminKey,
            backupDir: path.join(dir, ".schema-assistant", "backups"),
            pushSchema: (m) =>
              (deps.pushSchema ?? filePushSchema(dir, to.entry, opts.backend!, opts.adminKey!))(m, sourceFor(m)),
          })
        : undefined;
    if (store && !stats) stats = await storeStats(store);
    // What the parser could not read is missing from the plan too (e.g. a vector index it dropped): say so.
    for (const [label, loaded] of [
      ["old", from],
      ["new", to],
    ] as const) {
      for (const w of loaded.model.warnings) {
        const at = w.loc ? ` (${w.loc.file}:${w.loc.line})` : "";
        io.err(`warning: ${label} schema ${w.code}${w.path ? ` ${w.path}` : ""}: ${w.message}${at}; the plan does not include what it could not read.
`);
      }
    }
    // A rollback replans with the answers its run was started with, unless new ones are given.
    if (opts.rollback && store && !opts.rename?.length && !opts.default?.length && !opts.addDrop) {
      const stored = await runDecisions(store, opts.rollback);
      if (stored) {
        opts = { ...opts, rename: stored.rename, default: stored.default, addDrop: stored.addDrop };
        io.err(`using the decisions run ${opts.rollback} was started with: ${[...stored.rename.map((r) => `--rename ${r}`), ...stored.default.map((d) => `--default ${d}`), ...(stored.addDrop ? ["--add-drop"] : [])].join(" ") || "none"}
`);
      }
    }
    if (opts.interactive) prompter ??= terminalPrompter();
    const fallback: RenameResolver = prompter ? promptResolver(prompter) : failingResolver;
    const resolver = flagResolver(opts.rename ?? [], !!opts.addDrop, fallback);
    const plan = await planMigration(from.model, to.model, {
      resolver,
      stats,
      defaults: parseDefaults(opts.default),
      usedIndexes: opts.usedIndex,
    });
    const version = opts.currentVersion
      ? { from: opts.currentVersion, to: bumpVersion(opts.currentVersion, plan.bump) }
      : undefined;
    const impact = await impactOf(dir, plan, io);
    let compatibility: CompatResult | undefined;
    if (opts.typecheck) {
      const project = await readProjectFiles(dir).catch(() => undefined);
      const functions = project ? analyzeProject(project).functions : [];
      const entry = to.entry.startsWith("/") ? "convex/schema.ts" : to.entry;
      compatibility = await checkCompatibility(
        path.resolve(dir),
        entry,
        sourceFor(from.model),
        sourceFor(to.model),
        functions,
      );
    }
    io.out(
      opts.json
        ? `${JSON.stringify({ ...planJson(plan, version), ...(impact ? { impact } : {}), ...(compatibility ? { compatibility } : {}) }, bigintSafe, 2)}\n`
        : `Schema ${from.label} → ${to.label}\n${formatPlan(plan, version)}${impact ? `\n${formatImpact(impact)}` : ""}${compatibility ? `\n${formatCompatibility(compatibility)}` : ""}`,
    );
    if (opts.generate) {
      const g = generateMigrations(plan, { title: `${from.label} → ${to.label}` });
      await mkdir(path.dirname(path.resolve(opts.generate)), { recursive: true });
      await writeFile(opts.generate, g.code);
      const expandFile = opts.generate.replace(/\.ts$/, "") + ".expand-schema.ts";
      await writeFile(expandFile, g.expandSchema);
      io.err(`wrote ${opts.generate} and ${expandFile}\n`);
    }
    let pre: PreflightResult | undefined;
    if (zip) pre = preflight(plan, exportDocuments(zip));
    else if (store && opts.dryRun) {
      const dry = await dryRunMigration(plan, store, { batchSize: Number(opts.batch ?? 500) });
      if (!opts.json)
        io.out(
          `Dry run (nothing written):\n${dry.writes.map((w) => `  ${w.stepId}: ${count(w.writes, "write")} over ${count(w.documents, "document")} of "${w.table}"`).join("\n") || "  no data steps"}\n`,
        );
      pre = dry.preflight;
    } else if (store && opts.apply) pre = await preflightAsync(plan, storeDocuments(store));
    if (pre && !opts.json) io.out(formatPreflight(pre));
    if (opts.rollback) return await doRollback(plan, store!, opts.rollback, io, now);
    if (!opts.apply || opts.dryRun) return pre && !pre.ok ? 1 : 0;
    return await doApply(plan, store!, opts, io, now, prompter, pre);
  } catch (e) {
    io.err(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return e instanceof RenameDecisionNeeded ? 2 : 1;
  } finally {
    if (prompter && !deps.prompter) prompter.close();
  }
}

/**
 * Which functions of the project read, write, filter or index what the plan changes (the optimizer's analysis of
 * the project's convex/ code, taken against the old schema); undefined when the project has no readable functions.
 */
async function impactOf(dir: string, plan: MigrationPlan, io: Io): Promise<ChangeImpact[] | undefined> {
  try {
    const project = await readProjectFiles(dir);
    const analysis = analyzeProject(project, { schema: plan.from });
    if (!analysis.functions.length) return undefined;
    if (analysis.notAnalysed.length)
      io.err(
        `impact: ${count(analysis.notAnalysed.length, "place")} in the functions could not be followed (see \`optimize\`); they are not listed.\n`,
      );
    return planImpact(plan.changes, analysis.accesses, plan.from);
  } catch {
    return undefined;
  }
}

async function doApply(
  plan: MigrationPlan,
  store: BackendStore,
  opts: MigrateOptions,
  io: Io,
  now: () => number,
  prompter: Prompter | undefined,
  pre?: PreflightResult,
): Promise<number> {
  if (!plan.safe) {
    io.err(
      `error: the plan is not safe to run; decide first:\n${plan.decisions.map((d) => `  - ${d.question}`).join("\n")}\n`,
    );
    return 1;
  }
  if (pre && !pre.ok) {
    io.err(
      `error: ${count(pre.invalid, "document")} would not match the target schema (see the preflight); give defaults or fix the data.\n`,
    );
    return 1;
  }
  const risky = plan.risks.filter((r) => r.severity === "error");
  if (risky.length) {
    const accepted =
      opts.yes ||
      (prompter
        ? await confirm(
            prompter,
            `${risky.map((r) => `${r.code} ${r.message}`).join("\n")}\nApply these destructive steps? (a backup is taken first)`,
          )
        : false);
    if (!accepted) {
      io.err("error: the plan deletes data; pass --yes or use --interactive to confirm.\n");
      return 1;
    }
  }
  const runId = opts.runId ?? `migrate-${now()}`;
  io.err(`run ${runId} (roll back with --rollback ${runId})\n`);
  const onEvent = (e: RunEvent) => {
    if (e.type === "progress") io.err(`\r${e.phase} ${e.stepId}: ${e.done}/${e.total}   `);
    else if (e.type === "backup") io.err(`backup of "${e.table}": ${e.backupId}\n`);
    else if (e.type === "schema") io.err(`\nschema ${e.phase} deployed\n`);
  };
  const decisions = { rename: opts.rename ?? [], default: opts.default ?? [], addDrop: !!opts.addDrop };
  const res = await runMigration(plan, store, { runId, now, onEvent, batchSize: Number(opts.batch ?? 500), decisions });
  io.err("\n");
  if (res.status !== "done") {
    io.err(
      `error: run ${runId} ${res.status}${res.error ? `: ${res.error}` : ""}; resume with --apply --run-id ${runId} or undo with --rollback ${runId}.\n`,
    );
    return 1;
  }
  io.out(
    `Applied: ${count(
      Object.values(res.written).reduce((a, b) => a + b, 0),
      "document write",
    )} in run ${runId}.\n`,
  );
  return 0;
}

async function doRollback(
  plan: MigrationPlan,
  store: BackendStore,
  runId: string,
  io: Io,
  now: () => number,
): Promise<number> {
  const { undone } = await rollbackMigration(plan, store, { runId, now });
  io.out(`Rolled back run ${runId}: ${count(undone, "batch")} undone.\n`);
  return 0;
}

function bigintSafe(_k: string, v: unknown): unknown {
  return typeof v === "bigint" ? `${v}n` : v;
}

function planJson(plan: MigrationPlan, version?: { from: string; to: string }) {
  const { from: _f, to: _t, ...rest } = plan;
  return { ...rest, ...(version ? { version } : {}) };
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function register(program: Command): void {
  program
    .command("migrate [dir]")
    .description("Plan (and apply) a migration between two versions of the schema")
    .option("--from <file>", "old schema file (default: git HEAD version of convex/schema.ts)")
    .option("--git <ref>", "take the old schema from this git revision", "HEAD")
    .option("--to <file>", "new schema file (default: the working tree)")
    .option("--interactive", "ask about renames and risky steps")
    .option("--rename <from->to>", 'confirm a rename: "table.old->new" or "oldTable->newTable" (repeatable)', collect)
    .option("--add-drop", "treat unconfirmed rename candidates as add + drop")
    .option("--default <table.field=value>", "backfill value (JSON; 12n for int64) (repeatable)", collect)
    .option("--used-index <table.index>", "an index queries use (repeatable)", collect)
    .option("--data <zip>", "a Convex export ZIP for statistics and the preflight")
    .option("--backend <url>", "embedded backend URL")
    .option("--admin-key <key>", "admin key of the backend")
    .option("--dry-run", "preflight against the backend's data without writing")
    .option("--apply", "run the migration on the backend")
    .option("--rollback <run>", "undo a run (replans with the --rename/--default/--add-drop the run was started with)")
    .option("--run-id <id>", "id for a new run, or the run to resume")
    .option("--yes", "accept destructive steps without asking")
    .option("--generate <file>", "write @convex-dev/migrations code (and the expand schema beside it)")
    .option("--current-version <semver>", "current schema version, to print the bumped one")
    .option("--batch <n>", "documents per batch", "500")
    .option("--typecheck", "check which functions stop type-checking against the new schema (tsc on a copy of convex/)")
    .option("--json", "print the plan as JSON")
    .action(async (dir: string | undefined, opts: MigrateOptions) => {
      process.exitCode = await runMigrate(dir ?? ".", opts);
    });
}
