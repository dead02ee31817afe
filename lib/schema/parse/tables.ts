/** `defineTable(...)` with its `.index/.searchIndex/.vectorIndex/.staged` chain, and `defineSchema(...)`. */
import { mergeVariants, type SchemaOptions, type Table, type Validator } from "../model";

export { mergeVariants };
import type { ParseContext } from "./context";
import { evaluate } from "./evaluate";
import { packageOfFile } from "./known";
import { locOf, type Node, type SourceModule } from "./source";
import { toFields } from "./validators";
import { snippet, unknown, type Entry, type Scope, type TableMeta, type Val } from "./values";

type TableVal = Extract<Val, { t: "table" }>;

export function defineTableCall(ctx: ParseContext, args: Node[], call: Node, scope: Scope): Val {
  const doc = args[0] ? evaluate(ctx, args[0], scope) : unknown("a missing argument", call, scope.mod);
  return defineTableFrom(ctx, doc, args[0], call, scope.mod);
}

/** convex-helpers' `Table(name, fields)`: `{ name, table, doc, withoutSystemFields, withSystemFields, systemFields, _id }`. */
export function tableHelper(ctx: ParseContext, args: Node[], call: Node, scope: Scope): Val {
  const mod = scope.mod;
  const name = args[0] ? evaluate(ctx, args[0], scope) : undefined;
  const fields = args[1] ? evaluate(ctx, args[1], scope) : unknown("a missing argument", call, mod);
  if (name?.t !== "lit" || typeof name.value !== "string")
    return unknown(`the table name of "Table(...)"`, args[0] ?? call, mod);
  const table = defineTableFrom(ctx, fields, args[1], call, mod);
  const loc = locOf(mod, call);
  const entry = (key: string, value: Val): [string, Entry] => [key, { key, value, loc }];
  const id: Val = { t: "validator", v: { kind: "id", table: name.value }, optional: false };
  const system = new Map([
    entry("_id", id),
    entry("_creationTime", { t: "validator", v: { kind: "number" }, optional: false }),
  ]);
  const own = fields.t === "object" ? fields.entries : new Map<string, Entry>();
  const withSystem = new Map([...own, ...system]);
  const docFields =
    table.t === "table"
      ? [
          ...table.table.fields,
          { name: "_id", validator: id.v, optional: false },
          { name: "_creationTime", validator: { kind: "number" as const }, optional: false },
        ]
      : [];
  return {
    t: "object",
    entries: new Map([
      entry("name", name),
      entry("table", table),
      entry("doc", { t: "validator", v: { kind: "object", fields: docFields }, optional: false }),
      entry("withoutSystemFields", { t: "object", entries: own }),
      entry("withSystemFields", { t: "object", entries: withSystem }),
      entry("systemFields", { t: "object", entries: system }),
      entry("_id", id),
    ]),
  };
}

export function defineTableFrom(
  ctx: ParseContext,
  doc: Val,
  docNode: Node | undefined,
  call: Node,
  mod: SourceModule,
): Val {
  const table: Table = { name: "", fields: [], indexes: [], searchIndexes: [], vectorIndexes: [] };
  const meta: TableMeta = { mod, call, chain: call, fieldProps: new Map(), indexCalls: new Map() };
  const pkg = packageOfFile(mod.file);
  if (pkg) table.generatedBy = pkg;
  const argNode = docNode ?? call;
  if (doc.t === "object") {
    table.fields = toFields(ctx, doc, mod, argNode);
    if (doc.node && doc.mod) {
      meta.doc = doc.node;
      meta.docMod = doc.mod;
    }
    for (const e of doc.entries.values()) if (e.prop) meta.fieldProps.set(e.key, e.prop);
  } else if (doc.t === "validator") {
    documentFromValidator(ctx, table, doc.v, argNode, mod);
  } else if (doc.t === "unknown") {
    ctx.warn(
      "SA103",
      `Cannot resolve the document of "defineTable(${snippet(mod, argNode)})" statically (${doc.reason}); the table is read as "v.any()".`,
      argNode,
      mod,
    );
    table.anyDocument = true;
    meta.unresolved = true;
  } else {
    ctx.error(
      "SA006",
      `"defineTable" needs an object of validators or a validator, got "${snippet(mod, argNode)}".`,
      argNode,
      mod,
    );
  }
  return { t: "table", table, meta };
}

