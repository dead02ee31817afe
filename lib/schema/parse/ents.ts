/**
 * convex-ents (0.20.x) definitions: `defineEnt(...)` with `.field/.edge/.edges/.deletion`, and
 * `defineEntFromTable(s)`. Each method changes the definition the way convex-ents does when the schema module
 * loads: fields and indexes are added in call order, an edge that stores an id adds the `<name>Id` field and its
 * index. Edges are resolved later by `defineEntSchema` (ent-schema.ts). What convex-ents rejects is an SA007 error.
 */
import type { Field, Table } from "../model";
import type { ParseContext } from "./context";
import { evaluate } from "./evaluate";
import { locOf, type Node, type SourceModule } from "./source";
import { callTableMethod, defineTableFrom, mergeVariants } from "./tables";
import { toValidatorVal } from "./validators";
import { snippet, unknown, type Entry, type Scope, type Val } from "./values";

type TableVal = Extract<Val, { t: "table" }>;

/** An edge as convex-ents configures it (its `EdgeConfig`), plus where it is declared. */
export interface EdgeConfig {
  name: string;
  to: string;
  cardinality: "single" | "multiple";
  /** "field": this side stores the id (1:1, or the many side of 1:many); "ref": the other side or a join table does */
  type: "field" | "ref";
  field?: string;
  /** 1:1 ref: the other side's field, null for `ref: true`; 1:many: `true` or that field; many:many: the other id */
  ref?: string | true | null;
  table?: string;
  inverseField?: string;
  inverse?: string;
  deletion?: string;
  /** set by defineEntSchema on many:many edges */
  symmetric?: boolean;
  /** the method's property (`edge`, `edges`) and call, for messages and locations */
  node: Node;
  call: Node;
  mod: SourceModule;
}

/** What an ent adds to a table definition. */
export interface EntState {
  edges: Map<string, EdgeConfig>;
  deletion?: string;
}

type Option = string | boolean | undefined;

/** `defineEnt(fields | v.object(...) | v.union(objects...))`. */
export function defineEntCall(ctx: ParseContext, args: Node[], call: Node, scope: Scope): Val {
  const mod = scope.mod;
  const doc = args[0] ? evaluate(ctx, args[0], scope) : unknown("a missing argument", call, mod);
  if (
    doc.t === "validator" &&
    doc.v.kind !== "object" &&
    !(doc.v.kind === "union" && doc.v.members.every((m) => m.kind === "object"))
  ) {
    ctx.error(
      "SA006",
      `"defineEnt" needs an object of validators, a "v.object" or a union of objects, got "${snippet(mod, args[0])}".`,
      args[0],
      mod,
    );
  }
  const tv = defineTableFrom(ctx, doc, args[0], call, mod) as TableVal;
  return { ...tv, ent: { edges: new Map() } };
}

/** `defineEntFromTable(defineTable(...))`: the table's fields and (non-staged) indexes, as convex-ents copies them. */
export function entFromTableCall(ctx: ParseContext, args: Node[], call: Node, scope: Scope): Val {
  const node = args[0] ?? call;
  return entFromTable(
    ctx,
    args[0] ? evaluate(ctx, args[0], scope) : unknown("a missing argument", call, scope.mod),
    node,
    scope.mod,
  );
}

/** `defineEntsFromTables({ name: defineTable(...), ... })`. */
export function entsFromTablesCall(ctx: ParseContext, args: Node[], call: Node, scope: Scope): Val {
  const obj = args[0] ? evaluate(ctx, args[0], scope) : unknown("a missing argument", call, scope.mod);
  if (obj.t !== "object")
    return obj.t === "unknown"
      ? obj
      : unknown(`the argument of "defineEntsFromTables" is not an object`, args[0], scope.mod);
  const entries = new Map<string, Entry>();
  for (const [k, e] of obj.entries)
    entries.set(k, { ...e, value: entFromTable(ctx, e.value, e.prop ?? args[0], e.mod ?? scope.mod) });
  return { t: "object", entries };
}

