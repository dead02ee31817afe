/**
 * Code generation: Convex functions, shared validators, zod form schemas, a seed mutation and convex-test
 * files from a schema model. Every generator is pure and returns a file map (path → content) whose files carry
 * a Schema Assistant header (see `header.ts` for the rule that keeps hand edits).
 */
import type { SchemaModel, Table } from "../schema/model";
import { applyOperations, type SchemaOperation } from "../schema/operations";
import { generateAccessFile, generateRelationsFile, usersTables } from "./access-gen";
import { findOwner, incomingRefs, indexStartingWith, nestedRefs, schemaProblems, tableShape } from "./analysis";
import { generateFunctionsFile, listBys } from "./functions-gen";
import { withHeader } from "./header";
import type { CodegenOptions, ResolvedOptions } from "./options";
import { resolveOptions, selectedTables, tableModule } from "./options";
import { insertionOrder } from "./sample-plan";
import { generateSeedFile } from "./seed-gen";
import { generateTestFile } from "./tests-gen";
import { generateDocumentsFile, generateValidatorsFile } from "./validators-gen";
import { generateZodFile } from "./zod-gen";

export type { CodegenOptions, DeleteStrategy } from "./options";
export { generateSampleDocuments, checkDocument, checkValue } from "./sample-data";
export type { SampleDocument, SampleDocuments, SampleDocumentsOptions, SampleValue } from "./sample-data";
export {
  planWrites,
  contentHash,
  readHeader,
  withHeader,
  storePath,
  STORE_DIR,
  STORE_SUFFIX,
  HEADER_MARK,
} from "./header";
export type { WriteAction, WriteEntry, WritePlan } from "./header";
export { zodOf } from "./zod-gen";

/** What was generated for one table, and what the reader should know about it. */
export interface TableReport {
  table: string;
  /** Module under convex/ holding the functions, e.g. "tasks" (call as `api.tasks.get`). */
  module: string;
  functions: string[];
  /** Owner field giving row-level access, if any. */
  owner?: string;
  notes: string[];
}

/** Something generated with a TODO: a table whose shape or references the generator cannot fully handle. */
export interface CodegenTodo {
  /** The table concerned ("" for the whole schema). */
  table: string;
  /** "invalid-schema": Convex would reject the schema or the parser could not read all of it. */
  kind: "any-document" | "unfillable" | "invalid-schema";
  path: string;
  message: string;
}

export interface CodegenResult {
  files: Record<string, string>;
  tables: TableReport[];
  todos: CodegenTodo[];
  /** Tables without per-table files and why (defined by a package, or not in `options.tables`). */
  skipped: { table: string; reason: string }[];
  /**
   * With `addIndexes`: the indexes the generated code queries that the schema lacks (`addIndex` operations, to
   * write into the schema with the code). Empty otherwise.
   */
  indexes: SchemaOperation[];
}

function tableReport(model: SchemaModel, name: string, options: ReturnType<typeof resolveOptions>): TableReport {
  const table = model.tables.find((t) => t.name === name)!;
  const lbs = listBys(model, table);
  const notes: string[] = [];
  for (const lb of lbs) if (!lb.name) notes.push(`No "listBy" for "${name}.${lb.ref.field}": no index starts with it.`);
  const owner = findOwner(model, table);
  if (owner && !table.indexes.some((i) => i.fields[0] === owner.field))
    notes.push(`"list" scans "${name}" for the owner: add an index on "${owner.field}".`);
  for (const r of incomingRefs(model, name, options)) {
    if (r.fallbackReason) notes.push(`"remove" refuses instead of detaching: ${r.fallbackReason}.`);
    if (!r.index) notes.push(`"remove" scans "${r.table}" for "${r.field}": add an index starting with it.`);
  }
  if (!owner && usersTables(model).includes(name))
    notes.push(`"${name}" identifies users: signed-in callers read any row but update and remove only their own.`);
  for (const n of nestedRefs(model, name))
    notes.push(`"remove" does not clean up ids nested in "${n.table}.${n.field}".`);
  const functions = [
    "get",
    "list",
    ...lbs.flatMap((lb) => (lb.name ? [lb.name] : [])),
    "create",
    "update",
    "remove",
    "internalCreate",
    "internalUpdate",
    "internalRemove",
  ];
  return { table: name, module: tableModule(name, options), functions, owner: owner?.field, notes };
}

/**
 * Generates the code for a schema. Throws an Error naming the problem when an option is invalid (unknown
 * table, bad folder). Tables the generator cannot fully handle are still generated, with TODO comments, and
 * listed in `todos`.
 */
