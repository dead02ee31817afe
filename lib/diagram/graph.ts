/**
 * The ER diagram as plain data: one node per table (with its measured size, so the renderer never has to measure)
 * and one edge per reference between tables (`tableReferences`). Pure, so layout and search are tested without a browser.
 */
import type { Field, SchemaModel, Table, Validator } from "../schema/model";
import { validatorToCode } from "../schema/model";
import { referenceKey, tableReferences } from "../schema/relationships";

export const HEADER_HEIGHT = 36;
export const ROW_HEIGHT = 22;
export const MIN_WIDTH = 180;
export const MAX_WIDTH = 360;

/** The vertical middle of a table's field row `index`, from the table's top: where its reference starts. */
export const rowCenterY = (index: number) => HEADER_HEIGHT + index * ROW_HEIGHT + ROW_HEIGHT / 2;
/** Approximate width of one character of the 12px monospace font used in nodes. */
const CHAR_WIDTH = 7.2;

export interface DiagramRow {
  name: string;
  type: string;
  optional: boolean;
  /** Index names whose first field is this one. */
  indexed: string[];
  /** Target table when the field holds a `v.id` (or an array/union of them). */
  references?: string;
}

export interface DiagramNode {
  id: string;
  table: string;
  rows: DiagramRow[];
  indexCount: number;
  width: number;
  height: number;
}

export type Cardinality = "many-to-one" | "many-to-many";

export interface DiagramEdge {
  id: string;
  source: string;
  target: string;
  /** The field on the source table holding the reference. */
  field: string;
  cardinality: Cardinality;
  optional: boolean;
}

export interface DiagramGraph {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

export interface GraphOptions {
  /** Show only the header of each table (fields hidden). @default false */
  collapsed?: boolean;
}

/**
 * Builds nodes and edges from a schema model: one edge per reference between tables (`tableReferences`, the count
 * every view shows), from the top-level field that holds it. References to tables outside the model (e.g.
 * `_storage`) are left out.
 */
export function toGraph(model: SchemaModel, options: GraphOptions = {}): DiagramGraph {
  const nodes = model.tables.map((t) => toNode(t, options.collapsed ?? false));
  const edges: DiagramEdge[] = tableReferences(model).map((r) => ({
    id: referenceKey(r),
    source: r.from.table,
    target: r.to,
    field: r.from.field,
    cardinality: /[[{]/.test(r.from.path) ? "many-to-many" : "many-to-one",
    optional: r.optional,
  }));
  return { nodes, edges };
}

function toNode(table: Table, collapsed: boolean): DiagramNode {
  const rows: DiagramRow[] = collapsed ? [] : table.fields.map((f) => toRow(table, f));
  const longest = Math.max(table.name.length + 6, ...rows.map((r) => r.name.length + r.type.length + 4));
  return {
    id: table.name,
    table: table.name,
    rows,
    indexCount: table.indexes.length + table.searchIndexes.length + table.vectorIndexes.length,
    width: Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest * CHAR_WIDTH + 24))),
    height: HEADER_HEIGHT + Math.max(rows.length, collapsed ? 0 : 1) * ROW_HEIGHT + 8,
  };
}

function toRow(table: Table, f: Field): DiagramRow {
  const ref = idTarget(f.validator);
  return {
    name: f.name,
    type: shortType(f.validator),
    optional: f.optional,
    indexed: table.indexes.filter((i) => i.fields[0] === f.name).map((i) => i.name),
    ...(ref ? { references: ref.table } : {}),
  };
}

/** The table a field points at: `v.id("t")`, `v.array(v.id("t"))`, or a union of one id and null. */
function idTarget(v: Validator): { table: string; many: boolean } | undefined {
  if (v.kind === "id") return { table: v.table, many: false };
  if (v.kind === "array" && v.element.kind === "id") return { table: v.element.table, many: true };
  if (v.kind === "union") {
    const ids = v.members.filter((m) => m.kind === "id");
    const rest = v.members.filter((m) => m.kind !== "id" && m.kind !== "null");
    if (ids.length === 1 && rest.length === 0 && ids[0].kind === "id") return { table: ids[0].table, many: false };
  }
  return undefined;
}

/** A compact type label: `id<users>`, `string[]`, `"a" | "b"`, `object`. */
export function shortType(v: Validator): string {
  switch (v.kind) {
    case "id":
      return `id<${v.table}>`;
    case "array":
      return `${shortType(v.element)}[]`;
    case "literal":
      return JSON.stringify(v.value);
    case "union":
      return v.members.length <= 3 ? v.members.map(shortType).join(" | ") : `union(${v.members.length})`;
    case "object":
      return "object";
    case "record":
      return `record<${shortType(v.key)}, ${shortType(v.value)}>`;
    default:
      return validatorToCode(v).replace(/^v\.|\(\)$/g, "");
  }
}