function entFromTable(ctx: ParseContext, tv: Val, node: Node, mod: SourceModule): Val {
  if (tv.t === "unknown") return tv;
  if (tv.t !== "table" || tv.ent) {
    ctx.error(
      "SA006",
      `"defineEntFromTable" needs a "defineTable(...)" value, got "${snippet(mod, node)}".`,
      node,
      mod,
    );
    return unknown("not a table", node, mod);
  }
  const t = tv.table;
  // A document that could not be read statically was already warned about; only a known non-object is an error.
  if (t.variants || (t.anyDocument && !tv.meta.unresolved)) {
    ctx.error(
      "SA007",
      `Only tables with an object document can become ents ("defineEntFromTable"), not unions or "v.any()".`,
      node,
      mod,
    );
  }
  const live = <T extends { staged?: boolean }>(xs: T[]) => xs.filter((x) => !x.staged);
  const table: Table = {
    ...t,
    fields: [...t.fields],
    indexes: live(t.indexes),
    searchIndexes: live(t.searchIndexes),
    vectorIndexes: live(t.vectorIndexes),
  };
  return { t: "table", table, meta: tv.meta, ent: { edges: new Map() } };
}

/** A method call on an ent: its own methods, or the index methods it shares with `defineTable`. */
export function callEntMethod(
  ctx: ParseContext,
  tv: TableVal,
  method: string,
  argNodes: Node[],
  call: Node,
  callee: Node,
  scope: Scope,
): Val {
  if (method === "index" || method === "searchIndex" || method === "vectorIndex")
    return callTableMethod(ctx, tv, method, argNodes, call, callee, scope);
  const mod = scope.mod;
  const at = callee.property as Node;
  const next: Val = { ...tv, meta: { ...tv.meta, chain: call } };
  if (method !== "field" && method !== "edge" && method !== "edges" && method !== "deletion") {
    ctx.warn("SA105", `Unknown method ".${method}()" of a convex-ents definition is ignored.`, at, mod);
    return next;
  }
  const args = argNodes.map((a) => evaluate(ctx, a, scope));
  const name = args[0]?.t === "lit" && typeof args[0].value === "string" ? args[0].value : undefined;
  const optionsAt = method === "field" ? 2 : 1;
  const opts = name === undefined ? `the name is not a string literal` : readOptions(args[optionsAt]);
  if (typeof opts === "string") {
    ctx.warn(
      "SA113",
      `Cannot resolve ".${snippet(mod, { ...call, start: at.start })}" statically (${opts}); what it adds is missing.`,
      at,
      mod,
    );
    return next;
  }
  const problem = apply(ctx, tv, method, name!, opts, args[1], { at, call, mod, argNode: argNodes[1] ?? call });
  if (problem) ctx.error("SA007", problem, at, mod);
  return next;
}

interface Where {
  at: Node;
  call: Node;
  mod: SourceModule;
  argNode: Node;
}

