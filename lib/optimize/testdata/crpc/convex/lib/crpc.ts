import { initCRPC } from "better-convex/server";
import type { DataModel } from "../_generated/dataModel";

const c = initCRPC.dataModel<DataModel>().create();

const signedIn = c.middleware(async ({ ctx, next }) => {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new Error("UNAUTHORIZED");
  const user = await ctx.db
    .query("users")
    .withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))
    .unique();
  if (!user) throw new Error("UNAUTHORIZED");
  return next({ ctx: { ...ctx, user } });
});

export const publicQuery = c.query;
export const authQuery = c.query.use(signedIn);
export const authMutation = c.mutation.meta({ auth: "required" }).use(signedIn);
export const privateMutation = c.mutation.internal();
