import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  notes: defineTable({ roomId: v.string(), ownerId: v.string(), text: v.string() })
    .index("by_room", ["roomId"])
    .index("by_owner", ["ownerId"]),
});
