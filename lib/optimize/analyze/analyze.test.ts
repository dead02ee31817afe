/** The static analysis on small inline projects: what it follows, and what it reports as not analysed. */
import { describe, expect, it } from "vitest";
import { parseSchemaSource } from "../../schema";
import { checkOptimizations } from "../findings";
import { formatAccess } from "../format";
import { analyzeProject } from "./index";

const HEADER = `import { v } from "convex/values";\nimport { query, mutation, action, internalQuery, httpAction } from "./_generated/server";\n`;

const SCHEMA = parseSchemaSource(`import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({
  users: defineTable({ name: v.string(), teamId: v.id("teams") }).index("by_team", ["teamId"]),
  teams: defineTable({ name: v.string() }),
  notes: defineTable({ ownerId: v.id("users"), text: v.string(), embedding: v.array(v.float64()) })
    .index("by_owner", ["ownerId"])
    .vectorIndex("by_embedding", { vectorField: "embedding", dimensions: 2, filterFields: [] }),
});`);
if (!SCHEMA.ok) throw new Error(SCHEMA.errors[0].message);
const schema = SCHEMA.schema;

function analyse(files: Record<string, string>) {
  return analyzeProject({ files }, { schema });
}

function lines(files: Record<string, string>): string[] {
  return analyse(files).accesses.map(formatAccess);
}

