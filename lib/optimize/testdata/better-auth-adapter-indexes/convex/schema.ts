import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  // better-auth's models as the app's own tables: the adapter picks an index by the fields it looks up.
  user: defineTable({ name: v.string(), email: v.string(), plan: v.optional(v.string()) })
    .index("email", ["email"])
    .index("by_plan", ["plan"]),
  session: defineTable({ token: v.string(), userId: v.string(), expiresAt: v.number() })
    .index("token", ["token"])
    .index("userId", ["userId"]),
  projects: defineTable({ ownerId: v.string(), title: v.string() }).index("by_owner", ["ownerId"]),
});
