import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { mutation, query, type MutationCtx } from "../_generated/server";
import { audit, requireUser } from "../lib/access";

/** The signed-in user, or null before `ensure` has run. */
export const me = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return null;
    return await ctx.db
      .query("users")
      .withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))
      .unique();
  },
});

/**
 * Creates or refreshes the caller's user row after sign-in. A new account gets its own copy of the demo project
 * (never a shared one), so the dashboard is never empty and nobody else can edit it.
 */
export const ensure = mutation({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Sign in first.");
    const existing = await ctx.db
      .query("users")
      .withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))
      .unique();
    const name = identity.name ?? identity.email ?? "Someone";
    const userId = existing
      ? existing._id
      : await ctx.db.insert("users", {
          tokenIdentifier: identity.tokenIdentifier,
          name,
          email: identity.email,
          imageUrl: identity.pictureUrl,
          createdAt: Date.now(),
        });
    if (existing && (existing.name !== name || existing.email !== identity.email)) {
      await ctx.db.patch(existing._id, { name, email: identity.email });
    }
    // Older versions made every account an editor of one shared demo: such memberships end here, with a copy.
    const leftSharedDemo = existing ? await leaveSharedDemos(ctx, userId) : false;
    // SCHEMA_ASSISTANT_DEMO=0 turns the demo off (tests that count projects, deployments that want none).
    if ((!existing || leftSharedDemo) && process.env.SCHEMA_ASSISTANT_DEMO !== "0") {
      await ctx.scheduler.runAfter(0, internal.projects.projectsNode.seedDemo, { userId });
    }
    return userId;
  },
});

/**
 * Ends the caller's demo memberships that no invitation granted (those older versions added to every account),
 * on demo projects of others and on the caller's own demo. Returns whether the caller lost another's demo.
 */
async function leaveSharedDemos(ctx: MutationCtx, userId: Id<"users">): Promise<boolean> {
  let left = false;
  for (const m of await ctx.db
    .query("members")
    .withIndex("by_user", (q) => q.eq("userId", userId))
    .collect()) {
    const project = await ctx.db.get(m.projectId);
    if (!project?.isDemo) continue;
    const members =
      project.ownerId === userId
        ? await ctx.db
            .query("members")
            .withIndex("by_project_user", (q) => q.eq("projectId", project._id))
            .collect()
        : [m];
    for (const member of members) {
      if (member.userId === project.ownerId || (await invited(ctx, project._id, member.userId))) continue;
      await ctx.db.delete(member._id);
      await audit(ctx, {
        projectId: project._id,
        actorId: member.userId,
        action: "member.remove",
        target: member.userId,
        details: { reason: "the demo project is private to each account" },
        source: "system",
      });
      if (member.userId === userId) left = true;
    }
  }
  return left;
}

async function invited(ctx: MutationCtx, projectId: Id<"projects">, userId: Id<"users">): Promise<boolean> {
  const accepted = await ctx.db
    .query("invitations")
    .withIndex("by_project", (q) => q.eq("projectId", projectId))
    .filter((q) => q.eq(q.field("acceptedBy"), userId))
    .first();
  return accepted !== null;
}

/** Who the caller is, failing when not signed in: for pages that need a user. */
export const current = query({
  args: {},
  handler: async (ctx) => {
    const user = await requireUser(ctx);
    return { _id: user._id, name: user.name, email: user.email };
  },
});
