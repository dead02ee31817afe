/**
 * "Generate CRUD for tasks" is a request for code, not for a schema change: recognise it and name the tables,
 * so the chat can answer with the code generator's output instead of schema operations.
 */
import pluralize from "pluralize";
import { generateCode, type CodegenResult } from "../codegen";
import type { SchemaModel } from "../schema/model";

const VERB = /\b(generate|scaffold|write|create|make|give me|build)\b/i;
const CODE = /\b(crud|functions?|quer(y|ies)|mutations?|api|endpoints?|code|handlers?)\b/i;

/** The tables a code request names (all tables when it names none, or says "all"/"every"); null when it is not one. */
export function codegenTables(request: string, schema: SchemaModel): string[] | null {
  const text = request.trim();
  if (!VERB.test(text) || !CODE.test(text)) return null;
  // "create a table for functions" is a schema request: code requests do not ask for tables or fields.
  if (/\b(a|an|new)\s+(\w+\s+)?(table|field|column|index)\b/i.test(text) && !/\bcrud\b/i.test(text)) return null;
  const words = new Set(text.toLowerCase().match(/[a-z][a-z0-9_]*/g) ?? []);
  const named = schema.tables
    .map((t) => t.name)
    .filter((name) => {
      const lower = name.toLowerCase();
      return words.has(lower) || words.has(pluralize.singular(lower)) || words.has(pluralize.plural(lower));
    });
  return named.length ? named : schema.tables.map((t) => t.name);
}

/** Runs the code generator for a code request: function and validator files, no tests or seed. */
export function generateForRequest(
  request: string,
  schema: SchemaModel,
): (CodegenResult & { tablesAsked: string[] }) | null {
  const tables = codegenTables(request, schema);
  if (!tables || tables.length === 0) return null;
  return { ...generateCode(schema, { tables }), tablesAsked: tables };
}
