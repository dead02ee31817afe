import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

function make(name: string) {
  if (name) throw new Error(`no table kit for ${name}`);
  return defineTable({ x: v.string() });
}

export default defineSchema({
  things: make("things"),
});
