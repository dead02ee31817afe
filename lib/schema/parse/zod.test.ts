/**
 * Zod schemas through convex-helpers' zod helpers, read statically. Oracle: each schema is also executed (esbuild
 * bundle of the real zod 4 and convex-helpers), and so is our printed model; Convex's `schema.export()` of the two
 * must be equal. Test-only: it runs the schemas.
 */
import { build } from "esbuild";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parseSchema, printSchema, type SchemaModel } from "..";

const ROOT = path.resolve(__dirname, "../../..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "zod-oracle-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
/** Convex's export JSON of a schema source, executed with the installed packages. */
async function exported(source: string): Promise<unknown> {
  const entry = path.join(tmp, `schema-${++n}.ts`);
  writeFileSync(entry, source);
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "node",
    write: false,
    logLevel: "silent",
    nodePaths: [path.join(ROOT, "node_modules")],
  });
  const file = path.join(tmp, `schema-${n}.mjs`);
  writeFileSync(file, out.outputFiles[0].text);
  return JSON.parse((await import(pathToFileURL(file).href)).default.export());
}

function parse(source: string, zodMajor?: 3 | 4): SchemaModel {
  const r = parseSchema({ files: { "convex/schema.ts": source }, entry: "convex/schema.ts", zodMajor });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
  return r.schema;
}

const HEAD = `import { defineSchema, defineTable } from "convex/server";
import { z } from "zod";
import { zid, zodToConvex, zodToConvexFields, zodOutputToConvex, zodOutputToConvexFields } from "convex-helpers/server/zod4";
`;

const CASES: Record<string, string> = {
  "scalars, formats, literals, enums": `
enum Color { Red = "red", Blue = "blue" }
export default defineSchema({
  t: defineTable(zodToConvexFields({
    s: z.string().min(1).max(80).trim(), e: z.email(), u: z.string().url(), n: z.number().int().positive(), i: z.int(),
    b: z.boolean(), nul: z.null(), big: z.bigint(), i64: z.int64(), a: z.any(), unk: z.unknown(),
    lit: z.literal("x"), lits: z.literal(["a", 1, true]), en: z.enum(["low", "high"]), native: z.enum(Color),
    id: zid("t"), tpl: z.templateLiteral(["a-", z.string()]),
  })),
});`,
  "optional, nullable, nullish, default, transforms, pipes": `
export default defineSchema({
  t: defineTable(zodToConvexFields({
    o: z.string().optional(), n: z.number().nullable(), on: z.number().optional().nullable(), no: z.number().nullable().optional(),
    nh: z.string().nullish(), d: z.string().default("x"), od: z.number().optional().default(1),
    tr: z.string().transform((s) => s.length), p: z.string().pipe(z.string().min(1)), c: z.string().catch("x"),
    ro: z.object({ a: z.string() }).readonly(), br: z.string().brand("Slug"), ref: z.string().refine((s) => s !== ""),
    wrapped: z.optional(z.nullable(z.string())), nonopt: z.string().optional().nonoptional(),
  })),
  out: defineTable(zodOutputToConvexFields({ d: z.string().default("x"), tr: z.string().transform((s) => s.length), p: z.string().pipe(z.number()) })),
});`,
  "containers and object helpers": `
const base = z.object({ name: z.string(), age: z.number().optional(), tags: z.array(z.string()) });
const more = z.object({ owner: zid("users") });
export default defineSchema({
  users: defineTable(zodToConvex(base)),
  t: defineTable(zodToConvexFields({
    arr: z.string().array(), tuple: z.tuple([z.string(), z.number()]), rest: z.tuple([z.string()], z.boolean()),
    u: z.union([z.string(), z.number()]), du: z.discriminatedUnion("k", [z.object({ k: z.literal("a"), a: z.string() }), z.object({ k: z.literal("b") })]),
    or: z.string().or(z.null()), rec: z.record(z.string(), z.number()), recId: z.record(zid("users"), z.boolean()),
    recEnum: z.record(z.enum(["x", "y"]), z.number()), partial: z.partialRecord(z.enum(["x", "y"]), z.number()),
    ext: base.extend({ extra: z.boolean() }), merged: base.merge(more), picked: base.pick({ name: true }),
    omitted: base.omit({ tags: true }), part: base.partial(), partSome: base.partial({ name: true }), req: base.partial().required(),
    keys: base.keyof(), strict: z.strictObject({ a: z.string() }).strict(), and: z.object({ a: z.string() }).and(z.object({ b: z.string() })),
    never: z.never(), custom: z.custom<string>(), inter: z.intersection(z.string(), z.string()),
  })),
  shaped: defineTable({ ...zodToConvexFields(base.shape), at: zodToConvex(z.number()) }),
  out: defineTable(zodOutputToConvex(z.object({ a: z.string().default("") }))),
});`,
};

