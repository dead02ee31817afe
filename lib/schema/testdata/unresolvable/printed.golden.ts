import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  profiles: defineTable({
    name: v.string(),
    rank: v.number(),
    bio: v.any(),
    mode: v.any(),
  }),

  dynamic: defineTable(v.any()),

  plain: defineTable({
    title: v.string(),
  }),
});
