/** `schema-ai-context.json`: the schema as compact JSON for LLMs and tools, with query hints per lookup. */
import type { Diagnostic, Field, SchemaModel, Table } from "../schema/model";
import { validatorToCode } from "../schema/model";
import { isDirect, type DocRelationship } from "./relationships";

export interface ContextField {
  name: string;
  /** the validator as Convex code, e.g. `v.array(v.id("tags"))` */
  type: string;
  optional: boolean;
  description?: string;
  /** tables this field references */
  references?: string[];
}

export interface ContextIndex {
  name: string;
  kind: "database" | "search" | "vector";
  /** database: index fields (Convex appends _creationTime); search: [searchField]; vector: [vectorField] */
  fields: string[];
  filterFields?: string[];
  dimensions?: number;
  staged?: boolean;
}

export interface ContextTable {
  name: string;
  description?: string;
  document: "object" | "union" | "any";
  fields: ContextField[];
  indexes: ContextIndex[];
}

/** Which index serves a lookup, with the call to make; `index: null` means the lookup scans the table. */
export interface QueryHint {
  table: string;
  lookup: string;
  index: string | null;
  code: string;
  note?: string;
}

export interface AiContext {
  format: "schema-assistant/ai-context@1";
  systemFields: { _id: string; _creationTime: string };
  tables: ContextTable[];
  relationships: DocRelationship[];
  queryHints: QueryHint[];
  findings: { code: string; severity: string; path?: string; message: string }[];
}

function contextField(f: Field, refs: DocRelationship[]): ContextField {
  const out: ContextField = { name: f.name, type: validatorToCode(f.validator), optional: f.optional };
  if (f.description) out.description = f.description;
  const targets = [...new Set(refs.filter((r) => !r.viaJoinTable && r.field === f.name).map((r) => r.to))];
  if (targets.length) out.references = targets;
  return out;
}

function contextTable(t: Table, refs: DocRelationship[]): ContextTable {
  const out: ContextTable = {
    name: t.name,
    document: t.anyDocument ? "any" : t.variants ? "union" : "object",
    fields: t.fields.map((f) => contextField(f, refs)),
    indexes: [
      ...t.indexes.map(
        (i): ContextIndex => ({
          name: i.name,
          kind: "database",
          fields: i.fields,
          ...(i.staged ? { staged: true } : {}),
        }),
      ),
      ...t.searchIndexes.map(
        (i): ContextIndex => ({
          name: i.name,
          kind: "search",
          fields: [i.searchField],
          filterFields: i.filterFields,
          ...(i.staged ? { staged: true } : {}),
        }),
      ),
      ...t.vectorIndexes.map(
        (i): ContextIndex => ({
          name: i.name,
          kind: "vector",
          fields: [i.vectorField],
          filterFields: i.filterFields,
          dimensions: i.dimensions,
          ...(i.staged ? { staged: true } : {}),
        }),
      ),
    ],
  };
  if (t.description) out.description = t.description;
  return out;
}

/** A variable name for an equality argument: "meta.kind" → "kind". */
function arg(path: string): string {
  const last = path.split(".").pop() ?? path;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(last) ? last : "value";
}

function eqChain(fields: string[]): string {
  return fields.map((f) => `.eq(${JSON.stringify(f)}, ${arg(f)})`).join("");
}

/** Query hints for one table: every index, every reference lookup (indexed or not). `rels`: the table's own references. */
export function tableHints(t: Table, rels: DocRelationship[]): QueryHint[] {
  const q = `ctx.db.query(${JSON.stringify(t.name)})`;
  const hints: QueryHint[] = [
    { table: t.name, lookup: "one document by _id", index: "by_id", code: `ctx.db.get(${JSON.stringify(t.name)}, id)` },
  ];
  for (const i of t.indexes) {
    if (i.staged) continue; // staged indexes cannot be queried yet
    hints.push({
      table: t.name,
      lookup: `by ${i.fields.join(" + ")}`,
      index: i.name,
      code: `${q}.withIndex(${JSON.stringify(i.name)}, (q) => q${eqChain(i.fields)})`,
      note:
        i.fields.length > 1
          ? `also serves any prefix (${i.fields[0]} …); results are ordered by the remaining fields, then _creationTime`
          : "results are ordered by _creationTime",
    });
  }
  for (const r of rels) {
    if (r.from !== t.name) continue;
    if (r.indexed || !isDirect(r)) continue;
    hints.push({
      table: t.name,
      lookup: `by ${r.path} (${t.name} pointing at one ${r.to} document)`,
      index: null,
      code: `${q}.filter((q) => q.eq(q.field(${JSON.stringify(r.path)}), ${arg(r.path)}))`,
      note: "no index starts with this field: the query scans the whole table; add an index",
    });
  }
  for (const s of t.searchIndexes) {
    if (s.staged) continue;
    hints.push({
      table: t.name,
      lookup: `full text search on ${s.searchField}${s.filterFields.length ? ` filtered by ${s.filterFields.join(", ")}` : ""}`,
      index: s.name,
      code: `${q}.withSearchIndex(${JSON.stringify(s.name)}, (q) => q.search(${JSON.stringify(s.searchField)}, text)${eqChain(s.filterFields)})`,
    });
  }
  for (const s of t.vectorIndexes) {
    if (s.staged) continue;
    const filter = s.filterFields.length
      ? `, filter: (q) => q.eq(${JSON.stringify(s.filterFields[0])}, ${arg(s.filterFields[0])})`
      : "";
    hints.push({
      table: t.name,
      lookup: `vector similarity on ${s.vectorField} (${s.dimensions} dimensions, actions only)`,
      index: s.name,
      code: `await ctx.vectorSearch(${JSON.stringify(t.name)}, ${JSON.stringify(s.name)}, { vector, limit: 10${filter} })`,
    });
  }
  return hints;
}

/** Builds the AI context document (no timestamps: it must be reproducible for drift checks). */
export function buildAiContext(
  model: SchemaModel,
  rels: DocRelationship[],
  findings: readonly Diagnostic[],
): AiContext {
  const byTable = new Map<string, DocRelationship[]>(model.tables.map((t) => [t.name, []]));
  for (const r of rels) byTable.get(r.from)?.push(r);
  const own = (t: { name: string }) => byTable.get(t.name) ?? [];
  return {
    format: "schema-assistant/ai-context@1",
    systemFields: {
      _id: "v.id(<table>), the document id",
      _creationTime: "v.number(), milliseconds since epoch; appended to every index",
    },
    tables: model.tables.map((t) => contextTable(t, own(t))),
    relationships: rels,
    queryHints: model.tables.flatMap((t) => tableHints(t, own(t))),
    findings: findings.map((d) => ({
      code: d.code,
      severity: d.severity,
      ...(d.path ? { path: d.path } : {}),
      message: d.message,
    })),
  };
}
