/**
 * PostgreSQL DDL (a schema file or a full pg_dump) → ImportPlan.
 *
 * Each statement is parsed on its own with pgsql-ast-parser so one unsupported statement is reported with its line
 * and the rest still imports. Data statements (INSERT, COPY) are left to the data reader.
 */
import pluralize from "pluralize";
import {
  parse,
  toSql,
  type CreateColumnDef,
  type CreateTableStatement,
  type DataTypeDef,
  type Statement,
  type TableConstraint,
} from "pgsql-ast-parser";
import type { Diagnostic, SourceLocation } from "../../schema/model";
import { fieldName, idFieldName, tableNameForSql } from "../naming";
import { diag, type ImportPlan, type PlanColumn, type PlanTable, type SchemaImportOptions } from "../plan";
import { arrayOf, enumValidator, mapPgType, unsupportedPgType, type MappedType } from "../types";
import { LineIndex, splitSql, type SqlStatement } from "./split";

export { splitSql, LineIndex, type SqlStatement } from "./split";

interface Ctx {
  file: string;
  decimalAs: "number" | "string";
  diagnostics: Diagnostic[];
  enums: Map<string, string[]>;
  /** CREATE DOMAIN name → base type text. */
  domains: Map<string, string>;
  tables: PlanTable[];
  /** Location of the statement being read. */
  loc: SourceLocation;
  lines: LineIndex;
  stmt: SqlStatement;
}

type Located = { _location?: { start: number; end: number } };

/** The source location of a node of the current statement (the statement's own when unknown). */
function locOf(ctx: Ctx, node: unknown): SourceLocation {
  const l = (node as Located | undefined)?._location;
  return l ? { file: ctx.file, ...ctx.lines.at(ctx.stmt.offset + l.start) } : ctx.loc;
}

/** The node's text as written in the source. */
function textOf(ctx: Ctx, node: unknown, fallback: () => string): string {
  const l = (node as Located | undefined)?._location;
  return l ? ctx.stmt.text.slice(l.start, l.end) : fallback();
}

/** Statements that carry nothing for a Convex schema; skipped without a warning. */
const IGNORED =
  /^(SET|SELECT\s+pg_catalog\.|SELECT\s+setval|GRANT|REVOKE|BEGIN|COMMIT|START\s+TRANSACTION|CREATE\s+(EXTENSION|SCHEMA|SEQUENCE)|ALTER\s+(SEQUENCE|SCHEMA|DEFAULT\s+PRIVILEGES|EXTENSION)|ALTER\s+\w+(\s+\w+)?\s[\s\S]*\sOWNER\s+TO\s+\S+$|\\connect|\\restrict|\\unrestrict|INSERT\s|COPY\s|ANALYZE|VACUUM)/i;

const NAME = String.raw`(?:(?:"(?:[^"]|"")+"|[\w$]+)\.)?("(?:[^"]|"")+"|[\w$]+)`;
const DOMAIN = new RegExp(
  String.raw`^CREATE\s+DOMAIN\s+${NAME}\s+(?:AS\s+)?([\s\S]+?)(?:\s+(?:CONSTRAINT|CHECK|NOT\s+NULL|NULL|DEFAULT|COLLATE)\b[\s\S]*)?$`,
  "i",
);
const PARTITION_OF = new RegExp(
  String.raw`^CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?${NAME}\s+PARTITION\s+OF\s+${NAME}`,
  "i",
);
const ATTACH = new RegExp(String.raw`^ALTER\s+TABLE\s+(?:ONLY\s+)?${NAME}\s+ATTACH\s+PARTITION\s+${NAME}`, "i");

function unquote(name: string): string {
  return name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name;
}

/** `CREATE DOMAIN year AS integer CHECK (...)`: columns of the domain type get the base type. */
function readDomain(ctx: Ctx, head: string): boolean {
  const m = DOMAIN.exec(head);
  if (!m) return false;
  ctx.domains.set(unquote(m[1]), m[2].trim());
  return true;
}

