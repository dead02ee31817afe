import { v } from "convex/values";
import { query, mutation } from "./_generated/server";
import { docsOfOrg, firstOf } from "./lib";
import * as People from "./model/people";

export const recent = query({
  args: { orgId: v.id("orgs"), state: v.optional(v.string()) },
  handler: async (ctx, args) => {
    let q = docsOfOrg(ctx.db, args.orgId).order("desc");
    if (args.state !== undefined) {
      q = q.filter((f) => f.eq(f.field("state"), args.state));
    }
    return await q.take(20);
  },
});

export const withOwner = query({
  args: { docId: v.id("docs") },
  handler: async (ctx, { docId }) => {
    return await People.owner(ctx, docId);
  },
});

export const staleInOrg = query({
  args: { orgId: v.id("orgs"), before: v.number() },
  handler: async (ctx, { orgId, before }) => {
    const base = ctx.db.query("docs");
    const ranged = base.withIndex("by_org_and_updated", (q) => q.eq("orgId", orgId).lt("updatedAt", before));
    return await ranged.take(100);
  },
});

export const many = query({
  args: { ids: v.array(v.id("docs")) },
  handler: async (ctx, { ids }) => {
    const docs = await Promise.all(ids.map((id) => ctx.db.get(id)));
    return docs;
  },
});

export const firstOrg = query({
  args: {},
  handler: async (ctx) => {
    return await firstOf(ctx.db, "orgs");
  },
});

export const rename = mutation({
  args: { docId: v.id("docs"), title: v.string() },
  handler: async ({ db }, { docId, title }) => {
    const doc = await db.get("docs", docId);
    if (!doc) return;
    await db.patch("docs", docId, { title });
    const org = await db.get(doc.orgId);
    if (org) await db.patch(org._id, { plan: org.plan });
  },
});

export const byOwnerName = query({
  args: { name: v.string() },
  handler: async (ctx, { name }) => {
    const person = await ctx.db
      .query("people")
      .filter((q) => q.eq(q.field("name"), name))
      .first();
    if (!person) return [];
    return await ctx.db
      .query("docs")
      .withIndex("by_owner", (q) => q.eq("ownerId", person._id))
      .collect();
  },
});
