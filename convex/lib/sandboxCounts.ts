/**
 * Per-table document counts of a project's sandbox (`sandboxCounts`), so pages show counts without reading every
 * row (a subscribed count of 20,000 rows cost ~1.3 s on every migration step, and real Convex stops a query at
 * 32,000 documents read). Every writer of `sandboxDocuments` calls `adjustSandboxCount` after its writes.
 */
import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";

function rows(ctx: QueryCtx, projectId: Id<"projects">, table: string) {
  return ctx.db
    .query("sandboxDocuments")
    .withIndex("by_project_table", (q) => q.eq("projectId", projectId).eq("table", table));
}

/** Adds `delta` to the table's count; a table without a count yet (rows written before counts) is counted once. */
export async function adjustSandboxCount(
  ctx: MutationCtx,
  projectId: Id<"projects">,
  table: string,
  delta: number,
): Promise<void> {
  if (delta === 0) return;
  const row = await ctx.db
    .query("sandboxCounts")
    .withIndex("by_project_table", (q) => q.eq("projectId", projectId).eq("table", table))
    .unique();
  if (row) await ctx.db.patch(row._id, { count: row.count + delta });
  else
    await ctx.db.insert("sandboxCounts", {
      projectId,
      table,
      count: (await rows(ctx, projectId, table).collect()).length,
    });
}

/** The table's document count: its kept count, or the rows counted (a table no writer has touched since counts). */
export async function sandboxCount(ctx: QueryCtx, projectId: Id<"projects">, table: string): Promise<number> {
  const row = await ctx.db
    .query("sandboxCounts")
    .withIndex("by_project_table", (q) => q.eq("projectId", projectId).eq("table", table))
    .unique();
  return row ? row.count : (await rows(ctx, projectId, table).collect()).length;
}
