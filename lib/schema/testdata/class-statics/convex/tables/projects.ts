import { defineTable } from "convex/server";
import { v } from "convex/values";

// Tables grouped as static members of a class, with a name constant read through the class and through `this`.
export class Projects {
  static TABLE = "projects" as const;
  static Table = defineTable({
    name: v.string(),
    ownerId: v.id("users"),
  }).index("by_owner", ["ownerId"]);
  static MEMBERS = "project_members" as const;
  static Members = defineTable({
    projectId: v.id(Projects.TABLE),
    role: v.union(v.literal("admin"), v.literal("viewer")),
  }).index("by_project", ["projectId"]);
  private cache = new Map<string, number>();
  static describe(): string {
    return "not a table";
  }
}
