import { requireActionCtx } from "@convex-dev/better-auth/utils";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { action, mutation } from "./_generated/server";
import { defaultDeps, getTwilio } from "./clients";
import { track } from "some-analytics";

export async function checkLimit(ctx: any, key: string, deps = defaultDeps) {
  await deps.limiter.limit(ctx, "signup", { key });
  await deps.notify(ctx, key);
}

export const signUp = mutation({
  args: { phone: v.string() },
  handler: async (ctx, { phone }) => {
    await checkLimit(ctx, phone);
    await getTwilio().sendMessage(ctx, { to: phone, body: "welcome" });
    return await ctx.db
      .query("users")
      .withIndex("by_phone", (q) => q.eq("phone", phone))
      .unique();
  },
});

// An action's ctx has no db: handing it on (to a package, through better-auth's check) reads no table.
export const welcome = action({
  args: { phone: v.string() },
  handler: async (ctx, { phone }) => {
    await track(ctx, phone);
    await requireActionCtx(ctx).runMutation(internal.users.signUp, { phone });
  },
});