describe("analyzeProject", () => {
  it("finds functions of every kind, with Convex paths, including default and renamed exports", () => {
    const a = analyse({
      "convex/admin/users.ts": `${HEADER}
export const list = query({ args: {}, handler: async (ctx) => ctx.db.query("users").take(5) });
const hidden = internalQuery({ handler: async (ctx) => null });
export { hidden as secret };
export default mutation(async (ctx) => { await ctx.db.insert("teams", { name: "x" }); });
export const hook = httpAction(async () => new Response("ok"));
export const notAFunction = 3;`,
    });
    expect(a.functions.map((f) => `${f.name} ${f.kind}`).sort()).toEqual([
      "admin/users:default mutation",
      "admin/users:hook httpAction",
      "admin/users:list query",
      "admin/users:secret internalQuery",
    ]);
    expect(a.complete).toBe(true);
  });

  it("knows the table of an id from the args validator and from document fields in the schema", () => {
    const out = lines({
      "convex/users.ts": `${HEADER}
export const team = query({
  args: { userId: v.id("users"), maybe: v.optional(v.id("teams")) },
  handler: async (ctx, args) => {
    const user = await ctx.db.get(args.userId);
    const team = user ? await ctx.db.get(user.teamId) : null;
    if (args.maybe) await ctx.db.get(args.maybe);
    await ctx.db.get("teams", args.maybe!);
    return team;
  },
});`,
    });
    expect(out.map((l) => l.split(" ").slice(3).join(" "))).toEqual([
      "get users",
      "get teams",
      "get teams",
      "get teams",
    ]);
  });

  it("reports what it cannot follow with a location instead of guessing", () => {
    const a = analyse({
      "convex/x.ts": `${HEADER}
import { helper } from "some-package";
export const f = query({
  args: { table: v.string(), id: v.string(), index: v.string() },
  handler: async (ctx, { table, id, index }) => {
    await ctx.db.query(table as any).collect();
    await ctx.db.get(id as any);
    await ctx.db.query("users").withIndex(index as any).first();
    await helper(ctx);
    const unused = ctx.db.query("notes");
  },
});`,
    });
    // The scan of a computed table is still seen (it uses no index); nothing else is guessed.
    expect(a.accesses.map((x) => [x.table, x.computedTable, x.terminal?.kind])).toEqual([
      ["", { text: "table" }, "collect"],
    ]);
    expect(a.notAnalysed.map((n) => `${n.loc.line}:${n.loc.column} ${n.affectsIndexes} ${n.reason}`)).toEqual([
      "8:11 false The table name of this query is computed at run time (`table`).",
      "9:11 false The table of this id is not known statically.",
      '10:11 true The index name used on "users" is computed at run time.',
      '11:11 true The function context (ctx) is passed to "helper", which could not be followed.',
      '12:20 true A query on "notes" is built but how it is run could not be followed.',
    ]);
    // Unseen index use holds back what it could use: every index of "users" (its index name is computed), and on
    // other tables only the names the project's code could form; "by_owner" and "by_embedding" appear nowhere
    // outside the schema, so the package given ctx cannot name them.
    expect(checkOptimizations({ schema, analysis: a }).flatMap((f) => (f.code === "OPT105" ? [f.path] : []))).toEqual([
      "notes.by_owner",
      "notes.by_embedding",
    ]);
  });

  it("follows builders through variables, branches, helpers in other files and returned builders", () => {
    const out = lines({
      "convex/lib/q.ts": `import type { QueryCtx } from "../_generated/server";
export function notesOf(ctx: QueryCtx, ownerId: any) {
  return ctx.db.query("notes").withIndex("by_owner", (q) => q.eq("ownerId", ownerId));
}
export async function teamOf({ db }: QueryCtx, teamId: any) {
  return await db.get(teamId);
}`,
      "convex/notes.ts": `${HEADER}
import { notesOf, teamOf } from "./lib/q";
export const mine = query({
  args: { ownerId: v.id("users"), text: v.optional(v.string()), teamId: v.id("teams") },
  handler: async (ctx, { ownerId, text, teamId }) => {
    let q = notesOf(ctx, ownerId).order("desc");
    if (text) q = q.filter((f) => f.eq(f.field("text"), text));
    const page = await q.paginate({ cursor: null, numItems: 10 });
    await teamOf(ctx, teamId);
    return page;
  },
});`,
    });
    expect(out).toEqual([
      // Both paths (with and without the text filter) are one query at that place, its filter marked conditional.
      "notes:mine (query) convex/lib/q.ts:3:10 query notes index by_owner[eq(ownerId)] filter[text] order desc paginate",
      "notes:mine (query) convex/lib/q.ts:6:16 get teams via convex/lib/q.ts:teamOf",
    ]);
  });

  it("runs custom builder customizations, callbacks over arrays of ids, and registered functions called directly", () => {
    const out = lines({
      "convex/lib/fns.ts": `import { customQuery, customCtx } from "convex-helpers/server/customFunctions";
import { query } from "../_generated/server";
export const teamQuery = customQuery(query, customCtx(async (ctx) => ({ team: await ctx.db.query("teams").first() })));`,
      "convex/teams.ts": `${HEADER}
import { teamQuery } from "./lib/fns";
export const inner = internalQuery({ args: { teamId: v.id("teams") }, handler: async (ctx, { teamId }) => ctx.db.get(teamId) });
export const members = teamQuery({
  args: { ids: v.array(v.id("users")), teamId: v.id("teams") },
  handler: async (ctx, { ids, teamId }) => {
    await inner(ctx, { teamId });
    return await Promise.all(ids.map((id) => ctx.db.get(id)));
  },
});`,
    });
    expect(out).toEqual([
      "teams:inner (internalQuery) convex/teams.ts:5:107 get teams",
      "teams:members (query) convex/lib/fns.ts:3:85 query teams first",
      "teams:members (query) convex/teams.ts:5:107 get teams via convex/teams.ts:inner",
      "teams:members (query) convex/teams.ts:10:46 get users",
    ]);
  });

  it("records vector searches, take(n), for await iteration and writes", () => {
    const out = lines({
      "convex/n.ts": `${HEADER}
export const similar = action({ args: {}, handler: async (ctx) => ctx.vectorSearch("notes", "by_embedding", { vector: [1, 2], limit: 5 }) });
export const clean = mutation({
  args: { n: v.number() },
  handler: async (ctx, { n }) => {
    for await (const note of ctx.db.query("notes")) await ctx.db.delete(note._id);
    const few = await ctx.db.query("users").take(n);
    for (const u of few) await ctx.db.patch(u._id, { name: "x" });
    await ctx.db.query("teams").take(3);
  },
});`,
    });
    expect(out.map((l) => l.replace(/ convex\/n\.ts:\d+:\d+/, ""))).toEqual([
      "n:similar (action) vectorSearch notes index by_embedding[]",
      "n:clean (mutation) query notes iterate",
      "n:clean (mutation) delete notes",
      "n:clean (mutation) query users take(dynamic)",
      "n:clean (mutation) patch users",
      "n:clean (mutation) query teams take(3)",
    ]);
  });

  it("stops at recursion and reports files that do not parse", () => {
    const a = analyse({
      "convex/r.ts": `${HEADER}
async function walk(ctx: any, id: any): Promise<void> { const u = await ctx.db.get(id); if (u) await walk(ctx, u.teamId); }
export const f = query({ args: { id: v.id("users") }, handler: async (ctx, { id }) => walk(ctx, id) });`,
      "convex/broken.ts": "export const = ;",
    });
    expect(a.accesses.map((x) => `${x.operation} ${x.table}`)).toEqual(["get users", "get teams"]);
    expect(a.errors.map((e) => `${e.code} ${e.loc?.file}:${e.loc?.line}`)).toEqual(["OPT001 convex/broken.ts:1"]);
    expect(a.complete).toBe(false);
  });

  it("reads convex-helpers relationship helpers and ctx fields added by custom builders", () => {
    const out = lines({
      "convex/lib/fns.ts": `import { customQuery } from "convex-helpers/server/customFunctions";
import { v } from "convex/values";
import { query } from "../_generated/server";
export const userQuery = customQuery(query, {
  args: { userId: v.id("users") },
  input: async (ctx, { userId }) => ({ ctx: { me: await ctx.db.get(userId) }, args: {} }),
});`,
      "convex/rel.ts": `${HEADER}
import { getAll, getManyFrom, getOneFrom } from "convex-helpers/server/relationships";
import { userQuery } from "./lib/fns";
export const mine = userQuery({
  args: { ids: v.array(v.id("notes")) },
  handler: async (ctx, { ids }) => {
    await getAll(ctx.db, ids);
    await getOneFrom(ctx.db, "users", "by_team", ctx.me!.teamId, "teamId");
    await getManyFrom(ctx.db, "notes", "by_owner", ctx.me!._id, "ownerId");
    return await ctx.db.get(ctx.me!.teamId);
  },
});`,
    });
    expect(out.map((l) => l.replace(/ convex\/[\w/]+\.ts:\d+:\d+/, ""))).toEqual([
      "rel:mine (query) get users",
      "rel:mine (query) get notes",
      "rel:mine (query) query users index by_team[eq(teamId)] unique",
      "rel:mine (query) query notes index by_owner[eq(ownerId)] collect",
      "rel:mine (query) get teams",
    ]);
  });
});

