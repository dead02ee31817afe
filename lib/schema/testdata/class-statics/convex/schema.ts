import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { Projects } from "./tables/projects";

export default defineSchema({
  users: defineTable({ name: v.string() }),
  [Projects.TABLE]: Projects.Table,
  [Projects.MEMBERS]: Projects.Members,
});
