/**
 * Reading rows: pg_dump data (COPY ... FROM stdin blocks and INSERT statements), CSV and JSON Lines.
 * Rows are keyed by source table name; unknown tables and columns are reported, never guessed.
 */
import { parse as parseCsv } from "csv-parse/sync";
import { parse as parseSqlStatement, toSql, type Expr } from "pgsql-ast-parser";
import type { Diagnostic } from "../../schema/model";
import { diag, findPlanTable, type ImportPlan, type PlanTable } from "../plan";
import { splitSql } from "../sql/split";
import { parseFastInsert } from "./insert-fast";
import type { RawValue } from "./values";

export interface SourceRow {
  values: Record<string, RawValue>;
  /** Why the row could not even be read (wrong field count, bad JSON); such rows are reported and skipped. */
  error?: string;
  /** Where the row was read, for the report. */
  file?: string;
  line?: number;
}

export interface RowSet {
  /** Source table name → its rows, in file order. */
  rows: Map<string, SourceRow[]>;
  diagnostics: Diagnostic[];
}

export function emptyRowSet(): RowSet {
  return { rows: new Map(), diagnostics: [] };
}

/** Finds the plan table for a name used in a data file: database name, Convex name or Prisma model name. */
export function matchTable(plan: ImportPlan, name: string): PlanTable | undefined {
  const bare = name.replace(/^.*\./, "").replace(/^"|"$/g, "");
  return findPlanTable(plan, bare) ?? plan.tables.find((t) => t.name === bare || t.origin === bare);
}

function push(set: RowSet, table: PlanTable, row: SourceRow): void {
  const list = set.rows.get(table.source) ?? [];
  list.push(row);
  set.rows.set(table.source, list);
}

function checkColumns(set: RowSet, table: PlanTable, columns: string[], file: string, line: number): void {
  const unknown = columns.filter((c) => !table.columns.some((x) => x.source === c || x.field === c));
  for (const c of unknown) {
    set.diagnostics.push(
      diag(
        "DATA-UNKNOWN-COLUMN",
        "warning",
        `Column "${table.source}.${c}" in the data is not in the schema; its values are ignored.`,
        table.name,
        { file, line, column: 1 },
      ),
    );
  }
}

/** COPY text format: tab-separated, `\N` is NULL, backslash escapes. */
export function splitCopyLine(line: string): (string | null)[] {
  return line.split("\t").map((f) => (f === "\\N" ? null : unescapeCopy(f)));
}