/** Partitions hold rows of their parent: the parent gets the partition as an alias (data files name partitions). */
function readPartition(ctx: Ctx, head: string): boolean {
  const of = PARTITION_OF.exec(head);
  const attach = of ? undefined : ATTACH.exec(head);
  if (!of && !attach) return false;
  const [child, parent] = of ? [unquote(of[1]), unquote(of[2])] : [unquote(attach![2]), unquote(attach![1])];
  const p = findTable(ctx, parent);
  if (!p) return (unsupported(ctx, `Partition "${child}" of unknown table "${parent}"`), true);
  p.aliases = [...(p.aliases ?? []), child];
  const i = ctx.tables.findIndex((t) => t.source === child);
  if (i >= 0) {
    p.aliases.push(...(ctx.tables[i].aliases ?? []));
    ctx.tables.splice(i, 1);
    // The partition's own column notes repeat the parent's.
    const childName = tableNameForSql(child);
    ctx.diagnostics = ctx.diagnostics.filter((d) => !d.path?.startsWith(`${childName}.`));
  }
  ctx.diagnostics.push(
    diag(
      "IMP-PARTITION",
      "info",
      `Partition "${child}" is merged into table "${p.name}": Convex tables are not partitioned.`,
      p.name,
      ctx.loc,
    ),
  );
  return true;
}

const COMMENT_ON = new RegExp(
  String.raw`^COMMENT\s+ON\s+(TABLE|COLUMN)\s+((?:${NAME}\.)?${NAME})\s+IS\s+(?:E?'((?:[^']|'')*)'|NULL)\s*$`,
  "i",
);

/** `COMMENT ON TABLE|COLUMN ... IS '...'` → descriptions in the schema; other COMMENT ON statements are skipped. */
function readComment(ctx: Ctx, head: string): boolean {
  if (!/^COMMENT\s+ON\s/i.test(head)) return false;
  const m = COMMENT_ON.exec(head);
  if (!m || m[5] === undefined) return true;
  const parts = m[2].match(/"(?:[^"]|"")+"|[^."]+/g)!.map(unquote);
  const text = m[5].replace(/''/g, "'");
  if (m[1].toUpperCase() === "TABLE") {
    const t = findTable(ctx, parts[parts.length - 1]);
    if (t) t.description = text;
  } else {
    const t = findTable(ctx, parts[parts.length - 2] ?? "");
    const c = t?.columns.find((x) => x.source === parts[parts.length - 1]);
    if (c) c.description = text;
  }
  return true;
}

/** Index of the parenthesis closing the one at `open`. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return i;
  }
  return text.length - 1;
}

/**
 * Parses a statement; when that fails, retries with clauses pgsql-ast-parser does not know and a Convex schema does
 * not need removed (generated columns, PARTITION BY, storage options), reporting what was dropped.
 */
