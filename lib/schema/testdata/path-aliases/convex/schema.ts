import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
// Imports through tsconfig path aliases (convex/tsconfig.json): "@/*" is the project root, "@cvx/*" this folder.
import { address, orderStatus } from "@/convex/lib/validators";
import { priority } from "@cvx/lib/validators";
import { auditFields } from "@/shared/audit";

export default defineSchema({
  orders: defineTable({ status: orderStatus, shipTo: address, ...auditFields }).index("by_status", ["status"]),
  tickets: defineTable({ orderId: v.id("orders"), priority }).index("by_order", ["orderId"]),
});
