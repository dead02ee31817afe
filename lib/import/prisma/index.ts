/**
 * Prisma schema → ImportPlan.
 *
 * Scalar fields become columns; relation fields with `fields:`/`references:` become foreign keys; list relations on
 * both sides without `fields:` become an implicit many-to-many join table (Prisma's `_AToB` with columns A and B).
 */
import type { Diagnostic, Validator } from "../../schema/model";
import { camelCase, idFieldName, pascalCase, tableNameForModel } from "../naming";
import { diag, type ImportPlan, type PlanColumn, type PlanTable, type SchemaImportOptions } from "../plan";
import { arrayOf, enumValidator, mapPrismaScalar, mapUnsupported, type MappedType } from "../types";
import { argNames, argText, readPrisma, valueText, type PBlock, type PEnum, type PField, type PSchema } from "./ast";
import pluralize from "pluralize";

interface Ctx {
  schema: PSchema;
  file: string;
  decimalAs: "number" | "string";
  diagnostics: Diagnostic[];
  models: Map<string, PBlock>;
  enums: Map<string, PEnum>;
  types: Map<string, PBlock>;
}

/** Parses a Prisma schema into an import plan. Syntax errors come back as one `IMP-PARSE` error diagnostic. */
export function prismaToPlan(source: string, options: SchemaImportOptions = {}): ImportPlan {
  const file = options.file ?? "schema.prisma";
  const read = readPrisma(source, file);
  if (!read.ok) return { source: "prisma", tables: [], diagnostics: [read.error] };
  const ctx: Ctx = {
    schema: read.schema,
    file,
    decimalAs: options.decimalAs ?? "number",
    diagnostics: [],
    models: new Map(read.schema.blocks.filter((b) => b.kind === "model").map((b) => [b.name, b])),
    enums: new Map(read.schema.enums.map((e) => [e.name, e])),
    types: new Map(read.schema.blocks.filter((b) => b.kind === "type").map((b) => [b.name, b])),
  };
  for (const b of read.schema.blocks) {
    if (b.kind === "view") {
      ctx.diagnostics.push(
        diag(
          "IMP-VIEW",
          "warning",
          `View "${b.name}" is not imported: Convex has no views.`,
          b.name,
          b.loc,
          "Write a query function that computes the view.",
        ),
      );
    }
  }
  const tables = [...ctx.models.values()].map((m) => modelTable(ctx, m));
  for (const m of ctx.models.values()) addForeignKeys(ctx, m, tables);
  tables.push(...joinTables(ctx, tables));
  return { source: "prisma", tables, diagnostics: ctx.diagnostics };
}

function dbName(attrs: { name: string; args: unknown[] }[], fallback: string): string {
  const map = attrs.find((a) => a.name === "map");
  return (map && argText(map.args[0] as never)) || fallback;
}

function isRelation(ctx: Ctx, f: PField): boolean {
  return ctx.models.has(f.type);
}

function mapType(ctx: Ctx, f: PField, where: string): MappedType {
  let m: MappedType | undefined = mapPrismaScalar(f.type, ctx.decimalAs);
  const en = ctx.enums.get(f.type);
  if (!m && en) {
    const values = Object.fromEntries(en.values.map((v) => [v.stored, v.name]));
    m = { validator: enumValidator(en.values.map((v) => v.name)), conversion: { kind: "enum", values } };
  }
  const composite = ctx.types.get(f.type);
  if (!m && composite) {
    const inner = composite.fields.map((cf) => ({ cf, m: mapType(ctx, cf, `${where}.${cf.name}`) }));
    const fields = inner.map(({ cf, m: x }) => ({ name: cf.name, validator: x.validator, optional: cf.optional }));
    m = {
      validator: { kind: "object", fields },
      conversion: { kind: "object", fields: Object.fromEntries(inner.map(({ cf, m: x }) => [cf.name, x.conversion])) },
    };
  }
  if (!m) m = mapUnsupported(f.unsupported ?? `type "${f.type}"`);
  if (m.note)
    ctx.diagnostics.push(
      diag(m.note.code, m.note.severity, `Field "${where}": ${m.note.message}`, where, f.loc, m.note.fix),
    );
  return f.list ? arrayOf(m) : m;
}

