import { ConvexError } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";

export type Role = Doc<"members">["role"];

const RANK: Record<Role, number> = { viewer: 1, editor: 2, owner: 3 };

/** The signed-in user's row, or a ConvexError with code UNAUTHENTICATED. */
export async function requireUser(ctx: QueryCtx): Promise<Doc<"users">> {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new ConvexError({ code: "UNAUTHENTICATED", message: "Sign in first." });
  const user = await ctx.db
    .query("users")
    .withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))
    .unique();
  if (!user)
    throw new ConvexError({ code: "UNAUTHENTICATED", message: "Your account is not set up yet; sign in again." });
  return user;
}

/**
 * The caller's membership of a project, requiring at least `minimum`. Outsiders get NOT_FOUND, not FORBIDDEN,
 * so project ids cannot be probed. For a project reached through a document (a conversation, a plan…), pass the
 * message its caller gives a missing document: a missing id and another project's id then read the same.
 */
export async function requireMember(
  ctx: QueryCtx,
  projectId: Id<"projects">,
  minimum: Role = "viewer",
  notFoundMessage = "Project not found.",
): Promise<{ user: Doc<"users">; project: Doc<"projects">; role: Role }> {
  const user = await requireUser(ctx);
  const project = await ctx.db.get(projectId);
  const member = project
    ? await ctx.db
        .query("members")
        .withIndex("by_project_user", (q) => q.eq("projectId", projectId).eq("userId", user._id))
        .unique()
    : null;
  if (!project || !member) throw new ConvexError({ code: "NOT_FOUND", message: notFoundMessage });
  if (RANK[member.role] < RANK[minimum]) {
    throw new ConvexError({ code: "FORBIDDEN", message: `This needs the ${minimum} role; you are ${member.role}.` });
  }
  return { user, project, role: member.role };
}

export type AuditSource = Doc<"auditLog">["source"];

/** Records a write in the audit log. Every mutation that changes project data calls this. */
export async function audit(
  ctx: MutationCtx,
  entry: {
    projectId?: Id<"projects">;
    actorId?: Id<"users">;
    action: string;
    target?: string;
    details?: unknown;
    source?: AuditSource;
  },
): Promise<void> {
  await ctx.db.insert("auditLog", {
    projectId: entry.projectId,
    actorId: entry.actorId,
    action: entry.action,
    target: entry.target,
    details: entry.details === undefined ? undefined : JSON.stringify(entry.details),
    source: entry.source ?? "dashboard",
    at: Date.now(),
  });
}
