import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  messages: defineTable({
    channelId: v.id("channels"),
    authorId: v.id("users"),
    body: v.string(),
    pinned: v.boolean(),
    sentAt: v.number(),
  })
    .index("by_channel", ["channelId"])
    .index("by_channel_and_sent", ["channelId", "sentAt"])
    .index("by_author", ["authorId"])
    .index("by_author_copy", ["authorId"])
    .index("by_pinned", ["pinned"])
    .searchIndex("search_body", { searchField: "body", filterFields: ["channelId"] }),
  channels: defineTable({ name: v.string(), embedding: v.array(v.float64()) })
    .vectorIndex("by_embedding", { vectorField: "embedding", dimensions: 4, filterFields: [] }),
  users: defineTable({ name: v.string() }),
  accounts: defineTable({ email: v.string(), status: v.string() })
    .index("by_email", ["email"])
    .index("by_email_and_status", ["email", "status"]),
});
