/**
 * Validity under the real `convex` package: each schema is printed with the project's printer, bundled with
 * esbuild against the installed `convex`, and `defineSchema(...).export()` is run. One bundle for many schemas
 * keeps the whole eval fast; each schema is wrapped in a function so one failure does not hide the others.
 */
import { build } from "esbuild";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { SchemaModel } from "../../lib/schema/model";
import { printSchema } from "../../lib/schema/print";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** For each schema: null when Convex accepts it, else the error. */
export async function convexErrors(schemas: SchemaModel[]): Promise<Array<string | null>> {
  if (!schemas.length) return [];
  const dir = mkdtempSync(path.join(os.tmpdir(), "real-eval-"));
  try {
    const printed = schemas.map((s) => printSchema(s));
    const lazy = printed.map((src) => {
      const out = src.replace(/export default defineSchema\(/, "export default () => defineSchema(");
      return out === src
        ? `export default () => { throw new Error("printer output has no defineSchema default export"); };`
        : out;
    });
    lazy.forEach((src, i) => writeFileSync(path.join(dir, `s${i}.ts`), src));
    const entry =
      lazy.map((_, i) => `import s${i} from "./s${i}";`).join("\n") +
      `\nexport default [${lazy.map((_, i) => `s${i}`).join(", ")}];\n`;
    writeFileSync(path.join(dir, "entry.ts"), entry);
    let thunks: Array<() => { export(): string }>;
    try {
      const out = await build({
        entryPoints: [path.join(dir, "entry.ts")],
        bundle: true,
        format: "esm",
        platform: "node",
        write: false,
        logLevel: "silent",
        nodePaths: [path.join(ROOT, "node_modules")],
      });
      writeFileSync(path.join(dir, "bundle.mjs"), out.outputFiles[0].text);
      thunks = (await import(pathToFileURL(path.join(dir, "bundle.mjs")).href)).default;
    } catch (e) {
      if (schemas.length === 1) return [`does not compile: ${String(e).slice(0, 300)}`];
      // A syntax error in one printed schema breaks the shared bundle: check them one by one.
      const out: Array<string | null> = [];
      for (const s of schemas) out.push(...(await convexErrors([s])));
      return out;
    }
    return thunks.map((thunk) => {
      try {
        JSON.parse(thunk().export());
        return null;
      } catch (e) {
        return String(e instanceof Error ? e.message : e).slice(0, 300);
      }
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
