import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  documents: defineTable({ title: v.string() }),
  presence: defineTable({
    documentId: v.id("documents"),
    userId: v.string(),
    lastSeen: v.number(),
  })
    .index("by_document", ["documentId"])
    .index("by_document_last_seen", ["documentId", "lastSeen"]),
  readings: defineTable({ sensor: v.string(), takenAt: v.number(), value: v.number() }).index("by_taken_at", ["takenAt"]),
});
