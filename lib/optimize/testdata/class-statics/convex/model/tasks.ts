import type { QueryCtx } from "../_generated/server";
import type { Id } from "../_generated/dataModel";

// A repository class: static methods take ctx, and call each other through `this`.
export class Tasks {
  static async forProject(ctx: QueryCtx, projectId: Id<"projects">) {
    return await ctx.db
      .query("tasks")
      .filter((q) => q.eq(q.field("projectId"), projectId))
      .collect();
  }

  static async openForProject(ctx: QueryCtx, projectId: Id<"projects">) {
    const project = await ctx.db.get(projectId);
    if (!project || project.archived) return [];
    const all = await this.forProject(ctx, projectId);
    return all.filter((t) => !t.done);
  }

  static count = async (ctx: QueryCtx, projectId: Id<"projects">) => {
    const rows = await ctx.db
      .query("tasks")
      .withIndex("by_project", (q) => q.eq("projectId", projectId))
      .take(1000);
    return rows.length;
  };
}
