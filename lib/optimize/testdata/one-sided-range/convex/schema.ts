import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  hits: defineTable({ day: v.string(), path: v.string() }).index("by_day_path", ["day", "path"]),
});
