import { internal } from "./_generated/api";
import { mutation, query } from "./_generated/server";
import { requireUser } from "./lib/access";

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
 * Creates or refreshes the caller's user row after sign-in, and gives them access to the demo project
 * (seeding it on the very first sign-in) so the dashboard is never empty.
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
    if (!existing) {
      const demos = await ctx.db
        .query("projects")
        .withIndex("by_demo", (q) => q.eq("isDemo", true))
        .collect();
      // SCHEMA_ASSISTANT_DEMO=0 turns the demo off (tests that count projects, deployments that want none).
      if (demos.length === 0 && process.env.SCHEMA_ASSISTANT_DEMO !== "0") {
        await ctx.scheduler.runAfter(0, internal.projectsNode.seedDemo, { userId });
      }
      for (const demo of demos) {
        await ctx.db.insert("members", { projectId: demo._id, userId, role: "editor", addedAt: Date.now() });
      }
    }
    return userId;
  },
});

/** Who the caller is, failing when not signed in: for pages that need a user. */
export const current = query({
  args: {},
  handler: async (ctx) => {
    const user = await requireUser(ctx);
    return { _id: user._id, name: user.name, email: user.email };
  },
});
