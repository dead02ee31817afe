import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  agents: defineTable({ name: v.string() }),
  memories: defineTable({ agentId: v.id("agents"), text: v.string() }).index("by_agent", ["agentId"]),
});