function modelTable(ctx: Ctx, m: PBlock): PlanTable {
  const name = tableNameForModel(m.name);
  const table: PlanTable = {
    source: dbName(m.attrs, m.name),
    name,
    origin: m.name,
    columns: [],
    primaryKey: [],
    foreignKeys: [],
    uniques: [],
    indexes: [],
    loc: m.loc,
  };
  if (m.doc) table.description = m.doc;
  const colOf = (field: string) => dbName(m.fields.find((f) => f.name === field)?.attrs ?? [], field);
  for (const f of m.fields) {
    if (isRelation(ctx, f)) continue;
    table.columns.push(scalarColumn(ctx, f, name));
    const path = `${name}.${f.name}`;
    if (f.attrs.some((a) => a.name === "id" && !a.group)) table.primaryKey = [colOf(f.name)];
    if (f.attrs.some((a) => a.name === "unique" && !a.group))
      table.uniques.push({ columns: [colOf(f.name)], loc: f.loc });
    for (const a of f.attrs.filter((x) => x.group === "db")) {
      ctx.diagnostics.push(
        diag(
          "IMP-NATIVE-TYPE",
          "info",
          `Field "${path}": native type @db.${a.name}${a.args.length ? `(${a.args.map(valueText).join(", ")})` : ""} is not enforced by Convex.`,
          path,
          a.loc,
        ),
      );
    }
  }
  for (const a of m.attrs) {
    const fields = argNames(a.args[0] ?? a.keyed.fields);
    const sourceName = argText(a.keyed.name) ?? argText(a.keyed.map);
    if (a.name === "id") table.primaryKey = fields.map(colOf);
    else if (a.name === "unique") table.uniques.push({ columns: fields.map(colOf), sourceName, loc: a.loc });
    else if (a.name === "index") {
      const type = argText(a.keyed.type);
      if (type && !/^(BTree|Hash)$/i.test(type)) {
        ctx.diagnostics.push(
          diag(
            "IMP-INDEX-METHOD",
            "warning",
            `Index ${sourceName ? `"${sourceName}" ` : ""}on "${m.name}" (${fields.join(", ")}) uses ${type}, which an ordered Convex index cannot replace; it is not imported.`,
            name,
            a.loc,
            "Use a search index for text search.",
          ),
        );
      } else table.indexes.push({ columns: fields.map(colOf), sourceName, loc: a.loc });
    } else if (a.name === "fulltext") {
      ctx.diagnostics.push(
        diag(
          "IMP-FULLTEXT",
          "warning",
          `Full-text index on "${m.name}" (${fields.join(", ")}) is not imported: a Convex search index covers one field.`,
          name,
          a.loc,
          "Add a searchIndex on the main text field.",
        ),
      );
    } else if (a.name !== "map" && a.name !== "schema") {
      ctx.diagnostics.push(
        diag(
          "IMP-UNSUPPORTED",
          "warning",
          `Attribute "@@${a.name}" on model "${m.name}" is not imported.`,
          name,
          a.loc,
        ),
      );
    }
  }
  return table;
}

function scalarColumn(ctx: Ctx, f: PField, table: string): PlanColumn {
  const path = `${table}.${f.name}`;
  const mapped = mapType(ctx, f, path);
  const col: PlanColumn = {
    source: dbName(f.attrs, f.name),
    field: f.name.replace(/^_+/, "") || f.name,
    validator: mapped.validator,
    conversion: mapped.conversion,
    // Prisma lists cannot be NULL (they default to empty); optional scalars can.
    nullable: f.optional,
    loc: f.loc,
  };
  if (f.doc) col.description = f.doc;
  const def = f.attrs.find((a) => a.name === "default" && !a.group);
  if (def) col.default = valueText(def.args[0]);
  if (f.attrs.some((a) => a.name === "updatedAt")) col.updatedAt = true;
  return col;
}

