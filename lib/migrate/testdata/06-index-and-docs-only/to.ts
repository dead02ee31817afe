import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  docs: defineTable({ text: v.string(), team: v.string(), embedding: v.array(v.float64()) })
    .index("by_team", ["team"])
    .searchIndex("search_text", { searchField: "text", filterFields: ["team"] })
    .vectorIndex("by_embedding", { vectorField: "embedding", dimensions: 1536 }),
});
