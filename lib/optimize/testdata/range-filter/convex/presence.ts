import { v } from "convex/values";
import { query } from "./_generated/server";

// Range on lastSeen after the documentId equality: by_document_last_seen serves it (order changes: info).
export const active = query({
  args: { documentId: v.id("documents"), since: v.number() },
  handler: async (ctx, { documentId, since }) => {
    return await ctx.db
      .query("presence")
      .withIndex("by_document", (q) => q.eq("documentId", documentId))
      .filter((q) => q.gt(q.field("lastSeen"), since))
      .take(50);
  },
});

// The same index could compare the range itself: same order, a warning.
export const activeSameIndex = query({
  args: { documentId: v.id("documents"), since: v.number() },
  handler: async (ctx, { documentId, since }) => {
    return await ctx.db
      .query("presence")
      .withIndex("by_document_last_seen", (q) => q.eq("documentId", documentId))
      .filter((q) => q.gte(q.field("lastSeen"), since))
      .take(50);
  },
});

// Range already on the index, and a range on a field no index holds next: nothing to report.
export const recentByIndex = query({
  args: { documentId: v.id("documents"), since: v.number() },
  handler: async (ctx, { documentId, since }) => {
    return await ctx.db
      .query("presence")
      .withIndex("by_document_last_seen", (q) => q.eq("documentId", documentId).gt("lastSeen", since))
      .take(50);
  },
});

export const byUserRange = query({
  args: { documentId: v.id("documents") },
  handler: async (ctx, { documentId }) => {
    return await ctx.db
      .query("presence")
      .withIndex("by_document", (q) => q.eq("documentId", documentId))
      .filter((q) => q.gt(q.field("userId"), "m"))
      .take(50);
  },
});

// A full scan with a range on takenAt: by_taken_at serves it.
export const readingsSince = query({
  args: { since: v.number() },
  handler: async (ctx, { since }) => {
    return await ctx.db
      .query("readings")
      .filter((q) => q.and(q.gte(q.field("takenAt"), since), q.lt(q.field("takenAt"), since + 1000)))
      .take(100);
  },
});
