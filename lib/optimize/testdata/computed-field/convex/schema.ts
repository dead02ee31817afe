import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  artists: defineTable({
    name: v.string(),
    links: v.record(v.string(), v.string()),
  }).index("by_name", ["name"]),
  albums: defineTable({
    title: v.string(),
    ids: v.object({ spotify: v.optional(v.string()), apple: v.optional(v.string()) }),
  })
    .index("by_spotify", ["ids.spotify"])
    .index("by_apple", ["ids.apple"]),
});
