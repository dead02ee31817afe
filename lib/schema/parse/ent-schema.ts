/**
 * convex-ents' `defineEntSchema(tables, options)`: resolves every edge with convex-ents' own rules (a port of
 * `defineEntSchema` in its src/schema.ts, 0.20.x) and then defines the schema. 1:1 and 1:many edges already added
 * their id field on the storing side (ents.ts); each many:many edge adds a join table, named like
 * `<table>_<inverse>_to_<edge>` unless its `table` option names it, with an index per id field and compound
 * indexes. A definition convex-ents rejects when the schema loads is an SA007 error at the edge.
 */
import type { Field, Index, Table } from "../model";
import type { ParseContext } from "./context";
import type { EdgeConfig, EntState } from "./ents";
import { evaluate } from "./evaluate";
import { locOf, type Node } from "./source";
import { defineSchemaFrom } from "./tables";
import { unknown, type Entry, type Scope, type Val } from "./values";

/** A join table to add: its id fields (forward, inverse) and whether the edge is symmetric (no inverse edge). */
interface Join {
  name: string;
  forward: [field: string, table: string];
  inverse: [field: string, table: string];
  symmetric: boolean;
  edge: EdgeConfig;
  description: string;
}

export function defineEntSchemaCall(ctx: ParseContext, args: Node[], call: Node, scope: Scope): Val {
  const mod = scope.mod;
  const tablesVal = args[0] ? evaluate(ctx, args[0], scope) : unknown("a missing argument", call, mod);
  if (tablesVal.t !== "object") return defineSchemaFrom(ctx, tablesVal, args, call, scope);
  // null: a table whose edges cannot be known (unresolved, or an error reported here)
  const ents = new Map<string, EntState | null>();
  for (const e of tablesVal.entries.values()) {
    const val = e.value;
    if (val.t === "table" && val.ent) ents.set(e.key, val.ent);
    else {
      if (val.t === "table") {
        const where = `Table "${e.key}" of "defineEntSchema"`;
        ctx.error(
          "SA006",
          `${where} is a "defineTable(...)": convex-ents needs "defineEnt(...)" or "defineEntFromTable(...)".`,
          e.prop ?? call,
          e.mod ?? mod,
        );
      }
      ents.set(e.key, null);
    }
  }
  const entries = new Map(tablesVal.entries);
  const joins: Join[] = [];
  for (const tableName of [...ents.keys()]) {
    for (const edge of [...(ents.get(tableName)?.edges.values() ?? [])]) {
      const result = resolveEdge(ents, tableName, edge);
      if (typeof result === "string") {
        ctx.error("SA007", result, edge.node, edge.mod);
        return defineSchemaFrom(ctx, tablesVal, args, call, scope);
      }
      if (!result) continue;
      // Like convex-ents, a join table is visible to the edges resolved after it.
      ents.set(result.name, { edges: new Map() });
      joins.push(result);
    }
  }
  for (const j of joins) entries.set(j.name, joinEntry(j));
  return defineSchemaFrom(ctx, { ...tablesVal, entries }, args, call, scope);
}

