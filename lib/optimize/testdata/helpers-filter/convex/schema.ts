import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  products: defineTable({ votes: v.number(), category: v.string(), stock: v.number(), tags: v.array(v.string()) })
    .index("by_votes", ["votes"])
    .index("by_category", ["category"])
    .index("by_stock", ["stock"]),
});
