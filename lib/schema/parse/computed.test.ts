/**
 * Values a schema computes from constants (template strings, arithmetic and comparisons) and `v.commitTs()`, read
 * statically and checked against Convex's own export of the same schema built with the real `convex` package.
 */
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { describe, expect, it } from "vitest";
import { parseSchema } from ".";
import { fromConvexExport, toConvexExport } from "../evaluated";
import { printSchema } from "../print";

const SOURCE = `
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

const SIZES = [128, 256] as const;
const name = (size: number) => \`vectors_\${size}\`;
function withExtra(size: number) {
  return size === 256 ? size : size + 1;
}
const vectorTables = Object.fromEntries(
  SIZES.map((size) => [
    name(size),
    defineTable({ vector: v.array(v.float64()), label: v.string() }).vectorIndex("by_vector", {
      vectorField: "vector",
      dimensions: withExtra(size),
      filterFields: [\`la\${"bel"}\`],
    }),
  ]),
);
const vectorId = v.union(...SIZES.map((size) => v.id(name(size))));

export default defineSchema({
  ...vectorTables,
  log: defineTable({ at: v.commitTs(), seen: v.optional(v.commitTs()), vector: vectorId, n: v.int64() })
    .index("by_at", ["at"])
    .index(\`by_\${2 * 3 - 5}_\${"x" + "y"}\`, ["n"]),
});
`;

function convexTruth(): unknown {
  const SIZES = [128, 256] as const;
  const name = (size: number) => `vectors_${size}`;
  const withExtra = (size: number) => (size === 256 ? size : size + 1);
  const vectorTables = Object.fromEntries(
    SIZES.map((size) => [
      name(size),
      defineTable({ vector: v.array(v.float64()), label: v.string() }).vectorIndex("by_vector", {
        vectorField: "vector",
        dimensions: withExtra(size),
        filterFields: ["label"],
      }),
    ]),
  );
  const vectorId = v.union(...SIZES.map((size) => v.id(name(size))));
  const schema = defineSchema({
    ...vectorTables,
    log: defineTable({ at: v.commitTs(), seen: v.optional(v.commitTs()), vector: vectorId, n: v.int64() })
      .index("by_at", ["at"])
      .index("by_1_xy", ["n"]),
  });
  // export() is internal to Convex (what `npx convex deploy` sends), hence the cast.
  const exported = JSON.parse((schema as unknown as { export(): string }).export()) as {
    tables: Record<string, unknown>[];
  };
  for (const t of exported.tables)
    for (const k of ["stagedDbIndexes", "stagedSearchIndexes", "stagedVectorIndexes"]) t[k] ??= [];
  return exported;
}

describe("constants computed in the schema's code", () => {
  const parsed = parseSchema({ files: { "convex/schema.ts": SOURCE }, entry: "convex/schema.ts" });

  it("reads template strings, arithmetic, comparisons and v.commitTs() exactly as Convex exports them", () => {
    if (!parsed.ok) throw new Error(parsed.errors[0].message);
    expect(parsed.schema.warnings).toEqual([]);
    expect(toConvexExport(parsed.schema)).toEqual(convexTruth());
  });

  it("keeps v.commitTs() through Convex's JSON and the printer", () => {
    if (!parsed.ok) throw new Error(parsed.errors[0].message);
    const log = parsed.schema.tables.find((t) => t.name === "log")!;
    expect(log.fields.find((f) => f.name === "at")?.validator).toEqual({ kind: "int64", commitTs: true });
    expect(log.fields.find((f) => f.name === "n")?.validator).toEqual({ kind: "int64" });
    const roundTrip = fromConvexExport(toConvexExport(parsed.schema));
    expect(roundTrip.tables.find((t) => t.name === "log")?.fields[0].validator).toEqual({
      kind: "int64",
      commitTs: true,
    });
    const printed = printSchema(parsed.schema);
    expect(printed).toContain("at: v.commitTs()");
    expect(printed).toContain("seen: v.optional(v.commitTs())");
  });

  it("still reports a template string whose part is not a constant", () => {
    const r = parseSchema({
      files: {
        "convex/schema.ts": `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({ t: defineTable({ a: v.id(\`x_\${process.env.SUFFIX}\`) }) });
`,
      },
      entry: "convex/schema.ts",
    });
    expect(r.ok && r.schema.warnings.map((w) => w.code)).toEqual(["SA101"]);
  });
});
