import { v } from "convex/values";
import { internalMutation, internalQuery, query } from "./_generated/server";
import { requireMember } from "./lib/access";

/** Inserts a batch of a project's app documents into its sandbox (sample data, imports, uploaded exports). */
export const insertBatch = internalMutation({
  args: { projectId: v.id("projects"), table: v.string(), docs: v.array(v.any()) },
  handler: async (ctx, { projectId, table, docs }) => {
    for (const doc of docs) await ctx.db.insert("sandboxDocuments", { projectId, table, doc });
    return docs.length;
  },
});

/** Documents per table in the project's sandbox. */
export const summary = query({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    const { project } = await requireMember(ctx, projectId);
    const version = project.currentVersionId ? await ctx.db.get(project.currentVersionId) : null;
    const tables: string[] = version ? (JSON.parse(version.modelJson) as { tables: { name: string }[] }).tables.map((t) => t.name) : [];
    const counts = await Promise.all(
      tables.map(async (table) => {
        const docs = await ctx.db
          .query("sandboxDocuments")
          .withIndex("by_project_table", (q) => q.eq("projectId", projectId).eq("table", table))
          .collect();
        return { table, count: docs.length };
      }),
    );
    return counts;
  },
});

/** Documents per table and a sample of each (for data statistics: selectivity, sizes), for the optimizer and planner. */
export const samples = internalQuery({
  args: { projectId: v.id("projects"), tables: v.array(v.string()), perTable: v.number() },
  handler: async (ctx, { projectId, tables, perTable }) => {
    const out: Record<string, { count: number; documents: Record<string, unknown>[] }> = {};
    for (const table of tables) {
      const rows = await ctx.db
        .query("sandboxDocuments")
        .withIndex("by_project_table", (q) => q.eq("projectId", projectId).eq("table", table))
        .collect();
      out[table] = { count: rows.length, documents: rows.slice(0, perTable).map((r) => r.doc as Record<string, unknown>) };
    }
    return out;
  },
});
