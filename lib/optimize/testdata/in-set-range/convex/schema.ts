import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  runs: defineTable({ threadId: v.string(), status: v.string(), score: v.number() })
    .index("by_thread", ["threadId"])
    .index("by_thread_score", ["threadId", "score"]),
  jobs: defineTable({ queue: v.string(), status: v.string() })
    .index("by_queue", ["queue"])
    .index("by_queue_status", ["queue", "status"]),
});
