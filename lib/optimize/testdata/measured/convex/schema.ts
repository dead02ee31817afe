import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  owners: defineTable({ name: v.string() }),
  items: defineTable({
    ownerId: v.id("owners"),
    status: v.string(),
    n: v.number(),
  }),
});