function documentFromValidator(ctx: ParseContext, table: Table, v: Validator, node: Node, mod: SourceModule): void {
  if (v.kind === "object") table.fields = v.fields;
  else if (v.kind === "any") table.anyDocument = true;
  else if (v.kind === "union" && v.members.every((m) => m.kind === "object")) {
    table.variants = v.members.map((m) => (m.kind === "object" ? m.fields : []));
    table.fields = mergeVariants(table.variants);
  } else {
    ctx.warn(
      "SA111",
      `The document validator "${snippet(mod, node)}" is not an object or a union of objects; the table is read as "v.any()".`,
      node,
      mod,
    );
    table.anyDocument = true;
  }
}

/** `.index`, `.searchIndex`, `.vectorIndex`, `.staged` on a table. Like Convex, the definition is changed in place. */
export function callTableMethod(
  ctx: ParseContext,
  tv: TableVal,
  method: string,
  argNodes: Node[],
  call: Node,
  callee: Node,
  scope: Scope,
): Val {
  const mod = scope.mod;
  const args = argNodes.map((a) => evaluate(ctx, a, scope));
  const name = args[0]?.t === "lit" && typeof args[0].value === "string" ? args[0].value : undefined;
  const cfg = args[1];
  const loc = locOf(mod, callee.property);
  // An index a package's own module declares (authTables, rateLimitTables) is that package's.
  const pkg = packageOfFile(mod.file);
  const made = pkg ? { generatedBy: pkg } : {};
  const skip = (why: string): Val => {
    ctx.warn(
      "SA104",
      `Cannot resolve ".${snippet(mod, { ...call, start: callee.property.start })}" statically (${why}); the index is missing.`,
      callee.property,
      mod,
    );
    return { ...tv, meta: { ...tv.meta, chain: call } };
  };
  if (method === "staged") {
    ctx.warn(
      "SA109",
      `The staged validator ".staged(...)" is not modeled; only the enforced document is read.`,
      callee.property,
      mod,
    );
    return { ...tv, meta: { ...tv.meta, chain: call } };
  }
  if (method !== "index" && method !== "searchIndex" && method !== "vectorIndex") {
    ctx.warn("SA105", `Unknown table method ".${method}()" is ignored.`, callee.property, mod);
    return { ...tv, meta: { ...tv.meta, chain: call } };
  }
  if (!name) return skip("the index name is not a string literal");
  const t = tv.table;
  if (method === "index") {
    const fields = stringList(cfg?.t === "object" ? cfg.entries.get("fields")?.value : cfg);
    if (!fields) return skip("the index fields are not a list of strings");
    t.indexes.push({ name, fields, ...(staged(cfg) ? { staged: true } : {}), loc, ...made });
  } else if (cfg?.t !== "object") return skip("the index configuration is not an object literal");
  else if (method === "searchIndex") {
    const searchField = str(cfg.entries.get("searchField")?.value);
    if (!searchField) return skip(`"searchField" is not a string`);
    const filterFields = stringList(cfg.entries.get("filterFields")?.value) ?? [];
    t.searchIndexes.push({ name, searchField, filterFields, ...(staged(cfg) ? { staged: true } : {}), loc, ...made });
  } else {
    const vectorField = str(cfg.entries.get("vectorField")?.value);
    const dims = cfg.entries.get("dimensions")?.value;
    if (!vectorField || dims?.t !== "lit" || typeof dims.value !== "number")
      return skip(`"vectorField" or "dimensions" is not a literal`);
    const filterFields = stringList(cfg.entries.get("filterFields")?.value) ?? [];
    t.vectorIndexes.push({
      name,
      vectorField,
      dimensions: dims.value,
      filterFields,
      ...(staged(cfg) ? { staged: true } : {}),
      loc,
      ...made,
    });
  }
  tv.meta.indexCalls.set(name, { property: callee.property, call, object: callee.object, mod });
  return { ...tv, meta: { ...tv.meta, chain: call } };
}

function str(v: Val | undefined): string | undefined {
  return v?.t === "lit" && typeof v.value === "string" ? v.value : undefined;
}