/** Resolves one edge in place (as convex-ents mutates its configs); a join table to add, or the error. */
function resolveEdge(
  ents: Map<string, EntState | null>,
  tableName: string,
  edge: EdgeConfig,
): Join | string | undefined {
  // Inverse edges are resolved with their forward edge.
  if (
    edge.cardinality === "multiple" &&
    edge.type === "ref" &&
    (edge.inverse !== undefined || edge.symmetric !== undefined)
  )
    return;
  const edgeIn = `edge "${edge.name}" in table "${tableName}"`;
  const otherName = edge.to;
  if (otherName.startsWith("_")) return systemEdgeProblem(edge, edgeIn, otherName);
  const other = ents.get(otherName);
  if (other === undefined) return `The ${edgeIn} points to an undefined table "${otherName}".`;
  if (other === null) return; // not known statically: reported where the table is read
  const self = edge.to === tableName;
  const candidates = [...other.edges.values()].filter((c) => canBeInverseEdge(tableName, edge, self, c));
  if (candidates.length > 1) {
    return `The ${edgeIn} has too many potential inverse edges in table "${otherName}": ${candidates.map((c) => `"${c.name}"`).join(", ")}.`;
  }
  const inverse = candidates[0];
  if (edge.cardinality === "single") {
    if (edge.type === "field" && !inverse) return `Missing inverse edge in table "${otherName}" for the ${edgeIn}.`;
    if (edge.type === "ref") {
      const problem = singleRef(edge, inverse, edgeIn, otherName);
      if (problem) return problem;
    }
  }
  if (
    (edge.cardinality === "single" || edge.type === "field") &&
    edge.deletion !== undefined &&
    other.deletion === undefined
  ) {
    return `The ${edgeIn} cannot specify soft deletion behavior: the target table "${otherName}" has no "soft" or "scheduled" deletion configured.`;
  }
  if (edge.cardinality !== "multiple") return;
  if (!self && !inverse) return `Missing inverse edge in table "${otherName}" for the ${edgeIn}.`;
  if (inverse?.cardinality === "single") {
    if (inverse.type === "ref")
      return `The edge "${inverse.name}" in table "${otherName}" specifies \`ref\`, but it must store the 1:many ${edgeIn} as a field.`;
    if (edge.type === "ref")
      return `The edge "${inverse.name}" in table "${otherName}" cannot be singular, as the ${edgeIn} does not specify \`ref\`.`;
    edge.type = "field";
    edge.ref = inverse.field;
  }
  if (inverse?.cardinality !== "multiple" && !self) return;
  if (!self && edge.type === "field")
    return `The ${edgeIn} specifies \`ref\`, but its inverse edge "${inverse!.name}" is not the singular end of a 1:many edge.`;
  if (inverse?.type === "field")
    return `The edge "${inverse.name}" in table "${otherName}" specifies \`ref\`, but its inverse ${edgeIn} is not the singular end of a 1:many edge.`;
  return manyToMany(tableName, otherName, self, edge, inverse);
}

function systemEdgeProblem(edge: EdgeConfig, edgeIn: string, otherName: string): string | undefined {
  if (edge.cardinality !== "single")
    return `The many:many ${edgeIn} points to the system table "${otherName}": only 1:1 edges can.`;
  if (edge.type !== "field")
    return `The ${edgeIn} points to the system table "${otherName}" and must store its document id: remove \`ref\`.`;
  if (edge.deletion === "soft")
    return `The ${edgeIn} points to the system table "${otherName}" and cannot use soft deletion.`;
  return undefined;
}

function singleRef(
  edge: EdgeConfig,
  inverse: EdgeConfig | undefined,
  edgeIn: string,
  otherName: string,
): string | undefined {
  if (!inverse) {
    const withField = edge.ref !== null ? `with field "${edge.ref}" ` : "";
    return `Missing inverse edge in table "${otherName}" ${withField}for the ${edgeIn}.`;
  }
  if (inverse.cardinality === "single" && inverse.type === "ref") {
    return `Both the ${edgeIn} and edge "${inverse.name}" in table "${otherName}" are marked as references: remove \`ref\` from one to store the edge.`;
  }
  if (inverse.cardinality !== "single" || inverse.type !== "field")
    return `Unexpected inverse edge "${inverse.name}" for the ${edgeIn}.`;
  if (edge.ref === null) edge.ref = inverse.field;
  return undefined;
}

