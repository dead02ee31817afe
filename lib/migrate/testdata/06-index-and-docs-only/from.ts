import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  docs: defineTable({ text: v.string(), team: v.string(), embedding: v.array(v.float64()) })
    .searchIndex("search_text", { searchField: "text" })
    .vectorIndex("by_embedding", { vectorField: "embedding", dimensions: 768 }),
});
