import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { vSessionId } from "convex-helpers/server/sessions";
import { rateLimitTables } from "convex-helpers/server/rateLimit";
import { migrationsTable } from "convex-helpers/server/migrations";

export default defineSchema({
  ...rateLimitTables,
  migrations: migrationsTable,
  carts: defineTable({
    sessionId: vSessionId,
    items: v.array(v.string()),
  }).index("by_session", ["sessionId"]),
});