/** Applies one ent method; returns the error convex-ents would throw, if any. */
function apply(
  ctx: ParseContext,
  tv: TableVal,
  method: string,
  name: string,
  o: Map<string, Option>,
  arg1: Val | undefined,
  w: Where,
): string | undefined {
  const ent = tv.ent!;
  const t = tv.table;
  const loc = locOf(w.mod, w.at);
  const idOf = (table: string) => ({ kind: "id" as const, table });
  const str = (k: string) => o.get(k) as string | undefined;
  if (method === "field") {
    if (has(t, name)) return `Duplicate field "${name}" in a convex-ents definition.`;
    const v = toValidatorVal(ctx, arg1 ?? unknown("a missing argument", w.call, w.mod), w.argNode, w.mod);
    expand(t, { name, validator: v.v, optional: v.optional || o.get("default") !== undefined, loc });
    if (o.get("unique") === true || o.get("index") === true) t.indexes.push({ name, fields: [name], loc });
    return undefined;
  }
  if (method === "deletion") {
    if (has(t, "deletionTime"))
      return `Cannot enable "${name}" deletion because the "deletionTime" field was already defined.`;
    if (ent.deletion !== undefined) return `Deletion behavior can only be specified once.`;
    expand(t, { name: "deletionTime", validator: { kind: "number" }, optional: true, loc });
    ent.deletion = name;
    return undefined;
  }
  const base = { name, node: w.at, call: w.call, mod: w.mod, deletion: str("deletion") };
  if (method === "edge") {
    if (ent.edges.has(name)) return `Duplicate edge "${name}" in a convex-ents definition.`;
    const to = str("to") ?? name + "s";
    const ref = o.get("ref") as string | true | undefined;
    if (str("field") !== undefined && ref !== undefined) {
      return `Edge "${name}" cannot have both \`field\` and \`ref\`: choose one to be the reference and the other to store the foreign key.`;
    }
    if (ref !== undefined) {
      ent.edges.set(name, { ...base, to, cardinality: "single", type: "ref", ref: ref === true ? null : ref });
      return undefined;
    }
    const field = str("field") ?? name + "Id";
    expand(t, { name: field, validator: idOf(to), optional: o.get("optional") === true, loc });
    ent.edges.set(name, { ...base, to, cardinality: "single", type: "field", field });
    // convex-ents always indexes an edge's id field: the project cannot drop or change that index.
    t.indexes.push({ name: field, fields: [field], loc, generatedBy: "convex-ents" });
    return undefined;
  }
  const to = str("to") ?? name;
  const [ref, table, field, inverseField, inverse] = [
    o.get("ref") as string | true | undefined,
    str("table"),
    str("field"),
    str("inverseField"),
    str("inverse"),
  ];
  if (ref !== undefined && table !== undefined) {
    return `Edges "${name}" cannot have both \`ref\` and \`table\`: the former is for 1:many edges and the latter for many:many edges.`;
  }
  if ((field !== undefined || inverseField !== undefined) && table === undefined) {
    return `Edges "${name}" customize \`field\` or \`inverseField\` of a many:many edge without \`table\`.`;
  }
  const common = { ...base, to, cardinality: "multiple" as const };
  ent.edges.set(
    name,
    ref !== undefined
      ? { ...common, type: "field", ref }
      : { ...common, deletion: undefined, type: "ref", table, field, inverseField },
  );
  if (inverse !== undefined)
    ent.edges.set(inverse, { ...common, deletion: undefined, name: inverse, type: "ref", inverse: name, table });
  return undefined;
}

// The options convex-ents reads, by the literal types they take ("ref" is `true` or a field name).
const OPTION_TYPES: Record<string, (v: unknown) => boolean> = {
  ...Object.fromEntries(
    ["to", "field", "table", "inverse", "inverseField", "deletion"].map((k) => [
      k,
      (v: unknown) => typeof v === "string",
    ]),
  ),
  ...Object.fromEntries(["optional", "unique", "index"].map((k) => [k, (v: unknown) => typeof v === "boolean"])),
  ref: (v) => v === true || typeof v === "string",
};

/** Option objects hold literals only (`default` may be any value: only whether it is given matters). */
function readOptions(val: Val | undefined): Map<string, Option> | string {
  const out = new Map<string, Option>();
  if (!val || (val.t === "lit" && val.value === undefined)) return out;
  if (val.t !== "object") return val.t === "unknown" ? val.reason : "the options are not an object literal";
  for (const [k, e] of val.entries) {
    const v = e.value;
    if (k === "default") out.set(k, v.t === "lit" && v.value === undefined ? undefined : true);
    else if (v.t === "lit" && v.value === undefined) continue;
    else if (!OPTION_TYPES[k])
      continue; // options that do not shape the schema
    else if (v.t === "lit" && OPTION_TYPES[k](v.value)) out.set(k, v.value as Option);
    else return v.t === "unknown" ? v.reason : `the option "${k}" is not a literal of the type convex-ents takes`;
  }
  return out;
}

function has(t: Table, name: string): boolean {
  return (t.variants ?? [t.fields]).some((fields) => fields.some((f) => f.name === name));
}

/** Adds (or replaces in place) a field of the document, of every variant when it is a union. */
function expand(t: Table, field: Field): void {
  const put = (fields: Field[]): Field[] => {
    const i = fields.findIndex((f) => f.name === field.name);
    return i >= 0 ? fields.map((f, j) => (j === i ? field : f)) : [...fields, field];
  };
  if (t.anyDocument) return;
  if (t.variants) {
    t.variants = t.variants.map(put);
    t.fields = mergeVariants(t.variants);
  } else t.fields = put(t.fields);
}
