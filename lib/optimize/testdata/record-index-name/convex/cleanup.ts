import { v } from "convex/values";
import { internalMutation } from "./_generated/server";

// A constant map from table to the index that finds an organisation's documents.
const ORG_INDEX: Record<string, string> = {
  notes: "by_org",
  files: "by_owner_org",
};

const ORG_FIELD: Record<string, string> = { notes: "orgId", files: "ownerOrg" };

// The table and the index name are both known only at run time; the index is one of the record's values.
export const deleteOrgPage = internalMutation({
  args: { table: v.string(), orgId: v.string() },
  handler: async (ctx, args) => {
    const indexName = ORG_INDEX[args.table] ?? "by_org";
    const page = await (ctx.db.query(args.table as any) as any)
      .withIndex(indexName, (q: any) => q.eq(ORG_FIELD[args.table], args.orgId))
      .take(100);
    for (const doc of page) await ctx.db.delete(doc._id);
  },
});