/** Relation fields with `fields: [...]` own the foreign key. */
function addForeignKeys(ctx: Ctx, m: PBlock, tables: PlanTable[]): void {
  const table = tables.find((t) => t.origin === m.name);
  if (!table) return;
  for (const f of m.fields) {
    if (!isRelation(ctx, f)) continue;
    const rel = f.attrs.find((a) => a.name === "relation");
    const fields = argNames(rel?.keyed.fields);
    if (!rel || fields.length === 0) continue;
    const target = tables.find((t) => t.origin === f.type);
    const targetModel = ctx.models.get(f.type);
    if (!target || !targetModel) continue;
    const refs = argNames(rel.keyed.references);
    const colOf = (model: PBlock, field: string) =>
      dbName(model.fields.find((x) => x.name === field)?.attrs ?? [], field);
    const columns = fields.map((x) => colOf(m, x));
    const nullable = columns.some((c) => table.columns.find((col) => col.source === c)?.nullable);
    const field =
      columns.length === 1
        ? (table.columns.find((c) => c.source === columns[0])?.field ?? idFieldName(f.name))
        : idFieldName(f.name);
    table.foreignKeys.push({
      columns,
      target: target.source,
      targetColumns: refs.length ? refs.map((r) => colOf(targetModel, r)) : target.primaryKey,
      field,
      optional: nullable || f.optional,
      loc: f.loc,
    });
    if (columns.length > 1) {
      ctx.diagnostics.push(
        diag(
          "IMP-COMPOSITE-FK",
          "info",
          `Relation "${m.name}.${f.name}" uses a composite key (${fields.join(", ")}): it becomes field "${table.name}.${field}" and the key fields are kept as plain values.`,
          `${table.name}.${field}`,
          f.loc,
        ),
      );
    }
  }
}

/** Implicit many-to-many: `Post.tags Tag[]` and `Tag.posts Post[]` with no `fields:` → `_PostToTag(A, B)`. */
function joinTables(ctx: Ctx, tables: PlanTable[]): PlanTable[] {
  const out: PlanTable[] = [];
  const seen = new Set<string>();
  for (const m of ctx.models.values()) {
    for (const f of m.fields) {
      if (!isRelation(ctx, f) || !f.list) continue;
      const rel = f.attrs.find((a) => a.name === "relation");
      if (rel && argNames(rel.keyed.fields).length) continue;
      const relName = argText(rel?.args[0]) ?? argText(rel?.keyed.name);
      const other = ctx.models.get(f.type)!;
      const back = other.fields.find((g) => g !== f && g.type === m.name && g.list && relationName(g) === relName);
      if (!back) continue;
      const [a, b] = [m.name, other.name].sort();
      const source = `_${relName ?? `${a}To${b}`}`;
      if (seen.has(source)) continue;
      seen.add(source);
      out.push(joinTable(ctx, source, relName, a, b, tables, f));
    }
  }
  return out;
}

function relationName(f: PField): string | undefined {
  const rel = f.attrs.find((a) => a.name === "relation");
  return argText(rel?.args[0]) ?? argText(rel?.keyed.name);
}

function joinTable(
  ctx: Ctx,
  source: string,
  relName: string | undefined,
  a: string,
  b: string,
  tables: PlanTable[],
  f: PField,
): PlanTable {
  const ta = tables.find((t) => t.origin === a)!;
  const tb = tables.find((t) => t.origin === b)!;
  const name = relName ? camelCase(pluralize(relName)) : `${camelCase(pluralize(a))}To${pascalCase(pluralize(b))}`;
  const self = a === b;
  const fa = self ? `${camelCase(a)}AId` : idFieldName(a);
  const fb = self ? `${camelCase(b)}BId` : idFieldName(b);
  const pkType = (t: PlanTable): Validator =>
    t.columns.find((c) => c.source === t.primaryKey[0])?.validator ?? { kind: "string" };
  const column = (src: string, field: string, t: PlanTable): PlanColumn => ({
    source: src,
    field,
    validator: pkType(t),
    conversion: { kind: "string" },
    nullable: false,
  });
  ctx.diagnostics.push(
    diag(
      "IMP-M2M",
      "info",
      `Implicit many-to-many "${source}" between "${a}" and "${b}" becomes join table "${name}".`,
      name,
      f.loc,
    ),
  );
  return {
    source,
    name,
    origin: source,
    joinTable: true,
    columns: [column("A", fa, ta), column("B", fb, tb)],
    primaryKey: [],
    foreignKeys: [
      { columns: ["A"], target: ta.source, targetColumns: ta.primaryKey, field: fa, optional: false },
      { columns: ["B"], target: tb.source, targetColumns: tb.primaryKey, field: fb, optional: false },
    ],
    uniques: [{ columns: ["A", "B"], sourceName: `${source}_AB_unique`, loc: f.loc }],
    indexes: [{ columns: ["B"], sourceName: `${source}_B_index`, loc: f.loc }],
    loc: f.loc,
  };
}
