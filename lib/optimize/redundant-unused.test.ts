import { describe, expect, it } from "vitest";
import { parseSchema } from "../schema";
import { analyzeProject } from "./analyze";
import { checkOptimizations } from "./findings";

const schema = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  favourites: defineTable({ userId: v.string(), boardId: v.string(), orgId: v.string() })
    .index("by_user_board", ["userId", "boardId"])
    .index("by_user_board_org", ["userId", "boardId", "orgId"]),
});`;

const functions = `import { query } from "./_generated/server";
import { v } from "convex/values";
export const get = query({
  args: { userId: v.string(), boardId: v.string() },
  handler: async (ctx, { userId, boardId }) =>
    ctx.db
      .query("favourites")
      .withIndex("by_user_board", (q) => q.eq("userId", userId).eq("boardId", boardId))
      .unique(),
});`;

describe("a prefix index next to a longer index no code uses", () => {
  it("reports the longer one as unused and keeps the one the code reads (never both removed)", () => {
    const files = { "convex/schema.ts": schema, "convex/favourites.ts": functions };
    const parsed = parseSchema({ files, entry: "convex/schema.ts" });
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join("; "));
    const analysis = analyzeProject({ files }, { schema: parsed.schema });
    const findings = checkOptimizations({ schema: parsed.schema, analysis });
    const removed = findings.flatMap((f) =>
      (f.fixes ?? []).flatMap((x) => x.operations ?? []).flatMap((o) => (o.op === "removeIndex" ? [o.name] : [])),
    );
    expect(findings.filter((f) => f.code === "OPT105").map((f) => f.path)).toEqual(["favourites.by_user_board_org"]);
    expect(findings.filter((f) => f.code === "OPT104")).toEqual([]);
    expect(removed).toEqual(["by_user_board_org"]);
  });
});
