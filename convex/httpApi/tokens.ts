import { ConvexError, v } from "convex/values";
import type { Id } from "../_generated/dataModel";
import { internalMutation, mutation, query, type MutationCtx } from "../_generated/server";
import { audit, requireMember } from "../lib/access";
import { randomSecret, sha256Hex } from "../lib/crypto";
import { apiLimits } from "../lib/rateLimit";
import { role } from "../schema";

/** Creates an API token for a project and role (owners only). The secret is returned once; only its hash is kept. */
export const create = mutation({
  args: { projectId: v.id("projects"), name: v.string(), role },
  handler: async (ctx, { projectId, name, role }) => {
    const { user } = await requireMember(ctx, projectId, "owner");
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 80)
      throw new ConvexError({ code: "INVALID", message: "A token needs a name of 1 to 80 characters." });
    const secret = randomSecret("sa_");
    const tokenId = await ctx.db.insert("apiTokens", {
      projectId,
      name: trimmed,
      role,
      tokenHash: await sha256Hex(secret),
      prefix: secret.slice(0, 10),
      createdBy: user._id,
      createdAt: Date.now(),
    });
    await audit(ctx, {
      projectId,
      actorId: user._id,
      action: "apiToken.create",
      target: tokenId,
      details: { name: trimmed, role },
    });
    return { tokenId, secret };
  },
});

/** A project's tokens without their secrets (owners only). */
export const list = query({
  args: { projectId: v.id("projects") },
  handler: async (ctx, { projectId }) => {
    await requireMember(ctx, projectId, "owner");
    const rows = await ctx.db
      .query("apiTokens")
      .withIndex("by_project", (q) => q.eq("projectId", projectId))
      .order("desc")
      .take(200);
    return rows.map(({ tokenHash: _hash, ...rest }) => rest);
  },
});

/** Revokes a token at once (owners only). */
export const revoke = mutation({
  args: { tokenId: v.id("apiTokens") },
  handler: async (ctx, { tokenId }) => {
    const token = await ctx.db.get(tokenId);
    if (!token) throw new ConvexError({ code: "NOT_FOUND", message: "Token not found." });
    const { user } = await requireMember(ctx, token.projectId, "owner", "Token not found.");
    if (!token.revokedAt) await ctx.db.patch(tokenId, { revokedAt: Date.now() });
    await audit(ctx, { projectId: token.projectId, actorId: user._id, action: "apiToken.revoke", target: tokenId });
  },
});

export type TokenAuth =
  | {
      ok: true;
      tokenId: Id<"apiTokens">;
      projectId: Id<"projects">;
      role: "owner" | "editor" | "viewer";
      userId: Id<"users">;
    }
  | { ok: false; status: 401 | 403 | 404 | 429; code: string; message: string; retryAfterMs?: number };

/**
 * Checks a bearer secret for a project: unknown or revoked tokens → 401, a token of another project → 404 (no
 * probing), a creator who left the project → 403, over the rate limit → 429. Counts against the token's limit.
 */
export const authenticate = internalMutation({
  args: { secret: v.string(), projectId: v.optional(v.string()) },
  handler: async (ctx, { secret, projectId }): Promise<TokenAuth> => await checkToken(ctx, secret, projectId),
});

/** `authenticate` inside another mutation, so an API call can be one transaction. */
export async function checkToken(ctx: MutationCtx, secret: string, projectId: string | undefined): Promise<TokenAuth> {
  if (!/^sa_[0-9a-f]{64}$/.test(secret))
    return { ok: false, status: 401, code: "INVALID_TOKEN", message: "The API token is malformed." };
  const tokenHash = await sha256Hex(secret);
  const token = await ctx.db
    .query("apiTokens")
    .withIndex("by_hash", (q) => q.eq("tokenHash", tokenHash))
    .unique();
  if (!token || token.revokedAt)
    return { ok: false, status: 401, code: "INVALID_TOKEN", message: "The API token is unknown or revoked." };
  if (projectId !== undefined && projectId !== token.projectId) {
    return { ok: false, status: 404, code: "PROJECT_NOT_FOUND", message: "Project not found." };
  }
  const member = await ctx.db
    .query("members")
    .withIndex("by_project_user", (q) => q.eq("projectId", token.projectId).eq("userId", token.createdBy))
    .unique();
  if (!member)
    return {
      ok: false,
      status: 403,
      code: "TOKEN_OWNER_LEFT",
      message: "The token's creator is no longer a member of the project.",
    };
  const limit = await apiLimits().rateLimit(ctx, { name: "apiRequest", key: token._id });
  if (!limit.ok) {
    return {
      ok: false,
      status: 429,
      code: "RATE_LIMITED",
      message: "Too many requests for this token.",
      retryAfterMs: Math.max(0, (limit.retryAt ?? Date.now()) - Date.now()),
    };
  }
  // A token never outranks its creator's current role (a demoted owner's tokens are demoted too).
  const role = RANK[member.role] < RANK[token.role] ? member.role : token.role;
  return { ok: true, tokenId: token._id, projectId: token.projectId, role, userId: token.createdBy };
}

const RANK = { viewer: 1, editor: 2, owner: 3 } as const;
