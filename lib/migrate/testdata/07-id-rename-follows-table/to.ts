import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  players: defineTable({ name: v.string() }),
  memories: defineTable({ playerId: v.id("players"), text: v.string() }).index("by_player", ["playerId"]),
});
