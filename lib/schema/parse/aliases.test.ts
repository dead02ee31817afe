/** Imports through tsconfig path aliases, which the CLI reads and passes in (lib/ reads no tsconfig itself). */
import { describe, expect, it } from "vitest";
import { parseSchema } from ".";
import { matchAlias } from "../paths";

const schema = (imports: string, doc: string) => `import { defineSchema, defineTable } from "convex/server";
${imports}
export default defineSchema({ t: defineTable(${doc}) });
`;

describe("matchAlias", () => {
  it("picks the longest prefix and fills the star into every target", () => {
    const aliases = [
      { pattern: "@/*", targets: ["src/*", "gen/*"] },
      { pattern: "@/convex/*", targets: ["convex/*"] },
      { pattern: "shared", targets: ["packages/shared/index.ts"] },
    ];
    expect(matchAlias("@/convex/lib/v", aliases)).toEqual({ alias: aliases[1], paths: ["convex/lib/v"] });
    expect(matchAlias("@/x/y", aliases)?.paths).toEqual(["src/x/y", "gen/x/y"]);
    expect(matchAlias("shared", aliases)?.paths).toEqual(["packages/shared/index.ts"]);
    expect(matchAlias("shared/more", aliases)).toBeUndefined();
    expect(matchAlias("convex/values", aliases)).toBeUndefined();
  });
});

describe("parseSchema with path aliases", () => {
  const files = {
    "convex/schema.ts": schema(
      `import { name } from "@cvx/lib/fields";\nimport { rest } from "~/shared/rest";`,
      "{ name, ...rest }",
    ),
    "convex/lib/fields.ts": `import { v } from "convex/values";\nexport const name = v.string();\n`,
    "shared/rest/index.ts": `import { v } from "convex/values";\nexport const rest = { n: v.optional(v.number()) };\n`,
  };
  const aliases = [
    { pattern: "@cvx/*", targets: ["convex/*"] },
    { pattern: "~/*", targets: ["missing/*", "*"] },
  ];

  it("reads fields from aliased modules, trying each target and index files", () => {
    const r = parseSchema({ files, entry: "convex/schema.ts", aliases });
    if (!r.ok) throw new Error(r.errors[0].message);
    expect(r.schema.warnings).toEqual([]);
    expect(r.schema.tables[0].fields.map((f) => `${f.name}${f.optional ? "?" : ""}:${f.validator.kind}`)).toEqual([
      "name:string",
      "n?:number",
    ]);
  });

  it("without the aliases, the same imports are unread packages (a warning, never a guess)", () => {
    const r = parseSchema({ files, entry: "convex/schema.ts" });
    if (!r.ok) throw new Error(r.errors[0].message);
    expect(r.schema.warnings.map((w) => `${w.code} ${w.path}`)).toEqual(["SA102 t", "SA101 t.name"]);
    expect(r.schema.warnings[1].message).toContain(
      '"name" is imported from the package "@cvx/lib/fields", which is not read',
    );
  });

  it("an alias that maps an import to no project file is a located SA002 error naming the alias", () => {
    const r = parseSchema({
      files: { ...files, "convex/schema.ts": schema(`import { x } from "@cvx/nowhere";`, "{ x }") },
      entry: "convex/schema.ts",
      aliases,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      {
        code: "SA002",
        severity: "error",
        message:
          'Cannot find module "@cvx/nowhere" imported from "convex/schema.ts": the tsconfig path "@cvx/*" maps it to no project file.',
        loc: { file: "convex/schema.ts", line: 2, column: 10 },
        path: "t.x",
      },
    ]);
  });

  it('a catch-all "*" alias still lets packages through', () => {
    const r = parseSchema({
      files,
      entry: "convex/schema.ts",
      aliases: [...aliases, { pattern: "*", targets: ["src/*"] }],
    });
    expect(r.ok && r.schema.tables[0].fields.length).toBe(2);
  });
});
