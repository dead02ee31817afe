import { ConvexError, v } from "convex/values";
import { mutation, query, type QueryCtx } from "../_generated/server";
import { audit, requireMember, requireUser } from "../lib/access";
import { randomSecret, sha256Hex } from "../lib/crypto";
import { role } from "../schema";

const HOUR = 3_600_000;
/** Longest an invitation link may live. */
export const MAX_INVITE_HOURS = 24 * 30;

/**
 * Creates an invitation link for a role (owners only). The secret is returned once; only its hash is stored.
 * The link is `/invite/<secret>`.
 */
export const create = mutation({
  args: { projectId: v.id("projects"), role, expiresInHours: v.optional(v.number()) },
  handler: async (ctx, { projectId, role, expiresInHours = 72 }) => {
    const { user } = await requireMember(ctx, projectId, "owner");
    if (!(expiresInHours > 0 && expiresInHours <= MAX_INVITE_HOURS)) {
      throw new ConvexError({ code: "INVALID", message: `Invitations expire after 1 to ${MAX_INVITE_HOURS} hours.` });
    }
    const secret = randomSecret("inv_");
    const now = Date.now();
    const id = await ctx.db.insert("invitations", {
      projectId,
      role,
      tokenHash: await sha256Hex(secret),
      createdBy: user._id,
      expiresAt: now + expiresInHours * HOUR,
      createdAt: now,
    });
    await audit(ctx, {
      projectId,
      actorId: user._id,
      action: "invitation.create",
      target: id,
      details: { role, expiresInHours },
    });
    return { invitationId: id, secret, path: `/invite/${secret}` };
  },
});

/** A project's invitations with their state (owners only). */
export const list = query({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    await requireMember(ctx, projectId, "owner");
    const now = Date.now();
    const rows = await ctx.db
      .query("invitations")
      .withIndex("by_project", (q) => q.eq("projectId", projectId))
      .order("desc")
      .take(100);
    return rows.map((i) => ({
      _id: i._id,
      role: i.role,
      expiresAt: i.expiresAt,
      createdAt: i.createdAt,
      state: i.revoked ? "revoked" : i.acceptedBy ? "accepted" : i.expiresAt <= now ? "expired" : "open",
    }));
  },
});

/** Revokes an open invitation (owners only). */
export const revoke = mutation({
  args: { invitationId: v.id("invitations") },
  handler: async (ctx, { invitationId }) => {
    const invitation = await ctx.db.get(invitationId);
    if (!invitation) throw new ConvexError({ code: "NOT_FOUND", message: "Invitation not found." });
    const { user } = await requireMember(ctx, invitation.projectId, "owner", "Invitation not found.");
    await ctx.db.patch(invitationId, { revoked: true });
    await audit(ctx, {
      projectId: invitation.projectId,
      actorId: user._id,
      action: "invitation.revoke",
      target: invitationId,
    });
  },
});

/** What an invitation link offers, for the accept page; null for unknown links. */
export const preview = query({
  args: { secret: v.string() },
  handler: async (ctx, { secret }) => {
    await requireUser(ctx);
    const invitation = await byToken(ctx, secret);
    if (!invitation) return null;
    const project = await ctx.db.get(invitation.projectId);
    if (!project) return null;
    const state = invitation.revoked
      ? "revoked"
      : invitation.acceptedBy
        ? "accepted"
        : invitation.expiresAt <= Date.now()
          ? "expired"
          : "open";
    return { projectName: project.name, role: invitation.role, expiresAt: invitation.expiresAt, state };
  },
});

/** Joins the project behind an open invitation. Existing members keep the higher of the two roles. */
export const accept = mutation({
  args: { secret: v.string() },
  handler: async (ctx, { secret }) => {
    const user = await requireUser(ctx);
    const invitation = await byToken(ctx, secret);
    if (!invitation || invitation.revoked)
      throw new ConvexError({ code: "NOT_FOUND", message: "This invitation link is not valid." });
    if (invitation.acceptedBy)
      throw new ConvexError({ code: "INVITE_USED", message: "This invitation was already used." });
    if (invitation.expiresAt <= Date.now())
      throw new ConvexError({ code: "INVITE_EXPIRED", message: "This invitation has expired; ask for a new link." });
    const projectId = invitation.projectId;
    const existing = await ctx.db
      .query("members")
      .withIndex("by_project_user", (q) => q.eq("projectId", projectId).eq("userId", user._id))
      .unique();
    const rank = { viewer: 1, editor: 2, owner: 3 } as const;
    if (!existing)
      await ctx.db.insert("members", { projectId, userId: user._id, role: invitation.role, addedAt: Date.now() });
    else if (rank[existing.role] < rank[invitation.role]) await ctx.db.patch(existing._id, { role: invitation.role });
    await ctx.db.patch(invitation._id, { acceptedBy: user._id });
    await audit(ctx, {
      projectId,
      actorId: user._id,
      action: "invitation.accept",
      target: invitation._id,
      details: { role: invitation.role },
    });
    return { projectId };
  },
});

/** The invitation behind a link secret, or null (malformed or unknown). */
export async function byToken(ctx: QueryCtx, secret: string) {
  if (!/^inv_[0-9a-f]{64}$/.test(secret)) return null;
  const tokenHash = await sha256Hex(secret);
  return await ctx.db
    .query("invitations")
    .withIndex("by_hash", (q) => q.eq("tokenHash", tokenHash))
    .unique();
}
