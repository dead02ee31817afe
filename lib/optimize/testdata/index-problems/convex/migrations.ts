import { Migrations } from "@convex-dev/migrations";
import { components } from "./_generated/api";

export const migrations = new Migrations(components.migrations);

// Run by the migrations component: read as a migration (a paged read of its customRange, then migrateOne on each
// document), so the index it names is used.
export const unpinOld = migrations.define({
  table: "messages",
  customRange: (q) => q.withIndex("by_pinned", (r) => r.eq("pinned", true)),
  migrateOne: async (ctx, doc) => {
    if (doc.sentAt < 0) await ctx.db.patch(doc._id, { pinned: false });
  },
});
