import { Migrations } from "@convex-dev/migrations";
import { components } from "./_generated/api";

export const migrations = new Migrations(components.migrations);

// Run by the migrations component, not a registered function the analysis follows: the index it names
// must not be reported as unused.
export const unpinOld = migrations.define({
  table: "messages",
  customRange: (q) => q.withIndex("by_pinned", (r) => r.eq("pinned", true)),
  migrateOne: async (ctx, doc) => {
    if (doc.sentAt < 0) await ctx.db.patch(doc._id, { pinned: false });
  },
});
