import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  profiles: defineTable({ bio: v.optional(v.string()), userId: v.string() }),
});
