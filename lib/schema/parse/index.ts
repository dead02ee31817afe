/**
 * Reads a Convex project's `convex/schema.ts` statically (no code is run) into a SchemaModel with source
 * locations. Unresolvable expressions become warnings on the model; broken input becomes located errors.
 */
import type { Diagnostic, SchemaModel } from "../model";
import type { PathAlias } from "../paths";
import { ParseContext } from "./context";
import { resolveExport } from "./evaluate";
import type { Node, SourceModule } from "./source";
import type { TableMeta } from "./values";

export interface ParseInput {
  /** File contents by path relative to the project root, with "/" separators. */
  files: Record<string, string>;
  /** The schema file, usually "convex/schema.ts". */
  entry: string;
  /**
   * Installed package modules the parser may read, by import specifier → path of a file in `files`
   * (e.g. `"@convex-dev/auth/server"` → its `authTables` source under node_modules). Without an entry, known
   * packages use their embedded documented definitions.
   */
  packages?: Record<string, string>;
  /**
   * tsconfig path aliases (`"@cvx/*"` → `"convex/*"`, targets from the project root) that non-relative imports are
   * resolved with before they are taken as packages, as the bundler Convex uses does. The CLI reads them.
   */
  aliases?: PathAlias[];
  /**
   * The major version of the installed "zod" package. convex-helpers converts a zod schema nested in one of the
   * other major to `v.any()`; without it, schemas imported from "zod" are taken to match their `zid`s.
   */
  zodMajor?: 3 | 4;
}

export type ParseResult = { ok: true; schema: SchemaModel } | { ok: false; errors: Diagnostic[] };

/** Internal result with the source nodes the surgical editor needs. */
export interface ParseDetails {
  schema: SchemaModel;
  entry: SourceModule;
  call: Node;
  tablesNode?: Node;
  metas: Map<string, TableMeta & { prop?: Node }>;
}

/**
 * Parses a schema from project files, following relative imports.
 * @returns the model (with `warnings` for what could not be resolved) or every error found, each with file:line:column.
 */
export function parseSchema(input: ParseInput): ParseResult {
  let r: ReturnType<typeof parseSchemaDetailed>;
  try {
    r = parseSchemaDetailed(input);
  } catch (e) {
    // A bug in the parser must still come back as a located diagnostic, never as a crash of the caller.
    const loc = { file: input.entry, line: 1, column: 1 };
    return {
      ok: false,
      errors: [{ code: "SA000", severity: "error", message: `Internal parser error: ${String(e)}.`, loc }],
    };
  }
  return r.ok ? { ok: true, schema: r.details.schema } : r;
}

/** Parses a single schema file (imports of other project files are reported as missing). */
export function parseSchemaSource(source: string, file = "convex/schema.ts"): ParseResult {
  return parseSchema({ files: { [file]: source }, entry: file });
}

export function parseSchemaDetailed(
  input: ParseInput,
): { ok: true; details: ParseDetails } | { ok: false; errors: Diagnostic[] } {
  const ctx = new ParseContext(input.files, input.packages, input.aliases, input.zodMajor);
  if (!(input.entry in input.files)) {
    return {
      ok: false,
      errors: [
        {
          code: "SA008",
          severity: "error",
          message: `The schema file "${input.entry}" does not exist.`,
          loc: { file: input.entry, line: 1, column: 1 },
        },
      ],
    };
  }
  const entry = ctx.load(input.entry);
  if (!entry) return { ok: false, errors: ctx.errors };
  const fail = (message: string, node?: Node): { ok: false; errors: Diagnostic[] } => {
    ctx.error("SA004", message, node ?? entry.program, entry);
    return { ok: false, errors: ctx.errors };
  };
  if (!entry.exports.has("default"))
    return fail(`"${input.entry}" has no default export; export default defineSchema({...}).`);
  const val = resolveExport(ctx, entry, "default", entry.program, entry);
  if (ctx.errors.length) return { ok: false, errors: ctx.errors };
  if (val.t !== "schema") {
    const node = val.t === "unknown" ? val.node : undefined;
    const why = val.t === "unknown" ? ` (${val.reason})` : "";
    return fail(`The default export of "${input.entry}" is not a "defineSchema(...)" call${why}.`, node);
  }
  const schema: SchemaModel = { tables: val.tables, options: val.options, warnings: ctx.warnings, entry: input.entry };
  // Source spans are only usable for edits when defineSchema is called in the entry file itself.
  const local = val.mod === entry;
  const metas = new Map<string, TableMeta & { prop?: Node }>();
  for (const [t, m] of val.metas) metas.set(t.name, local ? m : { ...m, prop: undefined });
  return {
    ok: true,
    details: { schema, entry, call: val.call, tablesNode: local ? val.tablesNode : undefined, metas },
  };
}
