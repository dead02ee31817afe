import { v } from "convex/values";
import { query } from "./_generated/server";

// messageId is served by by_message; voter and value are not: reuse by_message, or add a three-field index.
export const myVote = query({
  args: { messageId: v.id("messages"), voter: v.string() },
  handler: async (ctx, { messageId, voter }) =>
    ctx.db
      .query("votes")
      .filter((q) => q.and(q.eq(q.field("messageId"), messageId), q.eq(q.field("voter"), voter), q.eq(q.field("value"), "up")))
      .first(),
});

// A plain field: by_group serves "group".
export const tagged = query({
  args: { group: v.string(), label: v.string() },
  handler: async (ctx, { group, label }) =>
    ctx.db
      .query("tags")
      .filter((q) => q.eq(q.field("group"), group))
      .filter((q) => q.eq(q.field("label"), label))
      .first(),
});

// No index serves any of it: nothing to name.
export const byVoter = query({
  args: { voter: v.string() },
  handler: async (ctx, { voter }) =>
    ctx.db
      .query("votes")
      .filter((q) => q.eq(q.field("voter"), voter))
      .take(10),
});
