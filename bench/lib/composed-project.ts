/**
 * A real-world-sized Convex project for CLI benchmarks: the schemas of this app (24 tables) and of five realistic
 * fixture projects (e-commerce, task tracker, chat, multi-tenant SaaS, union documents) combined into one schema
 * of 50+ tables, each kept in its own folder with the helper files it imports, the way large apps split theirs.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PARTS: Record<string, string> = {
  app: "convex",
  shop: "lib/schema/testdata/ecommerce/convex",
  tracker: "lib/schema/testdata/task-tracker/convex",
  chat: "lib/schema/testdata/chat-app/convex",
  saas: "lib/schema/testdata/saas-multitenant/convex",
  events: "lib/schema/testdata/union-documents/convex",
};

/** The `{ … }` argument of `defineSchema(` in `source`. */
function tablesObject(source: string, file: string): { start: number; text: string } {
  const call = source.indexOf("defineSchema(");
  const open = source.indexOf("{", call);
  if (call < 0 || open < 0) throw new Error(`${file}: no defineSchema({ … })`);
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === "{") depth++;
    else if (source[i] === "}" && --depth === 0) return { start: call, text: source.slice(open, i + 1) };
  }
  throw new Error(`${file}: unbalanced braces`);
}

/** Writes the project under `dir` (replacing it) and returns `dir`. */
export function writeComposedProject(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "convex"), { recursive: true });
  const imports: string[] = [];
  for (const [name, from] of Object.entries(PARTS)) {
    const src = path.join(ROOT, from);
    const to = path.join(dir, "convex", name);
    cpSync(src, to, { recursive: true, filter: (p) => !/[\\/](_generated|node_modules)([\\/]|$)|\.test\.ts$/.test(p) });
    const schemaFile = path.join(to, "schema.ts");
    const source = readFileSync(schemaFile, "utf8");
    const { start, text } = tablesObject(source, schemaFile);
    writeFileSync(
      path.join(to, "tables.ts"),
      `${source
        .slice(0, start)
        .replace(/export default\s*$/, "")
        .replace(/(const|let)\s+\w+\s*=\s*$/, "")}\nexport const tables = ${text};\n`,
    );
    rmSync(schemaFile);
    imports.push(name);
  }
  writeFileSync(
    path.join(dir, "convex/schema.ts"),
    [
      'import { defineSchema } from "convex/server";',
      ...imports.map((n) => `import { tables as ${n} } from "./${n}/tables";`),
      "",
      `export default defineSchema({ ${imports.map((n) => `...${n}`).join(", ")} });`,
      "",
    ].join("\n"),
  );
  writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "composed", private: true, dependencies: { convex: "1.48.0" } }, null, 2) + "\n",
  );
  return dir;
}
