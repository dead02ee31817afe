import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

function forever(): Record<string, ReturnType<typeof v.string>> {
  for (;;) {}
}

export default defineSchema({
  things: defineTable(forever()),
});
