import { describe, expect, it } from "vitest";
import { analyzeProject } from "../optimize";
import { parseSchemaSource } from "../schema/parse";
import type { SchemaModel } from "../schema/model";
import { formatImpact, planImpact } from "./impact";
import { planWithRenames } from "./plan";

function model(src: string): SchemaModel {
  const r = parseSchemaSource(
    `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({${src}});`,
    "convex/schema.ts",
  );
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
  return r.schema;
}

const FROM = model(`
  tasks: defineTable({ title: v.string(), status: v.string(), ownerId: v.string() }).index("by_owner", ["ownerId"]),
  notes: defineTable({ body: v.string() }),`);
const TO = model(`
  tasks: defineTable({ title: v.string(), state: v.string(), ownerId: v.string(), priority: v.number() }).index("by_owner", ["ownerId"]),`);

const FILES = {
  "convex/tasks.ts": `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
export const mine = query({
  args: { ownerId: v.string() },
  handler: async (ctx, { ownerId }) => ctx.db.query("tasks").withIndex("by_owner", (q) => q.eq("ownerId", ownerId)).filter((q) => q.eq(q.field("status"), "open")).take(10),
});
export const add = mutation({
  args: { title: v.string() },
  handler: async (ctx, { title }) => ctx.db.insert("tasks", { title, status: "open", ownerId: "x" }),
});
export const rename = mutation({
  args: { id: v.id("tasks"), title: v.string() },
  handler: async (ctx, { id, title }) => ctx.db.patch(id, { title }),
});
export const allNotes = query({ args: {}, handler: async (ctx) => ctx.db.query("notes").take(5) });
`,
};

describe("impact of a change", () => {
  const analysis = analyzeProject({ files: FILES }, { schema: FROM });
  const plan = planWithRenames(
    FROM,
    TO,
    { fields: [{ table: "tasks", from: "status", to: "state" }] },
    { defaults: { "tasks.priority": 1 } },
  );
  const impact = planImpact(plan.changes, analysis.accesses, FROM);
  const of = (path: string) =>
    impact
      .filter((i) => i.path === path)
      .flatMap((i) => i.uses.map((u) => `${u.function} ${u.how} ${u.loc.file}:${u.loc.line}`));

  it("names the functions that filter, index or write what changes, with file:line", () => {
    expect(of("tasks.state")).toEqual(["tasks:mine filters convex/tasks.ts:5", "tasks:add writes convex/tasks.ts:9"]);
    // tasks:rename patches { title } only: renaming status away does not break it.
    // A new required field: inserts must write it; a patch keeps what documents have.
    expect(of("tasks.priority")).toEqual(["tasks:add writes convex/tasks.ts:9"]);
    expect(of("notes")).toEqual(["tasks:allNotes reads convex/tasks.ts:15"]);
    // The index keeps its fields: no impact.
    expect(of("tasks.by_owner")).toEqual([]);
  });

  it("prints one block per touched change", () => {
    expect(formatImpact(impact)).toContain("    tasks:mine filters at convex/tasks.ts:5:");
  });
});

describe("impact on writes follows the fields a write sets", () => {
  const from = model(`
    tasks: defineTable({ title: v.string(), status: v.string(), note: v.optional(v.string()) }),
    logs: defineTable({ text: v.string() }),`);
  const files = {
    "convex/w.ts": `import { v } from "convex/values";
import { mutation } from "./_generated/server";
export const a = mutation({ args: {}, handler: async (ctx) => { await ctx.db.insert("tasks", { title: "t", status: "s" }); } });
export const b = mutation({ args: { x: v.any() }, handler: async (ctx, args) => { await ctx.db.insert("tasks", { ...args.x }); } });
export const c = mutation({ args: { id: v.id("tasks") }, handler: async (ctx, { id }) => { await ctx.db.patch(id, { note: "n" }); } });
export const d = mutation({ args: { id: v.id("tasks") }, handler: async (ctx, { id }) => { await ctx.db.get(id); await ctx.db.delete(id); } });
`,
  };
  const analysis = analyzeProject({ files }, { schema: from });
  const tasks = from.tables.find((t) => t.name === "tasks")!;
  const f = (name: string) => tasks.fields.find((x) => x.name === name)!;
  const fns = (c: Parameters<typeof planImpact>[0][number]) =>
    planImpact([c], analysis.accesses, from)[0].uses.map((u) => `${u.function} ${u.how}`);

  it("records the keys of an object literal, and nothing when they are not all known", () => {
    const writes = analysis.accesses.filter((a) => a.mode === "write" && a.operation !== "delete");
    expect(writes.map((a) => [a.function, a.writeFields])).toEqual([
      ["w:a", ["title", "status"]],
      ["w:b", undefined],
      ["w:c", ["note"]],
    ]);
  });

  it("a dropped field breaks the writes that set it (or may); a required field the inserts that leave it out", () => {
    expect(fns({ kind: "dropField", table: "tasks", field: f("status") })).toEqual(["w:a writes", "w:b writes"]);
    expect(fns({ kind: "dropField", table: "tasks", field: f("note") })).toEqual(["w:b writes", "w:c writes"]);
    expect(fns({ kind: "makeRequired", table: "tasks", field: "note", validator: f("note").validator })).toEqual([
      "w:a writes",
      "w:b writes",
    ]);
    // An optional new field breaks no writer.
    expect(fns({ kind: "addField", table: "tasks", field: { ...f("note"), name: "extra" } })).toEqual([]);
  });

  it("a table rename breaks the calls that name the table, not those by id; a drop breaks every one", () => {
    expect(fns({ kind: "renameTable", from: "tasks", to: "jobs", confidence: 1 })).toEqual([
      "w:a writes",
      "w:b writes",
    ]);
    expect(fns({ kind: "dropTable", table: "tasks", def: tasks })).toEqual([
      "w:a writes",
      "w:b writes",
      "w:c writes",
      "w:d reads",
      "w:d writes",
    ]);
  });
});