function stringList(v: Val | undefined): string[] | undefined {
  if (v?.t !== "array") return undefined;
  const out = v.items.map(str);
  return out.every((x): x is string => x !== undefined) ? out : undefined;
}

function staged(cfg: Val | undefined): boolean {
  const s = cfg?.t === "object" ? cfg.entries.get("staged")?.value : undefined;
  return s?.t === "lit" && s.value === true;
}

/** `defineSchema(tables, options?)`. Table definitions used under two names are copied, as each name is a table. */
export function defineSchemaCall(ctx: ParseContext, args: Node[], call: Node, scope: Scope): Val {
  const tablesVal = args[0] ? evaluate(ctx, args[0], scope) : unknown("a missing argument", call, scope.mod);
  return defineSchemaFrom(ctx, tablesVal, args, call, scope);
}

/** `defineSchema` over an evaluated tables object (`args` are the call's argument nodes: tables, options). */
export function defineSchemaFrom(ctx: ParseContext, tablesVal: Val, args: Node[], call: Node, scope: Scope): Val {
  const mod = scope.mod;
  const tables: Table[] = [];
  const metas = new Map<Table, TableMeta & { prop?: Node }>();
  if (tablesVal.t !== "object") {
    const reason = tablesVal.t === "unknown" ? tablesVal.reason : "it is not an object";
    ctx.error("SA004", `Cannot read the tables of "defineSchema" (${reason}).`, args[0] ?? call, mod);
  } else {
    const seen = new Set<Table>();
    for (const e of tablesVal.entries.values()) {
      ctx.path.push(e.key);
      const t = tableFromEntry(ctx, e.value, e.prop ?? call, e.mod ?? mod, seen);
      ctx.path.pop();
      if (!t) continue;
      t.table.name = e.key;
      if (e.loc) t.table.loc = e.loc;
      if (e.description && !t.table.description) t.table.description = e.description;
      tables.push(t.table);
      if (t.meta) metas.set(t.table, { ...t.meta, prop: e.mod === mod ? e.prop : undefined });
    }
  }
  const options = schemaOptions(ctx, args[1], scope);
  return {
    t: "schema",
    tables,
    options,
    metas,
    call,
    mod,
    tablesNode: tablesVal.t === "object" && tablesVal.mod === mod ? tablesVal.node : undefined,
  };
}

function tableFromEntry(
  ctx: ParseContext,
  val: Val,
  node: Node,
  mod: SourceModule,
  seen: Set<Table>,
): { table: Table; meta?: TableMeta } | undefined {
  if (val.t === "table") {
    const table = seen.has(val.table) ? structuredClone(val.table) : val.table;
    seen.add(val.table);
    return { table: { ...table }, meta: val.meta };
  }
  if (val.t === "unknown") {
    ctx.warn(
      "SA103",
      `Cannot resolve the table "${ctx.path.join(".")}" statically (${val.reason}); it is read as "v.any()".`,
      node,
      mod,
    );
    return { table: { name: "", fields: [], anyDocument: true, indexes: [], searchIndexes: [], vectorIndexes: [] } };
  }
  ctx.error("SA006", `Table "${ctx.path.join(".")}" is not a "defineTable(...)" value.`, node, mod);
  return undefined;
}

function schemaOptions(ctx: ParseContext, node: Node | undefined, scope: Scope): SchemaOptions {
  const options: SchemaOptions = { schemaValidation: true, strictTableNameTypes: true };
  if (!node) return options;
  const val = evaluate(ctx, node, scope);
  if (val.t !== "object") {
    ctx.warn(
      "SA106",
      `Cannot resolve the options of "defineSchema" statically; the defaults are used.`,
      node,
      scope.mod,
    );
    return options;
  }
  for (const key of ["schemaValidation", "strictTableNameTypes"] as const) {
    const e = val.entries.get(key);
    if (!e) continue;
    if (e.value.t === "lit" && typeof e.value.value === "boolean") options[key] = e.value.value;
    else
      ctx.warn(
        "SA106",
        `Cannot resolve the option "${key}" statically; the default (true) is used.`,
        e.prop ?? node,
        e.mod ?? scope.mod,
      );
  }
  return options;
}
