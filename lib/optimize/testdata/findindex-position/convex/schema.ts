import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  runs: defineTable({ threadId: v.string(), status: v.string() }).index("by_thread", ["threadId"]),
});
