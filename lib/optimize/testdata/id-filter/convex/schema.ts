import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  teams: defineTable({ name: v.string() }),
  players: defineTable({ teamId: v.id("teams"), name: v.string() }).index("by_team", ["teamId"]),
});
