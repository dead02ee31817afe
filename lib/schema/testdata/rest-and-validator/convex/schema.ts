import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

// A library's tables, taken apart: one is extended through its validator's fields, the rest are kept as they are.
const libraryTables = {
  users: defineTable({ email: v.optional(v.string()), name: v.optional(v.string()) }).index("email", ["email"]),
  sessions: defineTable({ userId: v.id("users"), expiresAt: v.number() }).index("userId", ["userId"]),
  accounts: defineTable({ userId: v.id("users"), provider: v.string() }),
};

const { users, ...otherTables } = libraryTables;

export default defineSchema({
  ...otherTables,
  users: defineTable({
    ...users.validator.fields,
    isAdmin: v.optional(v.boolean()),
  }).index("email", ["email"]),
});
