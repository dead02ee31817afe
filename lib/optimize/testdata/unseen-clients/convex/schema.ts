import { defineSchema, defineTable } from "convex/server";
import { migrationsTable } from "convex-helpers/server/migrations";
import { v } from "convex/values";

export default defineSchema({
  migrations: migrationsTable,
  users: defineTable({ phone: v.string(), plan: v.string(), embedding: v.array(v.float64()) })
    .index("by_phone", ["phone"])
    .index("by_plan", ["plan"])
    .vectorIndex("by_embedding", { vectorField: "embedding", dimensions: 2 }),
  items: defineTable({ ownerId: v.id("users"), state: v.string(), legacy: v.optional(v.string()) })
    .index("by_owner", ["ownerId"])
    .index("by_state", ["state"]),
});
