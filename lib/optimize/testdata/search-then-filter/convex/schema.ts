import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  notes: defineTable({ text: v.string(), folder: v.string(), kind: v.string(), archivedAt: v.optional(v.number()) })
    .searchIndex("search_text", { searchField: "text", filterFields: ["folder", "kind"] }),
});
