import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  offers: defineTable({ active: v.boolean(), startsAt: v.number(), endsAt: v.number() }).index("by_active", [
    "active",
  ]),
});
