import { storedModel } from "../../lib/stored/model";
import { ConvexError, v } from "convex/values";
import { generateSampleDocuments } from "../../lib/codegen/sample-data";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { action, internalMutation, internalQuery, mutation, query, type MutationCtx } from "../_generated/server";
import { audit, requireMember } from "../lib/access";
import { adjustSandboxCount, presenceOf, sandboxCount } from "../lib/sandboxCounts";

async function insertDocs(ctx: MutationCtx, projectId: Id<"projects">, table: string, docs: Record<string, unknown>[]) {
  for (const doc of docs)
    await ctx.db.insert("sandboxDocuments", {
      projectId,
      table,
      doc,
      docId: typeof doc._id === "string" ? doc._id : undefined,
    });
  await adjustSandboxCount(ctx, projectId, table, docs.length, presenceOf(docs));
}

/** Inserts a batch of a project's app documents into its sandbox (sample data, imports, uploaded exports). */
export const insertBatch = internalMutation({
  args: { projectId: v.id("projects"), table: v.string(), docs: v.array(v.any()) },
  handler: async (ctx, { projectId, table, docs }) => {
    await insertDocs(ctx, projectId, table, docs as Record<string, unknown>[]);
    return docs.length;
  },
});

/** Documents per table in the project's sandbox. */
export const summary = query({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    const { project } = await requireMember(ctx, projectId);
    const version = project.currentVersionId ? await ctx.db.get(project.currentVersionId) : null;
    const tables: string[] = version
      ? storedModel.parse(version.modelJson, `schemaVersions ${version._id}`).tables.map((t) => t.name)
      : [];
    return await Promise.all(
      tables.map(async (table) => ({ table, count: await sandboxCount(ctx, projectId, table) })),
    );
  },
});

/** Documents per table and a sample of each (for data statistics: selectivity, sizes), for the optimizer and planner. */
export const samples = internalQuery({
  args: { projectId: v.id("projects"), tables: v.array(v.string()), perTable: v.number() },
  handler: async (ctx, { projectId, tables, perTable }) => {
    const out: Record<string, { count: number; documents: Record<string, unknown>[] }> = {};
    // The kept count and the first `perTable` rows: reading every row cost as much as the migration run before it.
    for (const table of tables) {
      const rows = await ctx.db
        .query("sandboxDocuments")
        .withIndex("by_project_table", (q) => q.eq("projectId", projectId).eq("table", table))
        .take(perTable);
      out[table] = {
        count: await sandboxCount(ctx, projectId, table),
        documents: rows.map((r) => r.doc as Record<string, unknown>),
      };
    }
    return out;
  },
});

/** Tables present in the sandbox (any name, also ones the schema does not know). */
export const tables = query({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    await requireMember(ctx, projectId);
    const names: string[] = [];
    // Skip from table to table along the index instead of reading every document.
    for (let last: string | null = null; ; ) {
      const row = await ctx.db
        .query("sandboxDocuments")
        .withIndex("by_project_table", (q) =>
          last === null ? q.eq("projectId", projectId) : q.eq("projectId", projectId).gt("table", last),
        )
        .first();
      if (!row) return names;
      names.push(row.table);
      last = row.table;
    }
  },
});

/** One page of a sandbox table (app documents as stored), for downloads as a Convex export. */
export const exportPage = query({
  args: { projectId: v.id("projects"), table: v.string(), cursor: v.union(v.string(), v.null()), numItems: v.number() },
  handler: async (ctx, { projectId, table, cursor, numItems }) => {
    await requireMember(ctx, projectId);
    const res = await ctx.db
      .query("sandboxDocuments")
      .withIndex("by_project_table", (q) => q.eq("projectId", projectId).eq("table", table))
      .paginate({ cursor, numItems: Math.min(numItems, 2000) });
    return {
      docs: res.page.map((r) => r.doc as Record<string, unknown>),
      cursor: res.isDone ? null : res.continueCursor,
    };
  },
});

