import { makeMigration, startMigrationsSerially } from "convex-helpers/server/migrations";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalMutation, query } from "./_generated/server";

const migration = makeMigration(internalMutation, { migrationTable: "migrations" });

// A migration: the library pages through "items" and calls migrateOne on each document.
export const clearLegacy = migration({
  table: "items",
  migrateOne: async (ctx, doc) => {
    if (doc.legacy !== undefined) await ctx.db.patch(doc._id, { legacy: undefined });
  },
});

export const runAll = internalMutation(async (ctx) => {
  await startMigrationsSerially(ctx, [internal.items.clearLegacy]);
});

async function byOwner(ctx: any, ownerId: any) {
  return await ctx.db
    .query("items")
    .withIndex("by_owner", (q: any) => q.eq("ownerId", ownerId))
    .take(20);
}
async function byOwnerShort(ctx: any, ownerId: any) {
  return await ctx.db
    .query("items")
    .withIndex("by_owner", (q: any) => q.eq("ownerId", ownerId))
    .take(5);
}

// A helper chosen by a ternary: both are followed.
export const list = query({
  args: { ownerId: v.id("users"), short: v.boolean() },
  handler: async (ctx, { ownerId, short }) => {
    const read = short ? byOwnerShort : byOwner;
    return await read(ctx, ownerId);
  },
});