function unescapeCopy(f: string): string {
  if (!f.includes("\\")) return f;
  return f.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_m, e: string) => {
    if (e[0] === "x" && e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return ({ b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" } as Record<string, string>)[e] ?? e;
  });
}

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)`;
const COPY_HEAD = new RegExp(String.raw`^COPY\s+((?:${IDENT}\.)?${IDENT})\s*(?:\(([^)]*)\))?\s+FROM\s+stdin`, "i");

function unquoteIdent(s: string): string {
  const t = s.trim();
  return t.startsWith('"') ? t.slice(1, -1).replace(/""/g, '"') : t;
}

/** Reads the data of a pg_dump (or any SQL file with COPY blocks and INSERTs) into rows per table. */
export function readSqlData(plan: ImportPlan, source: string, file = "data.sql", into: RowSet = emptyRowSet()): RowSet {
  for (const stmt of splitSql(source)) {
    const head = stmt.text.replace(/^(\s*--[^\n]*\n)+/, "").trimStart();
    if (stmt.copy) readCopy(plan, into, head, stmt.copy, file, stmt.line);
    else if (/^INSERT\s/i.test(head)) readInsert(plan, into, stmt.text, file, stmt.line);
  }
  return into;
}

function readCopy(
  plan: ImportPlan,
  set: RowSet,
  head: string,
  copy: { lines: string[]; firstLine: number },
  file: string,
  line: number,
): void {
  const m = COPY_HEAD.exec(head);
  const table = m ? matchTable(plan, unquoteIdent(m[1].split(".").pop()!)) : undefined;
  if (!m || !table) {
    set.diagnostics.push(
      diag(
        "DATA-UNKNOWN-TABLE",
        "warning",
        `COPY into ${m ? `"${m[1]}"` : "an unreadable target"} is skipped: the table is not in the schema (${copy.lines.length} rows).`,
        undefined,
        { file, line, column: 1 },
      ),
    );
    return;
  }
  const columns = m[2] ? m[2].split(",").map(unquoteIdent) : table.columns.map((c) => c.source);
  checkColumns(set, table, columns, file, line);
  copy.lines.forEach((text, i) => {
    const fields = splitCopyLine(text);
    const values: Record<string, RawValue> = {};
    columns.forEach((c, j) => (values[c] = j < fields.length ? fields[j] : null));
    const row: SourceRow = { values, file, line: copy.firstLine + i };
    if (fields.length !== columns.length) row.error = `has ${fields.length} fields, expected ${columns.length}`;
    push(set, table, row);
  });
}

/** An INSERT literal → raw text-form value; throws on expressions that are not constants. */
function literal(e: Expr): RawValue {
  switch (e.type) {
    case "null":
      return null;
    case "string":
      return e.value;
    case "integer":
    case "numeric":
      return String(e.value);
    case "boolean":
      return e.value ? "t" : "f";
    case "cast":
      return literal(e.operand);
    case "unary":
      if (e.op === "-") {
        const v = literal(e.operand);
        return typeof v === "string" ? `-${v}` : v;
      }
      break;
    case "array":
      return e.expressions.map(literal);
  }
  throw new Error(`expression ${toSql.expr(e)} is not a constant`);
}

function readInsert(plan: ImportPlan, set: RowSet, text: string, file: string, line: number): void {
  const fast = parseFastInsert(text);
  if (fast) {
    const table = matchTable(plan, fast.table);
    if (!table) {
      set.diagnostics.push(
        diag(
          "DATA-UNKNOWN-TABLE",
          "warning",
          `INSERT into "${fast.table}" is skipped: the table is not in the schema.`,
          undefined,
          { file, line, column: 1 },
        ),
      );
      return;
    }
    const columns = fast.columns ?? table.columns.map((c) => c.source);
    if (!set.rows.has(table.source)) checkColumns(set, table, columns, file, line);
    for (const tuple of fast.tuples) {
      const values: Record<string, RawValue> = {};
      columns.forEach((c, j) => (values[c] = tuple[j] ?? null));
      const row: SourceRow = { values, file, line };
      if (tuple.length !== columns.length) row.error = `has ${tuple.length} values, expected ${columns.length}`;
      push(set, table, row);
    }
    return;
  }
  let ast: ReturnType<typeof parseSqlStatement>[number];
  try {
    ast = parseSqlStatement(text)[0];
  } catch (e) {
    set.diagnostics.push(
      diag(
        "DATA-UNREADABLE",
        "warning",
        `INSERT statement could not be read and is skipped: ${String((e as Error).message).split("\n")[0]}`,
        undefined,
        { file, line, column: 1 },
      ),
    );
    return;
  }
  if (ast.type !== "insert" || ast.insert.type !== "values") return;
  const table = matchTable(plan, ast.into.name);
  if (!table) {
    set.diagnostics.push(
      diag(
        "DATA-UNKNOWN-TABLE",
        "warning",
        `INSERT into "${ast.into.name}" is skipped: the table is not in the schema.`,
        undefined,
        { file, line, column: 1 },
      ),
    );
    return;
  }
  const columns = ast.columns ? ast.columns.map((c) => c.name) : table.columns.map((c) => c.source);
  if (!set.rows.has(table.source)) checkColumns(set, table, columns, file, line);
  for (const tuple of ast.insert.values) {
    const values: Record<string, RawValue> = {};
    try {
      columns.forEach((c, j) => (values[c] = literal(tuple[j] as Expr)));
      push(set, table, { values, file, line });
    } catch (e) {
      push(set, table, { values: {}, error: (e as Error).message, file, line });
    }
  }
}

/** Reads a CSV file with a header row. An empty unquoted cell or `\N` is NULL. */
export function readCsv(
  plan: ImportPlan,
  tableName: string,
  text: string,
  file: string,
  into: RowSet = emptyRowSet(),
): RowSet {
  const table = matchTable(plan, tableName);
  if (!table) {
    into.diagnostics.push(
      diag(
        "DATA-UNKNOWN-TABLE",
        "warning",
        `File "${file}" is skipped: no table "${tableName}" in the schema.`,
        undefined,
        { file, line: 1, column: 1 },
      ),
    );
    return into;
  }
  const records = parseCsv(text, {
    columns: true,
    bom: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    cast: (value: string, ctx: { quoting: boolean }) =>
      !ctx.quoting && (value === "" || value === "\\N") ? null : value,
  }) as { record: Record<string, RawValue>; info: { lines: number } }[];
  if (records.length) checkColumns(into, table, Object.keys(records[0].record), file, 1);
  for (const r of records) push(into, table, { values: r.record, file, line: r.info.lines });
  return into;
}

/** Reads JSON Lines: one object per line; a bad line becomes a broken row with its line number. */
export function readJsonl(
  plan: ImportPlan,
  tableName: string,
  text: string,
  file: string,
  into: RowSet = emptyRowSet(),
): RowSet {
  const table = matchTable(plan, tableName);
  if (!table) {
    into.diagnostics.push(
      diag(
        "DATA-UNKNOWN-TABLE",
        "warning",
        `File "${file}" is skipped: no table "${tableName}" in the schema.`,
        undefined,
        { file, line: 1, column: 1 },
      ),
    );
    return into;
  }
  const seen = new Set<string>();
  text.split("\n").forEach((lineText, i) => {
    if (!lineText.trim()) return;
    let v: unknown;
    try {
      v = JSON.parse(lineText);
    } catch {
      return push(into, table, { values: {}, error: "is not valid JSON", file, line: i + 1 });
    }
    if (!v || typeof v !== "object" || Array.isArray(v))
      return push(into, table, { values: {}, error: "is not a JSON object", file, line: i + 1 });
    const values = v as Record<string, RawValue>;
    const fresh = Object.keys(values).filter((k) => !seen.has(k) && !k.startsWith("_"));
    fresh.forEach((k) => seen.add(k));
    if (fresh.length) checkColumns(into, table, fresh, file, i + 1);
    push(into, table, { values, file, line: i + 1 });
  });
  return into;
}
