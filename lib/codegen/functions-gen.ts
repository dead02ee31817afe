/**
 * `convex/<table>.ts`: public `get`, `list`, `listBy<Parent>`, `create`, `update`, `remove` with `args` and
 * `returns` validators, auth through `ctx.auth.getUserIdentity()`, row ownership when the table has an owner
 * field, and `internalCreate` / `internalUpdate` / `internalRemove` for trusted callers.
 */
import type { SchemaModel, Table } from "../schema/model";
import { propertyKey } from "../schema/model";
import type { Owner, ParentRef } from "./analysis";
import { findOwner, listByName, parentRefs, tableShape } from "./analysis";
import { deleteFn, requireUserFn, usersTables } from "./access-gen";
import type { ResolvedOptions } from "./options";
import { member, tableModule, toConvexRoot } from "./options";

/** A parent reference and the name of its `listBy…` function (absent when no index serves it). */
export interface ListBy {
  ref: ParentRef;
  name?: string;
}

/** The `listBy…` functions a table gets, in field order; the owner field is served by `list` itself. */
export function listBys(model: SchemaModel, table: Table): ListBy[] {
  const owner = findOwner(model, table);
  const taken = new Set<string>();
  return parentRefs(model, table)
    .filter((r) => r.field !== owner?.field)
    .map((ref) => ({ ref, name: ref.index ? listByName(ref, taken) : undefined }));
}

interface Ctx {
  t: string;
  T: string;
  owner?: Owner;
  /** The table holds the users others point at: callers change or remove only their own row. */
  self: boolean;
  shape: "object" | "union" | "any";
}

/** Code that binds `userId` (owner tables) or just checks the caller is signed in. */
function authLine(c: Ctx): string {
  return c.owner
    ? `    const userId = await ${requireUserFn(c.owner.usersTable)}(ctx);`
    : `    await requireIdentity(ctx);`;
}

function ownerCheck(c: Ctx, doc: string): string {
  return c.owner ? `\n    assertOwner(${member(doc, c.owner.field)}, userId, ${c.T});` : "";
}

/** Loads the document or throws NOT_FOUND, then checks ownership. */
function loadOrThrow(c: Ctx): string {
  const self = c.self
    ? `    if (args.id !== (await ${requireUserFn(c.t)}(ctx))) {
      throw new ConvexError({ code: "FORBIDDEN", message: ${JSON.stringify(`You can only change your own "${c.t}" document.`)} });
    }\n`
    : "";
  return `${self}    const existing = await ctx.db.get(${c.T}, args.id);
    if (existing === null) throw new ConvexError({ code: "NOT_FOUND", message: ${JSON.stringify(`No "${c.t}" document with this id.`)} });${ownerCheck(c, "existing")}`;
}

function getFn(c: Ctx): string {
  return `/** One "${c.t}" document by id, or null when it does not exist. */
export const get = query({
  args: { id: v.id(${c.T}) },
  returns: v.union(${c.t}Doc, v.null()),
  handler: async (ctx, args) => {
${authLine(c)}
    const doc = await ctx.db.get(${c.T}, args.id);
    if (doc === null) return null;${ownerCheck(c, "doc")}
    return doc;
  },
});`;
}

function listFn(c: Ctx, table: Table): string {
  let source = `ctx.db.query(${c.T})`;
  let note = "";
  if (c.owner) {
    const idx = table.indexes.find((i) => !i.staged && i.fields[0] === c.owner!.field);
    const F = JSON.stringify(c.owner.field);
    source = idx
      ? `ctx.db.query(${c.T}).withIndex(${JSON.stringify(idx.name)}, (q) => q.eq(${F}, userId))`
      : `ctx.db.query(${c.T}).filter((q) => q.eq(q.field(${F}), userId))`;
    if (!idx)
      note = `\n// Note: no index starts with "${c.owner.field}", so this scans the table; add .index("by_${c.owner.field}", ["${c.owner.field}"]).`;
  }
  const whose = c.owner ? "the signed-in user's " : "";
  return `/** A page of ${whose}"${c.t}" documents, newest first (cursor pagination).${c.owner ? "" : ""} */${note}
export const list = query({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(${c.t}Doc),
  handler: async (ctx, args) => {
${authLine(c)}
    return await ${source}.order("desc").paginate(args.paginationOpts);
  },
});`;
}

function listByFn(c: Ctx, lb: ListBy, table: Table): string {
  const r = lb.ref;
  if (!lb.name || !r.index) {
    return `// No listBy function for "${r.field}": no index starts with it. Add .index("by_${r.field}", ["${r.field}"]) to convex/schema.ts and regenerate.`;
  }
  const F = JSON.stringify(r.field);
  // An index on the reference then the owner reads only the caller's documents; otherwise the owner is filtered.
  const both = c.owner
    ? table.indexes.find((i) => !i.staged && i.fields[0] === r.field && i.fields[1] === c.owner?.field)
    : undefined;
  const index = both ?? r.index;
  const ownerEq = both && c.owner ? `.eq(${JSON.stringify(c.owner.field)}, userId)` : "";
  const own = c.owner && !both ? `.filter((q) => q.eq(q.field(${JSON.stringify(c.owner.field)}), userId))` : "";
  return `/** A page of "${c.t}" documents whose "${r.field}" is the given "${r.parent}" id (index "${index.name}"). */
export const ${lb.name} = query({
  args: { ${propertyKey(r.field)}: v.id(${JSON.stringify(r.parent)}), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(${c.t}Doc),
  handler: async (ctx, args) => {
${authLine(c)}
    return await ctx.db
      .query(${c.T})
      .withIndex(${JSON.stringify(index.name)}, (q) => q.eq(${F}, ${member("args", r.field)})${ownerEq})${own ? `\n      ${own}` : ""}
      .order("desc")
      .paginate(args.paginationOpts);
  },
});`;
}

