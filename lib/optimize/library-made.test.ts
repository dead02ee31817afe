/** OPT104/OPT105 leave alone what a library creates: convex-ents join tables and edge indexes. */
import { describe, expect, it } from "vitest";
import { parseSchema } from "../schema";
import { analyzeProject, checkOptimizations } from "./index";

const files = {
  "convex/schema.ts": `import { defineEnt, defineEntSchema } from "convex-ents";
import { v } from "convex/values";
export default defineEntSchema({
  users: defineEnt({ name: v.string() }).edges("messages", { ref: true }).edges("groups"),
  groups: defineEnt({ name: v.string() }).edges("users"),
  messages: defineEnt({ text: v.string() })
    .edge("user")
    .index("by_user", ["userId"])
    .index("by_user_text", ["userId", "text"]),
});
`,
  "convex/messages.ts": `import { query } from "./_generated/server";
import { v } from "convex/values";
export const byUser = query({
  args: { userId: v.id("users") },
  handler: async (ctx, { userId }) =>
    await ctx.db.query("messages").withIndex("by_user", (q) => q.eq("userId", userId)).unique(),
});
export const names = query({ args: {}, handler: async (ctx) => (await ctx.db.query("users").take(10)).map((u) => u.name) });
export const groups = query({ args: {}, handler: async (ctx) => await ctx.db.query("groups").take(10) });
`,
};

describe("optimizer findings on library-made indexes", () => {
  it("reports the project's indexes only: a duplicate of an edge index, an unused index of its own", () => {
    const parsed = parseSchema({ files, entry: "convex/schema.ts" });
    if (!parsed.ok) throw new Error(parsed.errors[0].message);
    const analysis = analyzeProject({ files }, { schema: parsed.schema });
    expect(analysis.complete).toBe(true);
    const found = checkOptimizations({ schema: parsed.schema, analysis })
      .filter((f) => f.code === "OPT104" || f.code === "OPT105")
      .map((f) => `${f.code} ${f.path}: ${f.message}`);
    // "userId" (the edge's index) and the join table's four indexes are unused too, but they are convex-ents'.
    expect(found).toEqual([
      'OPT104 messages.by_user: Index "by_user" of "messages" has the same fields as "userId" (created by convex-ents).',
      'OPT105 messages.by_user_text: The index "by_user_text" of "messages" is not used by any function.',
    ]);
  });
});
