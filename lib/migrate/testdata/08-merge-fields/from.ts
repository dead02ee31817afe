import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  usage: defineTable({ model: v.string(), billableTokens: v.number(), unbillableTokens: v.number() }),
});
