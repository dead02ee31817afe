import type { QueryCtx } from "../_generated/server";
import type { Id } from "../_generated/dataModel";

export async function owner(ctx: QueryCtx, docId: Id<"docs">) {
  const doc = await ctx.db.get(docId);
  if (!doc) return null;
  return await ctx.db.get(doc.ownerId);
}
