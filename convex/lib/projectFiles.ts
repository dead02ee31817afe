/** A file of an uploaded or pasted project, path relative to the project root with "/" separators. */
export interface ProjectFile {
  path: string;
  content: string;
}

export const SCHEMA_ENTRY = "convex/schema.ts";

/**
 * Finds the project root inside uploaded files (a zip often wraps everything in one folder) and returns the files
 * relative to it, or an error sentence when no `convex/schema.ts` is present.
 */
export function normalizeProjectFiles(files: ProjectFile[]): { files: Record<string, string> } | { error: string } {
  const clean = files.map((f) => ({ ...f, path: f.path.replace(/\\/g, "/").replace(/^\.?\//, "") }));
  const entry = clean
    .filter((f) => f.path === SCHEMA_ENTRY || f.path.endsWith(`/${SCHEMA_ENTRY}`))
    .sort((a, b) => a.path.length - b.path.length)[0];
  if (!entry) return { error: `No ${SCHEMA_ENTRY} found in the uploaded files.` };
  const prefix = entry.path.slice(0, entry.path.length - SCHEMA_ENTRY.length);
  const out: Record<string, string> = {};
  for (const f of clean) {
    if (!f.path.startsWith(prefix)) continue;
    const rel = f.path.slice(prefix.length);
    if (rel.includes("node_modules/") || rel.includes("/_generated/")) continue;
    if (/\.(ts|tsx|js|mjs|cjs|jsx|json)$/.test(rel)) out[rel] = f.content;
  }
  return { files: out };
}
