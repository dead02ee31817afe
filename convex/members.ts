import { v } from "convex/values";
import { query } from "./_generated/server";
import { requireMember } from "./lib/access";

/** Who is on a project and with which role. */
export const list = query({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    await requireMember(ctx, projectId);
    const members = await ctx.db
      .query("members")
      .withIndex("by_project_user", (q) => q.eq("projectId", projectId))
      .collect();
    return await Promise.all(
      members.map(async (m) => {
        const user = await ctx.db.get(m.userId);
        return { _id: m._id, userId: m.userId, role: m.role, name: user?.name ?? "Unknown", email: user?.email };
      }),
    );
  },
});
