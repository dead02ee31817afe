/**
 * Evaluated reading merged with static reading: when Convex itself ran the schema (`schema.export()`), its shapes
 * win on types; the static parse supplies what only source code has — locations, comments, provenance marks.
 */
import type { Diagnostic, Field, SchemaModel, Table } from "../model";
import { tableToExport } from "./export-json";

/** Static warnings that say "could not resolve": evaluation is worth running, and its shapes make them moot. */
const UNRESOLVED = new Set(["SA101", "SA102", "SA103", "SA104", "SA106", "SA107", "SA111", "SA113"]);

/** Whether a diagnostic code says static reading left something unresolved. */
export function isUnresolvedCode(code: string): boolean {
  return UNRESOLVED.has(code);
}

/** Whether static reading left part of the schema unresolved (so evaluating it would tell more). */
export function hasUnresolved(model: SchemaModel): boolean {
  return model.warnings.some((w) => UNRESOLVED.has(w.code));
}

export interface MergedReading {
  schema: SchemaModel;
  /** Tables whose evaluated shape differs from the static one (or that static reading missed), in schema order. */
  evaluatedTables: string[];
  /** One SA121 info per such table, located at the static definition: for output, not for the health score. */
  notes: Diagnostic[];
}

/**
 * `evaluated` is what `fromConvexExport` read. Each evaluated table keeps the static table's locations,
 * descriptions and `generatedBy` marks where names match; the static "could not resolve" warnings are dropped, since
 * the shapes are now exact, and each table that evaluation changed gets an SA121 note.
 */
export function mergeEvaluated(
  staticModel: SchemaModel,
  evaluated: { tables: Table[]; schemaValidation: boolean },
): MergedReading {
  const byName = new Map(staticModel.tables.map((t) => [t.name, t]));
  const evaluatedTables: string[] = [];
  const tables = evaluated.tables.map((e) => {
    const s = byName.get(e.name);
    if (!s || JSON.stringify(tableToExport(s)) !== JSON.stringify(tableToExport(e))) evaluatedTables.push(e.name);
    return s ? withPlaces(e, s) : e;
  });
  const notes: Diagnostic[] = evaluatedTables.map((name) => ({
    code: "SA121",
    severity: "info",
    message: `Table "${name}" was read by evaluating the schema with Convex: static reading could not resolve ${byName.has(name) ? "its shape" : "it"}.`,
    path: name,
    ...(byName.get(name)?.loc ? { loc: byName.get(name)!.loc } : {}),
  }));
  const warnings = staticModel.warnings.filter((w) => !UNRESOLVED.has(w.code));
  return {
    schema: {
      ...staticModel,
      tables,
      warnings,
      options: { ...staticModel.options, schemaValidation: evaluated.schemaValidation },
    },
    evaluatedTables,
    notes,
  };
}

function withPlaces(e: Table, s: Table): Table {
  const t: Table = { ...e, fields: fieldsWithPlaces(e.fields, s.fields) };
  if (e.variants) t.variants = e.variants.map((fields, i) => fieldsWithPlaces(fields, s.variants?.[i] ?? s.fields));
  t.indexes = e.indexes.map((i) => ({ ...i, ...placeOf(s.indexes.find((x) => x.name === i.name)) }));
  t.searchIndexes = e.searchIndexes.map((i) => ({ ...i, ...placeOf(s.searchIndexes.find((x) => x.name === i.name)) }));
  t.vectorIndexes = e.vectorIndexes.map((i) => ({ ...i, ...placeOf(s.vectorIndexes.find((x) => x.name === i.name)) }));
  if (s.loc) t.loc = s.loc;
  if (s.description) t.description = s.description;
  if (s.generatedBy) t.generatedBy = s.generatedBy;
  return t;
}

function fieldsWithPlaces(evaluated: Field[], staticFields: Field[]): Field[] {
  return evaluated.map((f) => {
    const s = staticFields.find((x) => x.name === f.name);
    if (!s) return f;
    const out: Field = { ...f, ...placeOf(s) };
    if (s.description) out.description = s.description;
    if (f.validator.kind === "object" && s.validator.kind === "object")
      out.validator = { kind: "object", fields: fieldsWithPlaces(f.validator.fields, s.validator.fields) };
    return out;
  });
}

function placeOf(x: { loc?: Field["loc"]; generatedBy?: string } | undefined): {
  loc?: Field["loc"];
  generatedBy?: string;
} {
  if (!x) return {};
  return { ...(x.loc ? { loc: x.loc } : {}), ...(x.generatedBy ? { generatedBy: x.generatedBy } : {}) };
}