describe("zod schemas agree with convex-helpers' conversion (executed)", () => {
  for (const [name, body] of Object.entries(CASES)) {
    it(name, async () => {
      const source = HEAD + body;
      const model = parse(source, 4);
      expect(model.warnings).toEqual([]);
      expect(await exported(printSchema(model))).toEqual(await exported(source));
    });
  }

  it("a zid of the other zod major is v.any(), as the real conversion does", async () => {
    const source = `import { defineSchema, defineTable } from "convex/server";
import { z } from "zod";
import { z as z3 } from "zod/v3";
import { zid, zodToConvex } from "convex-helpers/server/zod";
import { zid as zid4 } from "convex-helpers/server/zod4";
export default defineSchema({
  mixed: defineTable(zodToConvex(z.object({ u: zid("users"), w: z.optional(zid("users")) }))),
  v3: defineTable(zodToConvex(z3.object({ u: zid("users"), d: z3.string().default("x"), n: z3.number().nullable().optional() }))),
  v4: defineTable(zodToConvex(z.object({ u: zid4("users") }))),
});`;
    const model = parse(source, 4);
    expect(model.warnings).toEqual([]);
    const kinds = Object.fromEntries(model.tables.map((t) => [t.name, t.fields.map((f) => f.validator.kind)]));
    expect(kinds).toEqual({ mixed: ["any", "any"], v3: ["id", "string", "union"], v4: ["id"] });
    expect(await exported(printSchema(model))).toEqual(await exported(source));
  });

  it("a Zod 4 schema inside a Zod 3 one, which convex-helpers rejects, is a warning", () => {
    const model = parse(`${HEAD}import { z as z3 } from "zod/v3";
export default defineSchema({ t: defineTable(zodToConvex(z3.object({ w: zid("users") }))) });`);
    expect(model.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining("a Zod 4 schema inside a Zod 3 one (convex-helpers throws)"),
    ]);
  });
});

describe('the installed zod\'s major decides how "zod" schemas nest', () => {
  const source = `import { defineSchema, defineTable } from "convex/server";
import { z } from "zod";
import { zid, zodToConvex } from "convex-helpers/server/zod";
export default defineSchema({ t: defineTable(zodToConvex(z.object({ u: zid("users") }))) });`;

  it("zod 3 with the Zod 3 zid of convex-helpers/server/zod: an id", () => {
    expect(parse(source, 3).tables[0].fields[0].validator).toEqual({ kind: "id", table: "users" });
  });

  it("zod 4 with it: v.any() (what convex-helpers gives); unknown major: taken to match", () => {
    expect(parse(source, 4).tables[0].fields[0].validator).toEqual({ kind: "any" });
    expect(parse(source).tables[0].fields[0].validator).toEqual({ kind: "id", table: "users" });
  });
});

describe("zod schemas the parser does not read", () => {
  it("what convex-helpers rejects is a warning naming why, not a guess", () => {
    const model = parse(
      `${HEAD}export default defineSchema({ t: defineTable(zodToConvexFields({ when: z.date(), list: z.array(z.string().optional()) })) });`,
    );
    expect(model.warnings.map((w) => `${w.code} ${w.path}: ${w.message}`)).toEqual([
      expect.stringMatching(/^SA\d+ t\.when: .*"z\.date\(\)" has no Convex equivalent/),
      expect.stringMatching(/^SA\d+ t\.list: .*arrays of optional values are not supported/),
    ]);
  });

  it("a zod schema given straight to defineTable (without zodToConvex) is an error, as in Convex", () => {
    const r = parseSchema({
      files: { "convex/schema.ts": `${HEAD}export default defineSchema({ t: defineTable({ a: z.string() }) });` },
      entry: "convex/schema.ts",
    });
    expect(r.ok ? [] : r.errors.map((e) => `${e.code} ${e.path}: ${e.message}`)).toEqual([
      'SA006 t.a: Expected a validator, got "z.string()".',
    ]);
  });
});