describe("classes and library objects", () => {
  const repo = `export class Notes {
  static async mine(ctx: any, ownerId: any) {
    return await this.byOwner(ctx, ownerId);
  }
  static byOwner(ctx: any, ownerId: any) {
    return ctx.db.query("notes").withIndex("by_owner", (q: any) => q.eq("ownerId", ownerId)).take(10);
  }
  constructor(readonly ctx: any) {}
  list() {
    return this.ctx.db.query("notes").collect();
  }
}`;

  it("follows static methods through `this`, and reports a detached call and an instance as not analysed", () => {
    const a = analyse({
      "convex/model.ts": repo,
      "convex/notes.ts": `${HEADER}
import { Notes } from "./model";
export const mine = query({ args: { id: v.id("users") }, handler: async (ctx, { id }) => Notes.mine(ctx, id) });
export const detached = query({ args: { id: v.id("users") }, handler: async (ctx, { id }) => {
  const f = Notes.mine;
  return await f(ctx, id);
} });
export const instance = query({ args: {}, handler: async (ctx) => new Notes(ctx).list() });`,
    });
    expect(
      a.accesses.map(formatAccess).map((l) => l.replace(/ convex\/[\w/]+\.ts:\d+:\d+/, "").replace(/ via .*/, "")),
    ).toEqual(["notes:mine (query) query notes index by_owner[eq(ownerId)] take(10)"]);
    expect(a.notAnalysed.map((n) => `${n.function} ${n.reason}`)).toEqual([
      `notes:detached The function context (ctx) is passed to "this.byOwner", which could not be followed.`,
      `notes:instance The function context (ctx) is passed to "Notes", which could not be followed.`,
    ]);
  });

  it("knows convexAuth()'s auth.getUserId through a namespace import and nested destructuring", () => {
    const a = analyse({
      "convex/auth.ts": `import { convexAuth } from "@convex-dev/auth/server";
export const { auth: { getUserId }, auth } = convexAuth({ providers: [] });`,
      "convex/notes.ts": `${HEADER}
import * as A from "./auth";
import { getUserId } from "./auth";
export const mine = query({ args: {}, handler: async (ctx) => {
  const a = await A.auth.getUserId(ctx);
  const b = await getUserId(ctx);
  await ctx.db.get(a!);
  return await ctx.db.get(b!);
} });`,
    });
    expect(a.notAnalysed).toEqual([]);
    expect(a.accesses.map((x) => `${x.operation} ${x.table}`)).toEqual(["get users", "get users"]);
  });
});

