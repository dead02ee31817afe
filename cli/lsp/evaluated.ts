/**
 * The language server's use of evaluated reading (cli/schema-eval.ts): the schema is run only when it is opened
 * and saved, never on a keystroke, so between saves each fresh static reading is completed by the last evaluation —
 * but only for the tables static reading could not resolve. Tables it reads exactly come from the buffer, so an
 * edit of such a table shows at once and a stale evaluation never hides it.
 */
import { isUnresolvedCode, mergeEvaluated } from "../../lib/schema/evaluated";
import type { Diagnostic, SchemaModel, Table } from "../../lib/schema/model";

/** What `fromConvexExport` read from the schema's `export()`. */
export interface Evaluated {
  tables: Table[];
  schemaValidation: boolean;
}

export function overlayEvaluated(
  staticModel: SchemaModel,
  evaluated: Evaluated,
): { schema: SchemaModel; notes: Diagnostic[] } {
  const unresolved = staticModel.warnings.filter((w) => isUnresolvedCode(w.code));
  if (!unresolved.length) return { schema: staticModel, notes: [] };
  const merged = mergeEvaluated(staticModel, evaluated);
  const byName = new Map(merged.schema.tables.map((t) => [t.name, t]));
  const staticNames = new Set(staticModel.tables.map((t) => t.name));
  // A warning without a table (an unresolved spread of the tables object) may hide whole tables.
  const hidden = unresolved.some((w) => !w.path || !staticNames.has(w.path.split(".")[0]));
  const from = new Set(
    unresolved.map((w) => w.path?.split(".")[0] ?? "").filter((t) => staticNames.has(t) && byName.has(t)),
  );
  const tables = staticModel.tables.map((t) => (from.has(t.name) ? byName.get(t.name)! : t));
  if (hidden) for (const t of merged.schema.tables) if (!staticNames.has(t.name)) tables.push(t), from.add(t.name);
  const warnings = staticModel.warnings.filter(
    (w) => !isUnresolvedCode(w.code) || !(w.path ? from.has(w.path.split(".")[0]) : hidden),
  );
  const notes = merged.notes.filter((n) => from.has(n.path ?? ""));
  return { schema: { ...staticModel, tables, warnings }, notes };
}
