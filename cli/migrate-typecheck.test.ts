/** `migrate --typecheck`: functions that stop type-checking against the new schema, found with tsc on a copy. */
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { analyzeProject } from "../lib/optimize/analyze";
import { checkCompatibility, formatCompatibility } from "./migrate-typecheck";

const ROOT = path.resolve(__dirname, "..");
const schema = (fields: string) => `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({ users: defineTable({ ${fields} }) });
`;
const USERS = `import { v } from "convex/values";
import { query } from "./_generated/server";

export const greeting = query({
  args: { id: v.id("users") },
  handler: async (ctx, { id }) => {
    const user = await ctx.db.get(id);
    return user ? "Hello " + user.name.toUpperCase() : null;
  },
});

export const count = query({ args: {}, handler: async (ctx) => (await ctx.db.query("users").take(10)).length });
`;

describe("checkCompatibility", () => {
  let dir = "";
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  // "src/backend": a functions folder set in convex.json; the schema file sits at its root.
  it.each(["convex", "src/backend"])(
    "names the function that breaks when a field is renamed, and only it (functions in %s/)",
    async (folder) => {
      dir = await mkdtemp(path.join(os.tmpdir(), "sa-compat-"));
      await mkdir(path.join(dir, folder, "_generated"), { recursive: true });
      for (const f of ["dataModel.d.ts", "server.d.ts", "server.js"]) {
        await cp(
          path.join(ROOT, "lib/migrate/codegen/testdata/project/convex/_generated", f),
          path.join(dir, folder, "_generated", f),
        );
      }
      await symlink(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
      const from = schema("name: v.string()");
      await writeFile(path.join(dir, folder, "schema.ts"), from);
      await writeFile(path.join(dir, folder, "users.ts"), USERS);
      const functions = analyzeProject({ files: { [`${folder}/users.ts`]: USERS }, functionsDir: folder }).functions;
      const same = await checkCompatibility(dir, `${folder}/schema.ts`, from, from, functions);
      expect(same).toEqual({ ok: true, breaks: [] });
      const r = await checkCompatibility(dir, `${folder}/schema.ts`, from, schema("fullName: v.string()"), functions);
      expect(r.ok && r.breaks.map((b) => [b.function, b.file, b.line, b.code])).toEqual([
        ["users:greeting", `${folder}/users.ts`, 8, "TS2339"],
      ]);
      expect(formatCompatibility(r)).toContain(
        `1 function stops type-checking against the new schema:\n  users:greeting ${folder}/users.ts:8:`,
      );
      await rm(dir, { recursive: true, force: true });
      dir = "";
    },
    120_000,
  );

  it("says why it did not check a project without generated types", async () => {
    const bare = await mkdtemp(path.join(os.tmpdir(), "sa-compat-bare-"));
    try {
      const r = await checkCompatibility(bare, "convex/schema.ts", "", "", []);
      expect(r).toEqual({ ok: false, skipped: expect.stringContaining("convex/_generated is missing") });
    } finally {
      await rm(bare, { recursive: true, force: true });
    }
  });
});
