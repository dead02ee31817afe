import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

// A project with error-severity findings, for `analyze --strict`.
export default defineSchema({
  notes: defineTable({
    title: v.string(),
    body: v.string(),
  })
    .index("by_id", ["title"])
    .searchIndex("search_body", { searchField: "body", filterFields: ["folder"] }),
});