function parseWithFallback(ctx: Ctx, stmt: SqlStatement): Statement[] {
  try {
    return parse(stmt.text, { locationTracking: true });
  } catch (first) {
    let text = stmt.text;
    const dropped: string[] = [];
    for (let m: RegExpExecArray | null; (m = /\bGENERATED\s+ALWAYS\s+AS\s*\(/i.exec(text)); ) {
      const end = closing(text, m.index + m[0].length - 1);
      const tail = /^\s*(STORED|VIRTUAL)\b/i.exec(text.slice(end + 1));
      const col = /([\w$"]+)\s+[^,(]*(?:\([^)]*\))?[^,(]*$/.exec(text.slice(0, m.index))?.[1] ?? "?";
      dropped.push(`generated column ${col} = ${text.slice(m.index + m[0].length, end).trim()}`);
      text =
        text.slice(0, m.index) +
        " ".repeat(end + 1 + (tail?.[0].length ?? 0) - m.index) +
        text.slice(end + 1 + (tail?.[0].length ?? 0));
    }
    text = text.replace(
      /\)\s*(PARTITION\s+BY\s+\w+\s*\([^;]*\)|WITH\s*\([^)]*\)|TABLESPACE\s+\S+|USING\s+\w+)+\s*$/i,
      (m) => {
        dropped.push(m.slice(1).trim().replace(/\s+/g, " "));
        return ")" + " ".repeat(m.length - 1);
      },
    );
    if (!dropped.length) throw first;
    const ast = parse(text, { locationTracking: true });
    const generated = dropped.some((d) => d.startsWith("generated"));
    ctx.diagnostics.push(
      diag(
        "IMP-SQL-DROPPED",
        "warning",
        `Not imported: ${dropped.join("; ")}.${generated ? " A generated column becomes a plain field that mutations must compute." : ""}`,
        undefined,
        ctx.loc,
      ),
    );
    return ast;
  }
}

/** Server-side code and objects Convex has no equivalent for; reported by name without parsing. */
const NOT_IMPORTED =
  /^CREATE\s+(?:OR\s+REPLACE\s+)?(FUNCTION|PROCEDURE|TRIGGER|CONSTRAINT\s+TRIGGER|VIEW|MATERIALIZED\s+VIEW|POLICY|RULE|AGGREGATE|DOMAIN|OPERATOR)\s+/i;

/** Parses SQL DDL into an import plan. */
export function sqlToPlan(source: string, options: SchemaImportOptions = {}): ImportPlan {
  const ctx: Ctx = {
    file: options.file ?? "schema.sql",
    decimalAs: options.decimalAs ?? "number",
    diagnostics: [],
    enums: new Map(),
    domains: new Map(),
    tables: [],
    loc: { file: options.file ?? "schema.sql", line: 1, column: 1 },
    lines: new LineIndex(source),
    stmt: { text: "", offset: 0, line: 1, column: 1 },
  };
  for (const stmt of splitSql(source)) readStatement(ctx, stmt);
  // NOT NULL may arrive after the FOREIGN KEY (ALTER TABLE): nullability is settled once everything is read.
  for (const t of ctx.tables) {
    for (const fk of t.foreignKeys)
      fk.optional = fk.columns.some((c) => t.columns.find((x) => x.source === c)?.nullable ?? true);
  }
  return { source: "sql", tables: ctx.tables, diagnostics: ctx.diagnostics };
}

function readStatement(ctx: Ctx, stmt: SqlStatement): void {
  ctx.loc = { file: ctx.file, line: stmt.line, column: stmt.column };
  ctx.stmt = stmt;
  const head = stmt.text.replace(/^(\s*--[^\n]*\n)+/, "").trimStart();
  if (IGNORED.test(head)) return;
  if (readDomain(ctx, head) || readPartition(ctx, head) || readComment(ctx, head)) return;
  const known = NOT_IMPORTED.exec(head);
  if (known)
    return unsupported(
      ctx,
      `${known[1].replace(/\s+/g, " ").toUpperCase()} "${head.slice(known[0].length).split(/[\s(]/)[0]}"`,
    );
  let ast: Statement[];
  try {
    ast = parseWithFallback(ctx, stmt);
  } catch (e) {
    const first = head.split("\n")[0].slice(0, 60);
    ctx.diagnostics.push(
      diag(
        "IMP-UNSUPPORTED",
        "warning",
        `Statement "${first}" could not be read and is skipped: ${String((e as Error).message).split("\n")[0]}`,
        undefined,
        ctx.loc,
      ),
    );
    return;
  }
  for (const s of ast) readAst(ctx, s, head);
}

function readAst(ctx: Ctx, s: Statement, head: string): void {
  switch (s.type) {
    case "create enum":
      ctx.enums.set(
        s.name.name,
        s.values.map((v) => v.value),
      );
      return;
    case "create table":
      return createTable(ctx, s);
    case "alter table": {
      const t = findTable(ctx, s.table.name);
      if (!t) return unsupported(ctx, `ALTER TABLE of unknown table "${s.table.name}"`);
      for (const ch of s.changes) {
        if (ch.type === "add constraint") addConstraint(ctx, t, ch.constraint);
        else if (ch.type === "add column") t.columns.push(column(ctx, t, ch.column));
        else if (ch.type === "alter column") alterColumn(ctx, t, ch.column.name, ch.alter);
        else if (ch.type !== "owner") unsupported(ctx, `ALTER TABLE ... ${ch.type.toUpperCase()} on "${t.source}"`);
      }
      return;
    }
    case "create index":
      return createIndex(ctx, s);
    default:
      unsupported(ctx, `Statement "${head.split(/\s+/).slice(0, 3).join(" ")}"`);
  }
}

/** `order_items.unit_price` → `orderItems.unitPrice` (diagnostic paths use Convex names; messages keep SQL names). */
function modelPath(ctx: Ctx, sqlPath: string): string {
  const [table, column] = sqlPath.split(".");
  return `${findTable(ctx, table)?.name ?? tableNameForSql(table)}.${fieldName(column)}`;
}

function unsupported(ctx: Ctx, what: string): void {
  ctx.diagnostics.push(
    diag("IMP-UNSUPPORTED", "warning", `${what} is not imported: Convex has no equivalent.`, undefined, ctx.loc),
  );
}

function findTable(ctx: Ctx, name: string): PlanTable | undefined {
  return ctx.tables.find((t) => t.source === name || t.aliases?.includes(name));
}

function createTable(ctx: Ctx, s: CreateTableStatement): void {
  const t: PlanTable = {
    source: s.name.name,
    name: tableNameForSql(s.name.name),
    origin: s.name.schema ? `${s.name.schema}.${s.name.name}` : s.name.name,
    columns: [],
    primaryKey: [],
    foreignKeys: [],
    uniques: [],
    indexes: [],
    loc: ctx.loc,
  };
  ctx.tables.push(t);
  if (s.inherits?.length) unsupported(ctx, `INHERITS on "${t.source}"`);
  for (const c of s.columns) {
    if (c.kind === "column") t.columns.push(column(ctx, t, c));
    else unsupported(ctx, `LIKE ${c.like.name} in "${t.source}"`);
  }
  for (const c of s.constraints ?? []) addConstraint(ctx, t, c);
  for (const pk of t.primaryKey) {
    const col = t.columns.find((c) => c.source === pk);
    if (col) col.nullable = false;
  }
}

function mapDataType(ctx: Ctx, dt: DataTypeDef, path: string, loc: SourceLocation): MappedType {
  if (dt.kind === "array") return arrayOf(mapDataType(ctx, dt.arrayOf, path, loc));
  const domain = ctx.domains.get(dt.name);
  if (domain) {
    const base = domain.replace(/\(.*?\)/g, "").trim();
    const isArray = /\[\s*\]$/.test(base);
    const inner: DataTypeDef = {
      name: base
        .replace(/\[\s*\]$/, "")
        .replace(/^(?:pg_catalog\.|public\.)/i, "")
        .trim(),
    };
    ctx.diagnostics.push(
      diag(
        "IMP-DOMAIN",
        "info",
        `Column "${path}" uses domain "${dt.name}", imported as its base type ${domain.split(/\s/)[0]}; the domain's checks are not enforced.`,
        modelPath(ctx, path),
        loc,
      ),
    );
    return mapDataType(ctx, isArray ? { kind: "array", arrayOf: inner } : inner, path, loc);
  }
  const values = ctx.enums.get(dt.name);
  if (values) {
    return {
      validator: enumValidator(values),
      conversion: { kind: "enum", values: Object.fromEntries(values.map((v) => [v, v])) },
    };
  }
  const m = mapPgType(dt.name, ctx.decimalAs) ?? unsupportedPgType(dt.name);
  if (m.note)
    ctx.diagnostics.push(
      diag(m.note.code, m.note.severity, `Column "${path}": ${m.note.message}`, modelPath(ctx, path), loc, m.note.fix),
    );
  return m;
}

function column(ctx: Ctx, t: PlanTable, c: CreateColumnDef): PlanColumn {
  const path = `${t.source}.${c.name.name}`;
  const m = mapDataType(ctx, c.dataType, path, locOf(ctx, c));
  const col: PlanColumn = {
    source: c.name.name,
    field: fieldName(c.name.name),
    validator: m.validator,
    conversion: m.conversion,
    nullable: true,
    loc: locOf(ctx, c),
  };
  if (c.dataType.kind !== "array" && /serial/i.test(c.dataType.name)) col.default = "autoincrement";
  for (const k of c.constraints ?? []) {
    if (k.type === "not null") col.nullable = false;
    else if (k.type === "primary key") (t.primaryKey = [col.source]), (col.nullable = false);
    else if (k.type === "unique")
      t.uniques.push({ columns: [col.source], sourceName: k.constraintName?.name, loc: col.loc });
    else if (k.type === "default") col.default = textOf(ctx, k.default, () => toSql.expr(k.default));
    else if (k.type === "reference") {
      t.foreignKeys.push({
        columns: [col.source],
        target: k.foreignTable.name,
        targetColumns: k.foreignColumns.map((x) => x.name),
        field: col.field,
        optional: true,
        loc: col.loc,
      });
    } else if (k.type === "check") checkNote(ctx, path, k);
    else if (k.type === "add generated")
      col.default = k.expression ? `generated as ${toSql.expr(k.expression)}` : "identity";
  }
  return col;
}

function checkNote(ctx: Ctx, where: string, node: { expr: unknown }): void {
  const rule = textOf(ctx, node.expr, () => toSql.expr(node.expr as never));
  ctx.diagnostics.push(
    diag(
      "IMP-CHECK",
      "warning",
      `CHECK constraint ${rule} on "${where}" is not enforced by Convex.`,
      undefined,
      locOf(ctx, node),
      "Validate the rule in the mutations that write it.",
    ),
  );
}

function addConstraint(ctx: Ctx, t: PlanTable, c: TableConstraint): void {
  if (c.type === "primary key") {
    t.primaryKey = c.columns.map((x) => x.name);
    for (const pk of t.primaryKey) {
      const col = t.columns.find((x) => x.source === pk);
      if (col) col.nullable = false;
    }
  } else if (c.type === "unique")
    t.uniques.push({ columns: c.columns.map((x) => x.name), sourceName: c.constraintName?.name, loc: ctx.loc });
  else if (c.type === "foreign key") {
    const columns = c.localColumns.map((x) => x.name);
    const existing = t.foreignKeys.find(
      (fk) => fk.columns.join() === columns.join() && fk.target === c.foreignTable.name,
    );
    if (existing) return;
    const field =
      columns.length === 1
        ? (t.columns.find((x) => x.source === columns[0])?.field ?? fieldName(columns[0]))
        : idFieldName(pluralize.singular(tableNameForSql(c.foreignTable.name)));
    t.foreignKeys.push({
      columns,
      target: c.foreignTable.name,
      targetColumns: c.foreignColumns.map((x) => x.name),
      field,
      optional: true,
      loc: locOf(ctx, c),
    });
    if (columns.length > 1) {
      ctx.diagnostics.push(
        diag(
          "IMP-COMPOSITE-FK",
          "info",
          `Composite foreign key (${columns.join(", ")}) on "${t.source}" becomes field "${t.name}.${field}"; the key columns are kept as plain values.`,
          `${t.name}.${field}`,
          locOf(ctx, c),
        ),
      );
    }
  } else if (c.type === "check") checkNote(ctx, t.source, c);
}

function alterColumn(ctx: Ctx, t: PlanTable, name: string, alter: { type: string; default?: unknown }): void {
  const col = t.columns.find((c) => c.source === name);
  if (!col) return unsupported(ctx, `ALTER COLUMN of unknown column "${t.source}.${name}"`);
  if (alter.type === "set not null") col.nullable = false;
  else if (alter.type === "drop not null") col.nullable = true;
  else if (alter.type === "set default") {
    const text = textOf(ctx, alter.default, () => toSql.expr(alter.default as never));
    col.default = /nextval/i.test(text) ? "autoincrement" : text;
  } else if (alter.type === "drop default") delete col.default;
  else if (alter.type !== "add generated")
    unsupported(ctx, `ALTER COLUMN ... ${alter.type.toUpperCase()} on "${t.source}.${name}"`);
}

function createIndex(ctx: Ctx, s: Extract<Statement, { type: "create index" }>): void {
  const t = findTable(ctx, s.table.name);
  if (!t) return unsupported(ctx, `CREATE INDEX on unknown table "${s.table.name}"`);
  const columns: string[] = [];
  for (const e of s.expressions) {
    if (e.expression.type === "ref") columns.push(e.expression.name);
    else {
      ctx.diagnostics.push(
        diag(
          "IMP-INDEX-EXPR",
          "warning",
          `Index "${s.indexName?.name ?? "?"}" on "${t.source}" uses the expression ${textOf(ctx, e.expression, () => toSql.expr(e.expression))}; Convex indexes only list fields, so it is not imported.`,
          t.name,
          ctx.loc,
          "Store the computed value in its own field and index that.",
        ),
      );
      return;
    }
  }
  if (s.using && !/^(btree|hash)$/i.test(s.using.name)) {
    ctx.diagnostics.push(
      diag(
        "IMP-INDEX-METHOD",
        "warning",
        `Index "${s.indexName?.name ?? "?"}" on "${t.source}" uses ${s.using.name}, which an ordered Convex index cannot replace; it is not imported.`,
        t.name,
        ctx.loc,
        "Use a search index for text, or store the searched values in their own fields.",
      ),
    );
    return;
  }
  const key = { columns, sourceName: s.indexName?.name, loc: ctx.loc };
  if (s.where) {
    ctx.diagnostics.push(
      diag(
        "IMP-PARTIAL-INDEX",
        "warning",
        `Partial index "${s.indexName?.name ?? "?"}" on "${t.source}" (WHERE ${textOf(ctx, s.where, () => toSql.expr(s.where!))}) becomes a full index${s.unique ? " and its uniqueness is not checked" : ""}.`,
        t.name,
        ctx.loc,
      ),
    );
    t.indexes.push(key);
  } else if (s.unique) t.uniques.push(key);
  else t.indexes.push(key);
}
