import type { DatabaseReader } from "../_generated/server";
import type { Id } from "../_generated/dataModel";

/** A helper that takes the database itself and returns a query builder for the caller to finish. */
export function docsOfOrg(db: DatabaseReader, orgId: Id<"orgs">) {
  return db.query("docs").withIndex("by_org_and_updated", (q) => q.eq("orgId", orgId));
}

/** A helper taking a table name: resolved from the literal the caller passes. */
export async function firstOf(db: DatabaseReader, table: "orgs" | "people") {
  return await db.query(table).first();
}
