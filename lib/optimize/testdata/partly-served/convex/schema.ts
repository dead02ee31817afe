import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  messages: defineTable({ body: v.string() }),
  votes: defineTable({ messageId: v.id("messages"), voter: v.string(), value: v.string() }).index("by_message", [
    "messageId",
  ]),
  tags: defineTable({ group: v.string(), label: v.string(), color: v.string() }).index("by_group", ["group"]),
});
