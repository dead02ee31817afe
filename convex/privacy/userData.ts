import { ConvexError, v } from "convex/values";
import type { Id } from "../_generated/dataModel";
import { mutation, query } from "../_generated/server";
import { requireUser } from "../lib/access";
import { decryptText, envKeyRing } from "../lib/crypto";

/**
 * Everything stored about the caller, decrypted: profile, memberships, the messages they wrote, their diagram
 * layouts and their audit entries. (Bounded: up to 5,000 messages and audit entries.)
 */
export const exportMine = query({
  args: {},
  handler: async (ctx) => {
    const user = await requireUser(ctx);
    const ring = envKeyRing();
    const memberships = await ctx.db
      .query("members")
      .withIndex("by_user", (q) => q.eq("userId", user._id))
      .collect();
    const messages = [];
    for (const m of memberships) {
      for await (const c of ctx.db
        .query("conversations")
        .withIndex("by_project", (q) => q.eq("projectId", m.projectId))) {
        for await (const msg of ctx.db
          .query("messages")
          .withIndex("by_conversation", (q) => q.eq("conversationId", c._id))) {
          if (msg.authorId !== user._id) continue;
          messages.push({
            projectId: msg.projectId,
            conversationId: msg.conversationId,
            text: await decryptText(msg.text, ring),
            createdAt: msg.createdAt,
          });
          if (messages.length >= 5000) break;
        }
      }
    }
    const audit = await ctx.db
      .query("auditLog")
      .withIndex("by_actor", (q) => q.eq("actorId", user._id))
      .take(5000);
    return {
      user: { name: user.name, email: user.email, createdAt: user.createdAt },
      memberships: memberships.map((m) => ({ projectId: m.projectId, role: m.role, addedAt: m.addedAt })),
      messages,
      audit: audit.map((a) => ({
        projectId: a.projectId,
        action: a.action,
        target: a.target,
        source: a.source,
        at: a.at,
      })),
    };
  },
});

/**
 * Deletes the caller's data: their messages, layouts, presence, tokens and memberships, and their name in the
 * audit log (entries stay, without the actor). Refused while they are the only owner of a project others use.
 */
export const deleteMine = mutation({
  args: { confirm: v.optional(v.literal("DELETE")) },
  handler: async (ctx) => {
    const user = await requireUser(ctx);
    const memberships = await ctx.db
      .query("members")
      .withIndex("by_user", (q) => q.eq("userId", user._id))
      .collect();
    for (const m of memberships.filter((m) => m.role === "owner")) {
      const all = await ctx.db
        .query("members")
        .withIndex("by_project_user", (q) => q.eq("projectId", m.projectId))
        .collect();
      if (all.length > 1 && all.filter((o) => o.role === "owner").length === 1) {
        const project = await ctx.db.get(m.projectId);
        throw new ConvexError({
          code: "LAST_OWNER",
          message: `You are the only owner of "${project?.name ?? m.projectId}"; make someone else owner first.`,
        });
      }
    }
    const remove: Id<"messages" | "diagramLayouts" | "presence" | "members" | "apiTokens">[] = [];
    for (const m of memberships) {
      for await (const c of ctx.db
        .query("conversations")
        .withIndex("by_project", (q) => q.eq("projectId", m.projectId))) {
        for await (const msg of ctx.db
          .query("messages")
          .withIndex("by_conversation", (q) => q.eq("conversationId", c._id))) {
          if (msg.authorId === user._id) remove.push(msg._id);
        }
      }
      for (const l of await ctx.db
        .query("diagramLayouts")
        .withIndex("by_project_user_key", (q) => q.eq("projectId", m.projectId).eq("userId", user._id))
        .collect())
        remove.push(l._id);
      for (const pr of await ctx.db
        .query("presence")
        .withIndex("by_project_user", (q) => q.eq("projectId", m.projectId).eq("userId", user._id))
        .collect())
        remove.push(pr._id);
      for (const t of await ctx.db
        .query("apiTokens")
        .withIndex("by_project", (q) => q.eq("projectId", m.projectId))
        .collect())
        if (t.createdBy === user._id) remove.push(t._id);
      remove.push(m._id);
    }
    for (const id of remove) await ctx.db.delete(id);
    for (const a of await ctx.db
      .query("auditLog")
      .withIndex("by_actor", (q) => q.eq("actorId", user._id))
      .collect()) {
      await ctx.db.patch(a._id, { actorId: undefined });
    }
    await ctx.db.insert("auditLog", { action: "user.delete", source: "dashboard", at: Date.now() });
    await ctx.db.delete(user._id);
    return { deleted: remove.length };
  },
});
