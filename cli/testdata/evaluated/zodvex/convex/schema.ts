import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { Teams, Users } from "./tables/users";

export default defineSchema({
  users: Users.table.index("by_email", ["email"]).index("by_team", ["teamId"]).searchIndex("search_name", { searchField: "name" }),
  teams: Teams.table,
  // A plain table beside them: static reading gets it exactly.
  invites: defineTable({ teamId: v.id("teams"), email: v.string() }).index("by_team", ["teamId"]),
});
