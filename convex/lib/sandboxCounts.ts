/**
 * Per-table document counts of a project's sandbox (`sandboxCounts`), and how many documents hold each field, so
 * pages and migration planning read these instead of every row (a subscribed count of 20,000 rows cost ~1.3 s on
 * every migration step, and real Convex stops a query at 32,000 documents read). Every writer of
 * `sandboxDocuments` calls `adjustSandboxCount` after its writes, with the presence its writes added or removed.
 */
import { z } from "zod";
import { storedShape } from "../../lib/stored";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";

/** Field → documents holding it (added or removed), app fields only (`_id`, `_creationTime` are not counted). */
export type Presence = Record<string, number>;

/** `sandboxCounts.presentJson`: documents holding each field. */
const storedPresence = storedShape<Presence>("field presence", 1, z.record(z.string(), z.number()));

function rows(ctx: QueryCtx, projectId: Id<"projects">, table: string) {
  return ctx.db
    .query("sandboxDocuments")
    .withIndex("by_project_table", (q) => q.eq("projectId", projectId).eq("table", table));
}

function countRow(ctx: QueryCtx, projectId: Id<"projects">, table: string): Promise<Doc<"sandboxCounts"> | null> {
  return ctx.db
    .query("sandboxCounts")
    .withIndex("by_project_table", (q) => q.eq("projectId", projectId).eq("table", table))
    .unique();
}

/** Adds to `into` what replacing `before` by `after` changes in field presence (null: no document). */
export function addPresence(
  into: Presence,
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): Presence {
  if (after)
    for (const k in after)
      if (after[k] !== undefined && k[0] !== "_" && (!before || before[k] === undefined)) into[k] = (into[k] ?? 0) + 1;
  if (before)
    for (const k in before)
      if (before[k] !== undefined && k[0] !== "_" && (!after || after[k] === undefined)) into[k] = (into[k] ?? 0) - 1;
  return into;
}

/** The presence `docs` add (sign 1) or remove (sign -1). */
export function presenceOf(docs: Iterable<Record<string, unknown>>, sign: 1 | -1 = 1): Presence {
  const out: Presence = {};
  for (const d of docs) addPresence(out, sign === 1 ? null : d, sign === 1 ? d : null);
  return out;
}

/** Counts and presence by reading every row (tables whose counts were kept before presence was). */
async function scan(ctx: QueryCtx, projectId: Id<"projects">, table: string) {
  let count = 0;
  const present: Presence = {};
  for await (const row of rows(ctx, projectId, table)) {
    count++;
    addPresence(present, null, row.doc as Record<string, unknown>);
  }
  return { count, present };
}

const nonZero = (p: Presence): Presence => Object.fromEntries(Object.entries(p).filter(([, n]) => n !== 0));

/**
 * Adds `delta` documents and the `present` changes to the table's counts; a table without counts yet (rows written
 * before counts, or before presence) is counted once, after this transaction's writes. `known`: the counts row as
 * this transaction last wrote it (what this function returned), so a caller adjusting often reads it once.
 */
export async function adjustSandboxCount(
  ctx: MutationCtx,
  projectId: Id<"projects">,
  table: string,
  delta: number,
  present: Presence,
  known?: Doc<"sandboxCounts">,
): Promise<Doc<"sandboxCounts"> | undefined> {
  const changes = nonZero(present);
  if (delta === 0 && Object.keys(changes).length === 0) return known;
  const row = known ?? (await countRow(ctx, projectId, table));
  if (row && row.presentJson !== undefined) {
    const sum = storedPresence.parse(row.presentJson, `sandboxCounts ${row._id}`);
    for (const [k, n] of Object.entries(changes)) sum[k] = (sum[k] ?? 0) + n;
    const fields = { count: row.count + delta, presentJson: JSON.stringify(nonZero(sum)) };
    await ctx.db.patch(row._id, fields);
    return { ...row, ...fields };
  }
  const counted = await scan(ctx, projectId, table);
  const fields = { count: counted.count, presentJson: JSON.stringify(counted.present) };
  if (row) {
    await ctx.db.patch(row._id, fields);
    return { ...row, ...fields };
  }
  const _id = await ctx.db.insert("sandboxCounts", { projectId, table, ...fields });
  return { _id, _creationTime: Date.now(), projectId, table, ...fields };
}

/** The table's document count: its kept count, or the rows counted (a table no writer has touched since counts). */
export async function sandboxCount(ctx: QueryCtx, projectId: Id<"projects">, table: string): Promise<number> {
  const row = await countRow(ctx, projectId, table);
  return row ? row.count : (await rows(ctx, projectId, table).collect()).length;
}

/**
 * Documents in the table and documents holding each field: the kept counts (one read), or every row read for a
 * table whose counts are older than presence (until its next write keeps them).
 */
export async function sandboxTableStats(
  ctx: QueryCtx,
  projectId: Id<"projects">,
  table: string,
): Promise<{ count: number; present: Presence }> {
  const row = await countRow(ctx, projectId, table);
  if (row?.presentJson !== undefined)
    return { count: row.count, present: storedPresence.parse(row.presentJson, `sandboxCounts ${row._id}`) };
  if (row === null && (await rows(ctx, projectId, table).first()) === null) return { count: 0, present: {} };
  return await scan(ctx, projectId, table);
}
