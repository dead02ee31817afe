import { v } from "convex/values";
import { internalQuery } from "../_generated/server";
import { byToken } from "./invitations";

/**
 * What the embedded backend's local sign-in asks before creating an account (backend/local-accounts.ts): whether
 * people signed in locally before (then the first new account does not become the deployment owner), whether
 * this very identity has data from before passwords (it must be claimed with a one-time code, never re-created
 * by a stranger), and whether an invitation link is open (it lets one new account in).
 */
export const signUpContext = internalQuery({
  args: { tokenIdentifier: v.string(), issuer: v.string(), invite: v.optional(v.string()) },
  handler: async (ctx, { tokenIdentifier, issuer, invite }) => {
    const prefix = `${issuer}|local|`;
    const localUser = await ctx.db
      .query("users")
      .withIndex("by_token", (q) => q.gte("tokenIdentifier", prefix).lt("tokenIdentifier", `${prefix}\uffff`))
      .first();
    const own = await ctx.db
      .query("users")
      .withIndex("by_token", (q) => q.eq("tokenIdentifier", tokenIdentifier))
      .unique();
    const invitation = invite ? await byToken(ctx, invite) : null;
    const inviteOpen =
      invitation !== null && !invitation.revoked && !invitation.acceptedBy && invitation.expiresAt > Date.now();
    return {
      localUsers: localUser !== null,
      subjectHasData: own !== null,
      ...(own ? { name: own.name } : {}),
      inviteOpen,
    };
  },
});