function createFn(c: Ctx, internal: boolean): string {
  const name = internal ? "internalCreate" : "create";
  const builder = internal ? "internalMutation" : "mutation";
  const value = c.shape === "object" ? "args" : "args.value";
  const args =
    c.shape === "object"
      ? internal
        ? `${c.t}Fields`
        : `${c.t}CreateFields`
      : `{ value: ${internal ? `${c.t}Document` : `${c.t}Create`} }`;
  const withOwner = !internal && c.owner ? `{ ...${value}, ${propertyKey(c.owner.field)}: userId }` : value;
  const auth = internal ? "" : `${authLine(c)}\n`;
  const doc = internal
    ? `Creates a "${c.t}" document for a trusted caller (no auth check).`
    : `Creates a "${c.t}" document${c.owner ? ` owned by the signed-in user` : ""}.`;
  return `/** ${doc} */
export const ${name} = ${builder}({
  args: ${args},
  returns: v.id(${c.T}),
  handler: async (ctx, args) => {
${auth}    return await ctx.db.insert(${c.T}, ${withOwner});
  },
});`;
}

function updateFn(c: Ctx, internal: boolean): string {
  const name = internal ? "internalUpdate" : "update";
  const builder = internal ? "internalMutation" : "mutation";
  const head = internal ? "" : `${authLine(c)}\n`;
  const load = internal
    ? `    const existing = await ctx.db.get(${c.T}, args.id);
    if (existing === null) throw new ConvexError({ code: "NOT_FOUND", message: ${JSON.stringify(`No "${c.t}" document with this id.`)} });`
    : loadOrThrow(c);
  if (c.shape === "object") {
    return `/** Changes the given fields of a "${c.t}" document${internal ? " (trusted caller, no auth check)" : ""}; fields left out keep their value. */
export const ${name} = ${builder}({
  args: { id: v.id(${c.T}), patch: ${internal ? `${c.t}InternalPatch` : `${c.t}Patch`} },
  returns: v.null(),
  handler: async (ctx, args) => {
${head}${load}
    await ctx.db.patch(${c.T}, args.id, args.patch);
    return null;
  },
});`;
  }
  const keepOwner =
    !internal && c.owner
      ? `{ ...args.value, ${propertyKey(c.owner.field)}: ${member("existing", c.owner.field)} }`
      : "args.value";
  return `/** Replaces a "${c.t}" document${internal ? " (trusted caller, no auth check)" : ""}. */
export const ${name} = ${builder}({
  args: { id: v.id(${c.T}), value: ${internal || c.shape === "any" ? `${c.t}Document` : `${c.t}Create`} },
  returns: v.null(),
  handler: async (ctx, args) => {
${head}${load}
    await ctx.db.replace(${c.T}, args.id, ${keepOwner});
    return null;
  },
});`;
}

function removeFn(c: Ctx, internal: boolean): string {
  const name = internal ? "internalRemove" : "remove";
  const builder = internal ? "internalMutation" : "mutation";
  const head = internal ? "" : `${authLine(c)}\n${loadOrThrow(c)}\n`;
  const check = internal ? `    if ((await ctx.db.get(${c.T}, args.id)) === null) return null;\n` : "";
  return `/** Removes a "${c.t}" document${internal ? " (trusted caller, no auth check)" : ""}; see convex/lib/relations.ts for its dependants. */
export const ${name} = ${builder}({
  args: { id: v.id(${c.T}) },
  returns: v.null(),
  handler: async (ctx, args) => {
${head}${check}    await ${deleteFn(c.t)}(ctx, args.id);
    return null;
  },
});`;
}

/** The function module of one table. */
export function generateFunctionsFile(model: SchemaModel, table: Table, options: ResolvedOptions): string {
  const shape = tableShape(table);
  const owner = findOwner(model, table);
  const c: Ctx = {
    t: table.name,
    T: JSON.stringify(table.name),
    owner,
    self: !owner && usersTables(model).includes(table.name),
    shape,
  };
  const root = toConvexRoot(tableModule(table.name, options));
  const lbs = listBys(model, table);
  const imports =
    shape === "object"
      ? [`${c.t}CreateFields`, `${c.t}Doc`, `${c.t}Fields`, `${c.t}InternalPatch`, `${c.t}Patch`]
      : [`${c.t}Create`, `${c.t}Doc`, `${c.t}Document`];
  const access = c.owner
    ? `assertOwner, ${requireUserFn(c.owner.usersTable)}`
    : c.self
      ? `requireIdentity, ${requireUserFn(c.t)}`
      : "requireIdentity";
  const selfNote = c.self
    ? `// "${c.t}" holds the users other tables point at: anyone signed in may read it; update and remove only the caller's own row.\n`
    : "";
  const todo =
    shape === "any"
      ? `// TODO(schema-assistant): "${c.t}" is \`defineTable(v.any())\`: create and update accept any value. Declare its fields\n// in convex/schema.ts and regenerate to get real argument validation.\n`
      : "";
  const parts = [
    getFn(c),
    listFn(c, table),
    ...lbs.map((lb) => listByFn(c, lb, table)),
    createFn(c, false),
    updateFn(c, false),
    removeFn(c, false),
    createFn(c, true),
    updateFn(c, true),
    removeFn(c, true),
  ];
  return `${todo}${selfNote}import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { ConvexError, v } from "convex/values";
import { internalMutation, mutation, query } from "${root}_generated/server";
import { ${access} } from "${root}lib/access";
import { ${deleteFn(c.t)} } from "${root}lib/relations";
import { ${imports.join(", ")} } from "${root}validators/${c.t}";

${parts.join("\n\n")}
`;
}