/** convex-ents' `canBeInverseEdge`, condition for condition. */
function canBeInverseEdge(tableName: string, edge: EdgeConfig, self: boolean, c: EdgeConfig): boolean {
  if (c.to !== tableName) return false;
  if (self) return c.cardinality === "multiple" && c.type === "ref" && c.inverse === edge.name;
  const refSide = (e: EdgeConfig) =>
    (e.cardinality === "single" && e.type === "ref" && e.ref !== null) ||
    (e.cardinality === "multiple" && e.type === "field" && e.ref !== true);
  if (refSide(edge) && c.cardinality === "single" && c.type === "field") return edge.ref === c.field;
  if (edge.cardinality === "single" && edge.type === "field" && edge.field !== null && refSide(c))
    return edge.field === c.ref;
  if (edge.cardinality === "multiple" && edge.type === "ref" && edge.table !== undefined) {
    return c.cardinality === "multiple" && c.type === "ref" && edge.table === c.table;
  }
  if (c.cardinality === "multiple" && c.type === "ref" && c.table !== undefined) {
    return edge.cardinality === "multiple" && edge.type === "ref" && edge.table === c.table;
  }
  return true;
}

/** Names the join table and its id fields as convex-ents does, and marks both edges as stored there. */
function manyToMany(
  tableName: string,
  otherName: string,
  self: boolean,
  edge: EdgeConfig,
  inverse: EdgeConfig | undefined,
): Join {
  const ref = edge.type === "ref";
  const sameTable = tableName === otherName;
  const name =
    ref && edge.table !== undefined
      ? edge.table
      : !inverse
        ? `${tableName}_${edge.name}`
        : inverse.name !== tableName
          ? `${tableName}_${inverse.name}_to_${edge.name}`
          : `${inverse.name}_to_${edge.name}`;
  const forwardId =
    ref && edge.field !== undefined
      ? edge.field
      : !inverse
        ? "aId"
        : sameTable
          ? inverse.name + "Id"
          : tableName + "Id";
  const inverseId =
    self && ref && edge.inverseField !== undefined
      ? edge.inverseField
      : !inverse
        ? "bId"
        : inverse.type === "ref" && inverse.field !== undefined
          ? inverse.field
          : sameTable
            ? edge.name + "Id"
            : otherName + "Id";
  Object.assign(edge, { type: "ref", table: name, field: forwardId, ref: inverseId, symmetric: !inverse });
  if (inverse) Object.assign(inverse, { type: "ref", table: name, field: inverseId, ref: forwardId, symmetric: false });
  const pair = inverse ? ` and its inverse "${otherName}.${inverse.name}"` : "";
  return {
    name,
    forward: [forwardId, tableName],
    inverse: [inverseId, otherName],
    symmetric: !inverse,
    edge,
    description: `Join table convex-ents creates for the many:many edge "${tableName}.${edge.name}"${pair}.`,
  };
}

/** The join table's definition, as convex-ents writes it with `defineEnt(...).index(...)`. */
function joinEntry(j: Join): Entry {
  const loc = locOf(j.edge.mod, j.edge.node);
  const [f, i] = [j.forward[0], j.inverse[0]];
  const fields = new Map<string, Field>();
  for (const [name, table] of [j.forward, j.inverse])
    fields.set(name, { name, validator: { kind: "id", table }, optional: false, loc });
  const made = { loc, generatedBy: "convex-ents" };
  const indexes: Index[] = [
    { name: f, fields: [f], ...made },
    { name: i, fields: [i], ...made },
    { name: `${f}_${i}`, fields: [f, i], ...made },
  ];
  if (!j.symmetric) indexes.push({ name: `${i}_${f}`, fields: [i, f], ...made });
  const table: Table = {
    name: "",
    fields: [...fields.values()],
    indexes,
    searchIndexes: [],
    vectorIndexes: [],
    description: j.description,
    generatedBy: "convex-ents",
  };
  const meta = { mod: j.edge.mod, call: j.edge.call, chain: j.edge.call, fieldProps: new Map(), indexCalls: new Map() };
  return { key: j.name, value: { t: "table", table, meta, ent: { edges: new Map() } }, loc };
}