describe("imports and destructuring", () => {
  it("resolves tsconfig path aliases, and destructures Promise.all of an array literal element by element", () => {
    const files = {
      "convex/lib/users.ts": `export async function teamOf(ctx: any, id: any) { return ctx.db.get(id); }`,
      "convex/users.ts": `${HEADER}
import { teamOf } from "@cvx/lib/users";
export const both = query({ args: { id: v.id("users"), note: v.id("notes") }, handler: async (ctx, args) => {
  const [user, , note] = await Promise.all([ctx.db.get(args.id), Promise.resolve(1), ctx.db.get(args.note)]);
  await ctx.db.get(user!.teamId);
  await ctx.db.get(note!.ownerId);
  return await teamOf(ctx, user!.teamId);
} });`,
    };
    const ops = (a: ReturnType<typeof analyzeProject>) => a.accesses.map((x) => `${x.operation} ${x.table}`);
    const aliased = analyzeProject({ files, aliases: [{ pattern: "@cvx/*", targets: ["convex/*"] }] }, { schema });
    expect(aliased.notAnalysed).toEqual([]);
    expect(ops(aliased)).toEqual(["get users", "get notes", "get teams", "get users", "get teams"]);
    // Without the alias the helper is unknown code that receives ctx: reported, not guessed.
    const plain = analyzeProject({ files }, { schema });
    expect(plain.notAnalysed.map((n) => n.reason)).toEqual([
      `The function context (ctx) is passed to "teamOf", which could not be followed.`,
    ]);
  });
});

describe("better-convex cRPC procedures", () => {
  it("reads the ctx a `context({ query })` config gives (convex-ents' table here) and .internal() kinds", () => {
    const a = analyse({
      "convex/lib/crpc.ts": `import { initCRPC } from "better-convex/server";
import { entsTableFactory } from "convex-ents";
const c = initCRPC
  .dataModel()
  .context({ query: (ctx) => ({ ...ctx, table: entsTableFactory(ctx, {}) }), mutation: (ctx) => ({ ...ctx }) })
  .create();
export const publicQuery = c.query;
export const privateQuery = c.query.internal();`,
      "convex/users.ts": `import { publicQuery, privateQuery } from "./lib/crpc";
export const list = publicQuery.query(async ({ ctx }) => ctx.table("users").take(5));
export const team = privateQuery.query(async ({ ctx }) => ctx.db.query("users").withIndex("by_team", (q) => q.eq("teamId", "x" as never)).take(5));
// Not a cRPC builder: a method named query on something else is no function.
const other = { query: (fn: unknown) => fn };
export const notOne = other.query(async () => null);`,
    });
    expect(a.functions.map((f) => `${f.name} ${f.kind}`)).toEqual(["users:list query", "users:team internalQuery"]);
    expect(a.accesses.map(formatAccess)).toEqual([
      expect.stringMatching(/^users:list \(query\) convex\/users.ts:2:\d+ query users .*take\(5\)/),
      expect.stringMatching(/^users:team \(internalQuery\) .* index by_team\[eq\(teamId\)\] take\(5\)/),
    ]);
    expect(a.notAnalysed).toEqual([]);
  });

  it("reads an args validator object declared as a constant, also imported, so its ids keep their tables", () => {
    const a = analyse({
      "convex/notes/validators.ts": `import { v } from "convex/values";
export const updateNoteArgs = { noteId: v.id("notes"), text: v.string() };`,
      "convex/notes/mutations.ts": `${HEADER}
import { updateNoteArgs } from "./validators";
const removeArgs = { noteId: v.id("notes") };
export const update = mutation({
  args: updateNoteArgs,
  handler: async (ctx, args) => {
    const note = await ctx.db.get(args.noteId);
    if (note) await ctx.db.patch(args.noteId, { text: args.text });
  },
});
export const remove = mutation({ args: removeArgs, handler: async (ctx, { noteId }) => ctx.db.delete(noteId) });`,
    });
    expect(a.accesses.map((x) => `${x.function} ${x.operation} ${x.table}`)).toEqual([
      "notes/mutations:update get notes",
      "notes/mutations:update patch notes",
      "notes/mutations:remove delete notes",
    ]);
    expect(a.notAnalysed).toEqual([]);
  });

  it("says so when a project with a schema yields no function though files export registered-looking ones", () => {
    const a = analyse({
      "convex/lib/builders.ts": `export const make = (x: unknown) => x;`,
      "convex/notes.ts": `import { make } from "./lib/builders";
const built = make(null) as any;
export const list = built.query({ args: {}, handler: async (ctx: any) => ctx.db.query("notes").collect() });
export const other = built.mutation({ args: {}, handler: async () => null });
export const notAFunction = 3;`,
    });
    expect(a.functions).toEqual([]);
    expect(a.notAnalysed.map((n) => `${n.loc.file}:${n.loc.line} ${n.affectsIndexes} ${n.reason}`)).toEqual([
      'convex/notes.ts:3 true No Convex function was recognised in the project, though "list" (`built.query(…)`) and 1 more look registered: their builder is not known to the analysis.',
    ]);
    // With one function recognised, the unrecognised exports are not listed this way.
    const b = analyse({
      "convex/notes.ts": `${HEADER}export const list = query({ args: {}, handler: async () => null });`,
    });
    expect(b.notAnalysed).toEqual([]);
  });
});
