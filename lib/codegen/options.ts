/**
 * Options of the code generator and the names it derives from a schema (file paths, module paths,
 * identifiers). Kept in one place so every generator agrees on where things live.
 */
import type { SchemaModel, Table } from "../schema/model";

/** What happens to documents that reference a document being removed. */
export type DeleteStrategy = "refuse" | "cascade" | "detach";

export interface CodegenOptions {
  /** Tables to generate function, validator and test files for. @default every table not defined by a package */
  tables?: string[];
  /** Folder under `convex/` for the per-table function files, e.g. "crud". @default "" (convex/ itself) */
  folder?: string;
  /** Also generate `convex/<table>.test.ts` convex-test files (and `convex/seed.test.ts`). @default false */
  withTests?: boolean;
  /** Also generate the `convex/seed.ts` sample-data mutation. @default false */
  withSeed?: boolean;
  /** Also generate zod schemas for forms in `convex/validators/<table>.zod.ts`. @default false */
  zod?: boolean;
  /** Default strategy of `remove` for dependants. @default "refuse" */
  onDelete?: DeleteStrategy;
  /** Per reference overrides, keyed by "table.field" of the referencing field. */
  onDeleteOverrides?: Record<string, DeleteStrategy>;
  /** Seed of the sample values written into generated tests. @default 1 */
  sampleSeed?: number;
  /** Reference time (ms) for timestamps in generated test values. @default 1_700_000_000_000 */
  now?: number;
  /**
   * Add the indexes the generated code needs (the owner field of `list`, each reference `remove` follows) to the
   * model, return them as `CodegenResult.indexes` (for the caller to write into the schema) and query them, instead
   * of generating full scans. @default false
   */
  addIndexes?: boolean;
}

export type ResolvedOptions = Required<Omit<CodegenOptions, "tables">> & { tables: string[] };

/** Fills defaults and checks that requested tables exist. Throws an Error naming the unknown table. */
export function resolveOptions(model: SchemaModel, options: CodegenOptions = {}): ResolvedOptions {
  const names = model.tables.map((t) => t.name);
  for (const t of options.tables ?? []) {
    if (!names.includes(t))
      throw new Error(`Unknown table "${t}": the schema has ${names.map((n) => `"${n}"`).join(", ")}.`);
  }
  const folder = (options.folder ?? "").replace(/^\/+|\/+$/g, "");
  if (folder !== "" && !/^[A-Za-z0-9_]+(\/[A-Za-z0-9_]+)*$/.test(folder)) {
    throw new Error(`Invalid folder "${folder}": use letters, digits and "_" separated by "/".`);
  }
  // Tables a library creates (@convex-dev/auth's authTables, convex-ents join tables) are that library's business:
  // left out unless named.
  const fromPackage = (t: SchemaModel["tables"][number]) =>
    !!t.generatedBy || (t.loc?.file.startsWith("node_modules/") ?? false);
  return {
    tables: options.tables ?? model.tables.filter((t) => !fromPackage(t)).map((t) => t.name),
    folder,
    withTests: options.withTests ?? false,
    withSeed: options.withSeed ?? false,
    zod: options.zod ?? false,
    onDelete: options.onDelete ?? "refuse",
    onDeleteOverrides: options.onDeleteOverrides ?? {},
    sampleSeed: options.sampleSeed ?? 1,
    now: options.now ?? 1_700_000_000_000,
    addIndexes: options.addIndexes ?? false,
  };
}

/** Module names under convex/ that a table's function file must not take. */
const RESERVED_MODULES = new Set(["schema", "http", "crons", "seed", "validators", "lib", "auth", "convex"]);

/** The module (path without extension, relative to convex/) holding a table's functions. */
export function tableModule(table: string, options: ResolvedOptions): string {
  const base = RESERVED_MODULES.has(table) ? `${table}Table` : table;
  return options.folder ? `${options.folder}/${base}` : base;
}

/** `api.<path>` as code for a module, e.g. "crud/tasks" → `api.crud.tasks`. */
export function apiPath(root: "api" | "internal", module: string): string {
  return [root, ...module.split("/")].join(".");
}

/** The relative prefix from a module inside convex/ back to convex/ ("./" or "../"...). */
export function toConvexRoot(module: string): string {
  const depth = module.split("/").length - 1;
  return depth === 0 ? "./" : "../".repeat(depth);
}

export function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** PascalCase of a table or field name: "user_profiles" → "UserProfiles". */
export function pascal(s: string): string {
  return s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(upperFirst)
    .join("");
}

/** `obj.name` or `obj["name"]` depending on whether the name is an identifier. */
export function member(obj: string, name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `${obj}.${name}` : `${obj}[${JSON.stringify(name)}]`;
}

/** Tables the generator writes per-table files for, in model order. */
export function selectedTables(model: SchemaModel, options: ResolvedOptions): Table[] {
  return model.tables.filter((t) => options.tables.includes(t.name));
}
