import { ConvexError, v } from "convex/values";
import type { Id } from "../_generated/dataModel";
import { mutation, query, type MutationCtx } from "../_generated/server";
import { audit, requireMember, requireUser } from "../lib/access";
import { role } from "../schema";

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

/** Changes a member's role (owners only). The last owner cannot be demoted. */
export const setRole = mutation({
  args: { projectId: v.id("projects"), userId: v.id("users"), role },
  handler: async (ctx, args) => {
    const { user } = await requireMember(ctx, args.projectId, "owner");
    const member = await membership(ctx, args.projectId, args.userId);
    if (member.role === "owner" && args.role !== "owner") await keepAnOwner(ctx, args.projectId);
    await ctx.db.patch(member._id, { role: args.role });
    await audit(ctx, {
      projectId: args.projectId,
      actorId: user._id,
      action: "member.role",
      target: args.userId,
      details: { from: member.role, to: args.role },
    });
  },
});

/** Removes a member (owners), or the caller leaves the project (anyone). The last owner cannot leave. */
export const remove = mutation({
  args: { projectId: v.id("projects"), userId: v.id("users") },
  handler: async (ctx, args) => {
    const me = await requireUser(ctx);
    const { user } = await requireMember(ctx, args.projectId, me._id === args.userId ? "viewer" : "owner");
    const member = await membership(ctx, args.projectId, args.userId);
    if (member.role === "owner") await keepAnOwner(ctx, args.projectId);
    await ctx.db.delete(member._id);
    await audit(ctx, { projectId: args.projectId, actorId: user._id, action: "member.remove", target: args.userId });
  },
});

async function membership(ctx: MutationCtx, projectId: Id<"projects">, userId: Id<"users">) {
  const member = await ctx.db
    .query("members")
    .withIndex("by_project_user", (q) => q.eq("projectId", projectId).eq("userId", userId))
    .unique();
  if (!member) throw new ConvexError({ code: "NOT_FOUND", message: "That person is not a member of this project." });
  return member;
}

async function keepAnOwner(ctx: MutationCtx, projectId: Id<"projects">) {
  const members = await ctx.db
    .query("members")
    .withIndex("by_project_user", (q) => q.eq("projectId", projectId))
    .collect();
  if (members.filter((m) => m.role === "owner").length <= 1) {
    throw new ConvexError({
      code: "LAST_OWNER",
      message: "A project needs at least one owner; make someone else owner first.",
    });
  }
}
