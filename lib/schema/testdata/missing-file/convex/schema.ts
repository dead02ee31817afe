import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { sharedFields } from "./shared/fields";

export default defineSchema({
  things: defineTable({ name: v.string(), ...sharedFields }),
});