/** Adds uploaded documents (from a Convex export ZIP, read in the browser) to a sandbox table (editors). */
export const importBatch = mutation({
  args: { projectId: v.id("projects"), table: v.string(), docs: v.array(v.any()), first: v.optional(v.boolean()) },
  handler: async (ctx, { projectId, table, docs, first }) => {
    const { user } = await requireMember(ctx, projectId, "editor");
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(table))
      throw new ConvexError({ code: "INVALID", message: `"${table}" is not a Convex table name.` });
    await insertDocs(ctx, projectId, table, docs as Record<string, unknown>[]);
    if (first) await audit(ctx, { projectId, actorId: user._id, action: "sandbox.import", target: table });
    return docs.length;
  },
});

/** Deletes up to `limit` documents of a sandbox table, keeping its counts; returns how many it deleted. */
async function deleteSandboxRows(ctx: MutationCtx, projectId: Id<"projects">, table: string, limit: number) {
  const rows = await ctx.db
    .query("sandboxDocuments")
    .withIndex("by_project_table", (q) => q.eq("projectId", projectId).eq("table", table))
    .take(limit);
  for (const r of rows) await ctx.db.delete(r._id);
  const docs = rows.map((r) => r.doc as Record<string, unknown>);
  await adjustSandboxCount(ctx, projectId, table, -rows.length, presenceOf(docs, -1));
  return rows.length;
}

/** Deletes up to `limit` documents of a sandbox table; returns how many it deleted. */
export const clearSome = internalMutation({
  args: { projectId: v.id("projects"), table: v.string(), limit: v.number() },
  handler: async (ctx, { projectId, table, limit }) => {
    return await deleteSandboxRows(ctx, projectId, table, limit);
  },
});

/** Empties a sandbox table (editors), in chunks. */
export const clearTable = mutation({
  args: { projectId: v.id("projects"), table: v.string() },
  handler: async (ctx, { projectId, table }) => {
    const { user } = await requireMember(ctx, projectId, "editor");
    if ((await deleteSandboxRows(ctx, projectId, table, 4000)) === 4000)
      await ctx.scheduler.runAfter(0, internal.migrations.sandbox.clearSome, { projectId, table, limit: 8000 });
    await audit(ctx, { projectId, actorId: user._id, action: "sandbox.clear", target: table });
  },
});

export const modelForSample = internalQuery({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    const { project } = await requireMember(ctx, projectId, "editor");
    const version = project.currentVersionId ? await ctx.db.get(project.currentVersionId) : null;
    if (!version) throw new ConvexError({ code: "NOT_FOUND", message: "The project has no current schema." });
    return version.modelJson;
  },
});

export const auditSample = internalMutation({
  args: { projectId: v.id("projects"), perTable: v.number(), documents: v.number() },
  handler: async (ctx, { projectId, perTable, documents }) => {
    const { user } = await requireMember(ctx, projectId, "editor");
    await audit(ctx, { projectId, actorId: user._id, action: "sandbox.generate", details: { perTable, documents } });
  },
});

/**
 * Replaces the sandbox with `perTable` generated documents per table of the current schema (lib/codegen sample
 * data: valid documents with references between them). Returns the number of documents written.
 */
export const generateSample = action({
  args: { projectId: v.id("projects"), perTable: v.number(), seed: v.optional(v.number()) },
  handler: async (ctx, { projectId, perTable, seed }): Promise<number> => {
    if (!Number.isInteger(perTable) || perTable < 1 || perTable > 20_000)
      throw new ConvexError({ code: "INVALID", message: `Documents per table must be 1–20000, got ${perTable}.` });
    const model = storedModel.parse(
      await ctx.runQuery(internal.migrations.sandbox.modelForSample, { projectId }),
      `the current schema version of projects ${projectId}`,
    );
    const sample = generateSampleDocuments(model, { seed: seed ?? 42, perTable });
    let written = 0;
    for (const table of sample.order) {
      while ((await ctx.runMutation(internal.migrations.sandbox.clearSome, { projectId, table, limit: 4000 })) > 0);
      const docs = sample.documents[table] as Record<string, unknown>[];
      for (let i = 0; i < docs.length; i += 1000)
        written += await ctx.runMutation(internal.migrations.sandbox.insertBatch, {
          projectId,
          table,
          docs: docs.slice(i, i + 1000),
        });
    }
    await ctx.runMutation(internal.migrations.sandbox.auditSample, { projectId, perTable, documents: written });
    return written;
  },
});