export function generateCode(model: SchemaModel, options: CodegenOptions = {}): CodegenResult {
  if (options.addIndexes) {
    const indexes = neededIndexes(model, resolveOptions(model, options));
    const applied = indexes.length ? applyOperations(model, indexes) : undefined;
    if (applied && !applied.ok) throw new Error(applied.errors.map((e) => e.message).join("; "));
    const result = generateCode(applied?.ok ? applied.schema : model, { ...options, addIndexes: false });
    return { ...result, indexes };
  }
  const opts = resolveOptions(model, options);
  const files: Record<string, string> = {};
  const todos: CodegenTodo[] = [];
  const order = insertionOrder(model);
  for (const table of selectedTables(model, opts)) {
    const mod = tableModule(table.name, opts);
    files[`convex/validators/${table.name}.ts`] = generateValidatorsFile(model, table);
    files[`convex/${mod}.ts`] = generateFunctionsFile(model, table, opts);
    if (opts.zod) files[`convex/validators/${table.name}.zod.ts`] = generateZodFile(model, table);
    if (opts.withTests) files[`convex/${table.name}.test.ts`] = generateTestFile(model, table, opts);
    if (tableShape(table) === "any") {
      todos.push({
        table: table.name,
        kind: "any-document",
        path: `convex/${mod}.ts`,
        message: `"${table.name}" is \`v.any()\`: its functions accept any document.`,
      });
    }
    const unfillable = order.unfillable.find((u) => u.table === table.name);
    if (unfillable && (opts.withTests || opts.withSeed)) {
      todos.push({
        table: table.name,
        kind: "unfillable",
        path: opts.withTests ? `convex/${table.name}.test.ts` : "convex/seed.ts",
        message: unfillable.reason,
      });
    }
  }
  for (const p of schemaProblems(model))
    todos.push({ table: p.table, kind: "invalid-schema", path: "convex/schema.ts", message: p.message });
  files["convex/lib/access.ts"] = generateAccessFile(model);
  files["convex/lib/documents.ts"] = generateDocumentsFile();
  files["convex/lib/relations.ts"] = generateRelationsFile(model, opts);
  if (opts.withSeed) {
    files["convex/seed.ts"] = generateSeedFile(model);
    if (opts.withTests) files["convex/seed.test.ts"] = generateSeedTestFile(model);
  }
  // The functions folder is where the schema lives (convex.json may move it, e.g. "src/convex/schema.ts").
  const dir = model.entry && /\/schema\.[cm]?[jt]s$/.test(model.entry) ? model.entry.replace(/\/[^/]*$/, "") : "convex";
  const rebase = (p: string) => (p.startsWith("convex/") ? `${dir}/${p.slice("convex/".length)}` : p);
  const withHeaders = Object.fromEntries(Object.entries(files).map(([p, c]) => [rebase(p), withHeader(c)]));
  return {
    files: withHeaders,
    tables: selectedTables(model, opts).map((t) => tableReport(model, t.name, opts)),
    todos: todos.map((t) => ({ ...t, path: rebase(t.path) })),
    skipped: model.tables
      .filter((t) => !opts.tables.includes(t.name))
      .map((t) => ({
        table: t.name,
        reason: options.tables ? "not in --tables" : `defined by a package (${t.loc?.file})`,
      })),
    indexes: [],
  };
}

/**
 * The indexes the generated code would otherwise scan without: the owner field of each generated table's `list`,
 * and each direct reference a generated `remove` follows (refuse, cascade or detach), on tables the project owns.
 */
export function neededIndexes(model: SchemaModel, opts: ResolvedOptions): SchemaOperation[] {
  const out: SchemaOperation[] = [];
  const wanted = new Set<string>();
  const add = (table: Table, field: string) => {
    const key = `${table.name}.${field}`;
    if (
      wanted.has(key) ||
      indexStartingWith(table, field) ||
      table.generatedBy ||
      table.loc?.file.startsWith("node_modules/")
    )
      return;
    wanted.add(key);
    // On an owned table, the reference then the owner: `remove` uses its prefix, `listBy…` both fields.
    const owner = findOwner(model, table)?.field;
    const fields = owner && owner !== field && selected.has(table.name) ? [field, owner] : [field];
    const taken = new Set([...table.indexes, ...table.searchIndexes, ...table.vectorIndexes].map((i) => i.name));
    let name = `by_${fields.join("_and_")}`;
    for (let i = 2; taken.has(name); i++) name = `by_${fields.join("_and_")}_${i}`;
    out.push({ op: "addIndex", table: table.name, index: { name, fields } });
  };
  const selected = new Set(selectedTables(model, opts).map((t) => t.name));
  for (const table of selectedTables(model, opts)) {
    const owner = findOwner(model, table);
    if (owner) add(table, owner.field);
    for (const r of incomingRefs(model, table.name, opts)) {
      const from = model.tables.find((t) => t.name === r.table);
      if (from) add(from, r.field);
    }
  }
  return out;
}

/** `convex/seed.test.ts`: the seed mutation inserts valid documents (convex-test checks them against the schema). */
function generateSeedTestFile(model: SchemaModel): string {
  const order = insertionOrder(model);
  const counts = order.order.map((t) => `${JSON.stringify(t)}: 3`).join(", ");
  const checks = order.order.map(
    (t) => `  expect((await t.run((ctx) => ctx.db.query(${JSON.stringify(t)}).collect())).length).toBe(3);`,
  );
  return `/// <reference types="vite/client" />
import { convexTest } from "convex-test";
import { expect, test } from "vitest";
import { internal } from "./_generated/api";
import schema from "./schema";

const modules = import.meta.glob("./**/*.*s");

test("seed inserts documents that match the schema into every table", async () => {
  const t = convexTest(schema, modules);
  expect(await t.mutation(internal.seed.seed, { perTable: 3, seed: 7 })).toEqual({ ${counts} });
${checks.join("\n")}
});
`;
}
