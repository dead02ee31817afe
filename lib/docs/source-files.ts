/**
 * The files a schema is built from: the entry plus every project file it imports by relative path,
 * transitively. Docs hash only these, so editing a query function does not make the docs look stale.
 */
const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["'](\.{1,2}\/[^"']*)["']/g;
const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".js", ".jsx", ".mjs", "/index.ts", "/index.js"];

/** "convex/tables/../fields" → "convex/fields" (POSIX-style, relative to the project root). */
function join(dir: string, spec: string): string {
  const parts = dir ? dir.split("/") : [];
  for (const p of spec.split("/")) {
    if (p === "..") parts.pop();
    else if (p !== "." && p !== "") parts.push(p);
  }
  return parts.join("/");
}

/** Subset of `files` reachable from `entry` through relative imports (specifiers ending in .js may name .ts files). */
export function schemaSourceFiles(files: Record<string, string>, entry: string): Record<string, string> {
  const out: Record<string, string> = {};
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (file in out || !(file in files)) continue;
    out[file] = files[file];
    const dir = file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : "";
    for (const m of files[file].matchAll(RELATIVE_IMPORT)) {
      const base = join(dir, m[1]);
      const candidates = [...EXTENSIONS.map((e) => base + e), base.replace(/\.js$/, ".ts")];
      const hit = candidates.find((c) => c in files);
      if (hit) queue.push(hit);
    }
  }
  return out;
}
