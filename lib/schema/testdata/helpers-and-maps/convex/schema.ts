import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { Table } from "convex-helpers/server";
import { brandedString, deprecated, literals, nullable } from "convex-helpers/validators";

const ROLES = ["admin", "editor", "viewer"] as const;
const PLANS = { free: "free", team: "team" } as const;

// convex-helpers' Table: the table and its validators in one place.
export const Accounts = Table("accounts", {
  email: brandedString("email"),
  role: v.union(...ROLES.map((r) => v.literal(r))),
  plan: v.union(...Object.values(PLANS).map(v.literal)),
  legacyFlag: deprecated,
});

const address = v.object({ street: v.string(), city: v.string(), zip: v.optional(v.string()) });

function timestamped(fields: Record<string, any>, withDeleted = false) {
  const base = { createdAt: v.number(), updatedAt: v.number() };
  const deleted = withDeleted ? { deletedAt: v.optional(v.number()) } : {};
  return { ...fields, ...base, ...deleted };
}

export default defineSchema({
  accounts: Accounts.table.index("by_email", ["email"]),
  addresses: defineTable({
    accountId: Accounts._id,
    home: address,
    work: address.omit("zip").extend({ floor: v.number() }),
    draft: v.optional(address.partial()),
    status: literals("active", "moved"),
    note: nullable(v.string()),
  }).index("by_account", ["accountId"]),
  audits: defineTable(timestamped({ accountId: v.id("accounts"), action: v.string() }, true)),
  snapshots: defineTable({ account: Accounts.doc, addresses: v.array(address.pick("city")) }),
});
