import type { QueryCtx } from "../_generated/server";
import type { Id } from "../_generated/dataModel";

export async function ownerName(ctx: QueryCtx, ownerId: Id<"users">) {
  const user = await ctx.db.query("users").withIndex("by_email", (q) => q.eq("email", String(ownerId))).unique();
  return user?.name ?? "unknown";
}
