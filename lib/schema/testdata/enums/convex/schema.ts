import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { Priority, Stage, type StageName } from "../shared/status";

const enum Size {
  Small,
  Large,
}

export const stageNames: StageName[] = ["Draft"];

export default defineSchema({
  tickets: defineTable({
    priority: v.union(v.literal(Priority.Low), v.literal(Priority["Very High"]), v.literal(Priority.Urgent)),
    stage: v.union(...Object.values(Stage).map((s) => v.literal(s))),
    size: v.optional(v.literal(Size.Large)),
    // A numeric enum's keys include its reverse mapping, integer keys first (as JavaScript orders them).
    priorityKey: v.optional(v.union(...Object.keys(Priority).map((k) => v.literal(k)))),
  }).index("by_stage", ["stage"]),
});
