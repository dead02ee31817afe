import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  posts: defineTable({ authorId: v.string(), slug: v.string(), title: v.string(), kind: v.string() })
    .index("by_author", ["authorId"])
    .index("by_slug", ["slug"])
    .index("by_title", ["title"])
    .index("kind_recent", ["kind"]),
  events: defineTable({ at: v.number(), day: v.string() })
    .index("by_at", ["at"])
    .index("by_day", ["day"]),
  cards: defineTable({ text: v.string(), notes: v.string(), tags: v.string() })
    .searchIndex("search_text", { searchField: "text" })
    .searchIndex("search_notes", { searchField: "notes" })
    .searchIndex("search_tags", { searchField: "tags" }),
});
