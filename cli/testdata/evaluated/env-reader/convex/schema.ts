import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

// Reads the environment while it loads: evaluation must not hand it the shell's variables.
const name = process.env.SA_EVAL_TEST_SECRET ?? "unset";

export default defineSchema({
  things: defineTable({ [name]: v.string() }),
});
