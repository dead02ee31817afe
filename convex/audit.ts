import { v } from "convex/values";
import { query } from "./_generated/server";
import { requireMember } from "./lib/access";
import { source } from "./schema";

/**
 * A project's audit log, newest first, filtered by action prefix (e.g. "member."), source and actor. Editors and
 * owners may read it; viewers may not (it names people and tokens).
 */
export const list = query({
  args: {
    projectId: v.id("projects"),
    action: v.optional(v.string()),
    source: v.optional(source),
    actorId: v.optional(v.id("users")),
    limit: v.optional(v.number()),
  },
  handler: async (ctx, args) => {
    await requireMember(ctx, args.projectId, "editor");
    const limit = Math.min(Math.max(1, args.limit ?? 100), 500);
    const out = [];
    const names = new Map<string, string>();
    // Scan newest first until enough rows match; filters are cheap and the log is per project.
    for await (const row of ctx.db.query("auditLog").withIndex("by_project", (q) => q.eq("projectId", args.projectId)).order("desc")) {
      if (args.action && !row.action.startsWith(args.action)) continue;
      if (args.source && row.source !== args.source) continue;
      if (args.actorId && row.actorId !== args.actorId) continue;
      if (row.actorId && !names.has(row.actorId)) names.set(row.actorId, (await ctx.db.get(row.actorId))?.name ?? "Unknown");
      out.push({ ...row, actorName: row.actorId ? names.get(row.actorId)! : row.source === "system" ? "System" : "API token" });
      if (out.length >= limit) break;
    }
    return out;
  },
});
