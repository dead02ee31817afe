/**
 * Shared helpers of the generated functions:
 * - `convex/lib/access.ts`: `requireIdentity`, one `require<Users>Id` per users table that owns rows, `assertOwner`.
 * - `convex/lib/relations.ts`: one `delete<Table>` per table applying the remove strategy to its dependants.
 */
import type { SchemaModel } from "../schema/model";
import type { IncomingRef } from "./analysis";
import { findOwner, identityLookup, incomingRefs, nestedRefs } from "./analysis";
import type { ResolvedOptions } from "./options";
import { upperFirst } from "./options";

/** Name of the helper returning the signed-in user's id in `usersTable`. */
export function requireUserFn(usersTable: string): string {
  return `require${upperFirst(usersTable)}Id`;
}

/** Name of the helper deleting a document of `table` with its dependants' strategy. */
export function deleteFn(table: string): string {
  return `delete${upperFirst(table)}`;
}

/** Users tables that own rows somewhere in the model, in model order. */
export function usersTables(model: SchemaModel): string[] {
  const out = new Set<string>();
  for (const t of model.tables) {
    const o = findOwner(model, t);
    if (o) out.add(o.usersTable);
  }
  return [...out];
}

function requireUserCode(model: SchemaModel, users: string): string {
  const lookup = identityLookup(model, users);
  const T = JSON.stringify(users);
  const missing = `throw new ConvexError({ code: "UNAUTHENTICATED", message: ${JSON.stringify(`No "${users}" document matches the signed-in identity.`)} });`;
  let body: string;
  if (lookup.kind === "field") {
    const key = JSON.stringify(lookup.field);
    const query = lookup.index
      ? `ctx.db.query(${T}).withIndex(${JSON.stringify(lookup.index)}, (q) => q.eq(${key}, identity.${lookup.source}))`
      : `ctx.db.query(${T}).filter((q) => q.eq(q.field(${key}), identity.${lookup.source}))`;
    body = `  const user = await ${query}.first();
  if (user === null) ${missing}
  return user._id;`;
  } else {
    body = `  // Convex Auth convention: the subject is "<userId>|<sessionId>".
  const userId = ctx.db.normalizeId(${T}, identity.subject.split("|")[0]);
  if (userId === null || (await ctx.db.get(${T}, userId)) === null) ${missing}
  return userId;`;
  }
  const how =
    lookup.kind === "field"
      ? `whose "${lookup.field}" equals the identity's ${lookup.source}`
      : `whose id starts the identity's subject`;
  return `/** The id of the signed-in user's "${users}" document (the one ${how}). */
export async function ${requireUserFn(users)}(ctx: AuthCtx): Promise<Id<${T}>> {
  const identity = await requireIdentity(ctx);
${body}
}`;
}

/** `convex/lib/access.ts`. */
export function generateAccessFile(model: SchemaModel): string {
  const users = usersTables(model);
  return `import { ConvexError } from "convex/values";
import type { Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";

/** What the access helpers read; both query and mutation contexts have it. */
export type AuthCtx = Pick<QueryCtx, "auth" | "db">;

/** The signed-in identity; throws UNAUTHENTICATED when the caller is not signed in. */
export async function requireIdentity(ctx: Pick<QueryCtx, "auth">) {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) throw new ConvexError({ code: "UNAUTHENTICATED", message: "Sign in to continue." });
  return identity;
}

/** Throws FORBIDDEN unless \`owner\` is the signed-in user's id. */
export function assertOwner(owner: string | undefined, userId: string, table: string): void {
  if (owner !== userId) {
    throw new ConvexError({ code: "FORBIDDEN", message: \`This "\${table}" document belongs to another user.\` });
  }
}
${users.map((u) => `\n${requireUserCode(model, u)}\n`).join("")}`;
}

function dependantsQuery(r: IncomingRef, id: string): string {
  const T = JSON.stringify(r.table);
  const F = JSON.stringify(r.field);
  return r.index
    ? `ctx.db.query(${T}).withIndex(${JSON.stringify(r.index.name)}, (q) => q.eq(${F}, ${id}))`
    : `ctx.db.query(${T}).filter((q) => q.eq(q.field(${F}), ${id}))`;
}

function refComment(r: IncomingRef): string {
  const how = r.index ? `index "${r.index.name}"` : "a full scan (add an index starting with the field)";
  return `  // ${r.strategy}: "${r.table}.${r.field}" via ${how}${r.fallbackReason ? `; ${r.fallbackReason}` : ""}.`;
}

function deleteCode(model: SchemaModel, table: string, options: ResolvedOptions): string {
  const refs = incomingRefs(model, table, options);
  const T = JSON.stringify(table);
  const lines: string[] = [];
  for (const r of refs.filter((x) => x.strategy === "refuse")) {
    const msg = JSON.stringify(
      `Cannot remove this "${table}" document: "${r.table}" documents reference it through "${r.field}".`,
    );
    lines.push(refComment(r));
    lines.push(`  if ((await ${dependantsQuery(r, "id")}.first()) !== null) {`);
    lines.push(`    throw new ConvexError({ code: "HAS_DEPENDANTS", message: ${msg} });`);
    lines.push(`  }`);
  }
  // Delete first, then follow references: a cycle then finds the document already gone and stops.
  lines.push(`  await ctx.db.delete(${T}, id);`);
  for (const r of refs.filter((x) => x.strategy !== "refuse")) {
    lines.push(refComment(r));
    lines.push(`  for (const dependant of await ${dependantsQuery(r, "id")}.collect()) {`);
    if (r.strategy === "cascade") lines.push(`    await ${deleteFn(r.table)}(ctx, dependant._id);`);
    else
      lines.push(
        `    await ctx.db.patch(${JSON.stringify(r.table)}, dependant._id, { ${JSON.stringify(r.field)}: ${r.optional ? "undefined" : "null"} });`,
      );
    lines.push(`  }`);
  }
  for (const n of nestedRefs(model, table)) {
    lines.push(
      `  // TODO(schema-assistant): "${n.table}.${n.field}" holds "${table}" ids inside a nested value; they are not cleaned up.`,
    );
  }
  return `/** Deletes a "${table}" document, then applies the remove strategy to the documents that reference it. */
export async function ${deleteFn(table)}(ctx: MutationCtx, id: Id<${T}>): Promise<void> {
${lines.join("\n")}
}`;
}

/**
 * `convex/lib/relations.ts`. Cascades do not check the dependants' owners: a user removing a row removes what
 * hangs off it. Cascades and detaches `collect()` every dependant in one transaction, so very large fan-outs
 * should be moved to a scheduled batch job.
 */
export function generateRelationsFile(model: SchemaModel, options: ResolvedOptions): string {
  const usesError = model.tables.some((t) => incomingRefs(model, t.name, options).some((r) => r.strategy === "refuse"));
  return `${usesError ? `import { ConvexError } from "convex/values";\n` : ""}import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
${model.tables.map((t) => `\n${deleteCode(model, t.name, options)}\n`).join("")}`;
}
