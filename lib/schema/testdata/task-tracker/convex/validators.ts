import { v } from "convex/values";

/** Workflow states of a task. */
export const taskStatus = v.union(
  v.literal("todo"),
  v.literal("in_progress"),
  v.literal("in_review"),
  v.literal("done"),
);

export const priority = v.union(v.literal(1), v.literal(2), v.literal(3), v.literal(4));

export const timestamps = {
  createdAt: v.number(),
  updatedAt: v.number(),
};

export const role = v.union(v.literal("owner"), v.literal("admin"), v.literal("member"));
