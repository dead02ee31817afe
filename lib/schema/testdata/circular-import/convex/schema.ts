import { defineSchema, defineTable } from "convex/server";
import { aFields } from "./a";

export default defineSchema({
  loops: defineTable(aFields),
});
