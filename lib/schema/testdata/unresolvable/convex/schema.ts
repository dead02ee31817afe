import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { zodToConvex } from "convex-helpers/server/zod";
import { z } from "zod";

const key = process.env.EXTRA_FIELD ?? "extra";
const indexFields = ["name"].concat(["rank"]);

function conditional(flag: boolean) {
  if (flag) return v.string();
  return v.number();
}

export default defineSchema({
  profiles: defineTable({
    name: v.string(),
    rank: v.number(),
    bio: zodToConvex(z.string()),
    [key]: v.string(),
    ...makeFields(),
    mode: conditional(true),
  }).index("by_name_rank", indexFields),
  dynamic: defineTable(zodToConvex(z.lazy(() => z.object({ a: z.string() })))),
  plain: defineTable({ title: v.string() }),
});

function makeFields() {
  return Object.fromEntries([["x", v.string()]]);
}
