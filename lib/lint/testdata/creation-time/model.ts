import { schema, table, v } from "../build";

export default schema(
  table("orders", { total: v.number(), createdAt: v.number(), updatedAt: v.number() }),
  table("invoices", { total: v.number(), created_at: v.string(), creationTime: v.optional(v.number()), createdBy: v.string() }),
);
