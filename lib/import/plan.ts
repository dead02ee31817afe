/**
 * The import plan: what a source schema (Prisma or PostgreSQL) says, mapped onto Convex names and validators,
 * before it is turned into a SchemaModel. The data engine reads the plan too: it knows which source column feeds
 * which Convex field, how to convert its values, and which foreign keys must be resolved through the ID map.
 */
import type { Diagnostic, SourceLocation, Validator } from "../schema/model";

/** How a raw source value (COPY text, INSERT literal, CSV cell, JSON value) becomes a Convex value. */
export type Conversion =
  | { kind: "string" }
  | { kind: "number" }
  | { kind: "int64" }
  | { kind: "boolean" }
  /** NUMERIC/DECIMAL: a float (lossy past 15-17 digits) or its exact decimal text. */
  | { kind: "decimal"; as: "number" | "string" }
  /** TIMESTAMP/DATE/DateTime: milliseconds since the Unix epoch (values without a zone are read as UTC). */
  | { kind: "timestamp" }
  | { kind: "json" }
  | { kind: "bytes" }
  /** Stored value (e.g. a Prisma `@map`ped enum value) → the literal used in Convex. */
  | { kind: "enum"; values: Record<string, string> }
  | { kind: "array"; element: Conversion }
  /** A Prisma composite type: a JSON object whose fields convert one by one. */
  | { kind: "object"; fields: Record<string, Conversion> }
  | { kind: "any" };

export interface PlanColumn {
  /** Column name in the database (after `@map`); the key of a data row. */
  source: string;
  /** Convex field name. */
  field: string;
  validator: Validator;
  conversion: Conversion;
  /** NULL allowed: the field is `v.optional(...)` and NULL values are left out of the document. */
  nullable: boolean;
  /** The source default, as written (`autoincrement()`, `now()`, `'draft'`): generated code must apply it. */
  default?: string;
  /** Prisma `@updatedAt`: generated code must set it on every write. */
  updatedAt?: boolean;
  /** Prisma `///` doc comment or SQL `COMMENT ON COLUMN`. */
  description?: string;
  loc?: SourceLocation;
}

export interface PlanForeignKey {
  /** Source columns holding the reference. */
  columns: string[];
  /** Source name of the referenced table. */
  target: string;
  /** Referenced columns (the target's primary key unless the source said otherwise). */
  targetColumns: string[];
  /** Convex field that holds the `v.id(target)`. For one column it replaces that column's field. */
  field: string;
  /** The reference may be absent (a nullable column, or made optional to break a cycle). */
  optional: boolean;
  /** Part of a foreign-key cycle: inserted unset, then patched in a second pass. */
  deferred?: boolean;
  loc?: SourceLocation;
}

export interface PlanKey {
  columns: string[];
  /** The source's own name for the constraint or index, for the report. */
  sourceName?: string;
  loc?: SourceLocation;
}

export interface PlanTable {
  /** Table name in the database (after `@@map`); the name used by data files. */
  source: string;
  /** Convex table name. */
  name: string;
  /** Where the name came from (Prisma model name, SQL table name) for the report. */
  origin: string;
  columns: PlanColumn[];
  primaryKey: string[];
  foreignKeys: PlanForeignKey[];
  uniques: PlanKey[];
  indexes: PlanKey[];
  /** Generated for an implicit many-to-many relation. */
  joinTable?: boolean;
  /** Other source names whose rows belong here (PostgreSQL partitions of this table). */
  aliases?: string[];
  /** Prisma `///` doc comment or SQL `COMMENT ON TABLE`. */
  description?: string;
  loc?: SourceLocation;
}

export interface ImportPlan {
  source: "prisma" | "sql";
  tables: PlanTable[];
  /** Lossy mappings, notes and unsupported constructs, each with a location. */
  diagnostics: Diagnostic[];
}

/** Options shared by both schema importers. */
export interface SchemaImportOptions {
  /** File name used in diagnostics. */
  file?: string;
  /** How NUMERIC/Decimal columns are stored. @default "number" */
  decimalAs?: "number" | "string";
}

/** The table a source name refers to: its own name, a partition alias, or the same name in another case. */
export function findPlanTable(plan: ImportPlan, source: string): PlanTable | undefined {
  const lower = source.toLowerCase();
  return (
    plan.tables.find((t) => t.source === source || t.aliases?.includes(source)) ??
    plan.tables.find((t) => t.source.toLowerCase() === lower || t.aliases?.some((a) => a.toLowerCase() === lower))
  );
}

export function findColumn(table: PlanTable, source: string): PlanColumn | undefined {
  return table.columns.find((c) => c.source === source);
}

/** A single-column primary key that is not itself a foreign key: it becomes Convex's `_id`. */
export function droppedPrimaryKey(table: PlanTable): PlanColumn | undefined {
  if (table.primaryKey.length !== 1) return undefined;
  const pk = table.primaryKey[0];
  if (table.foreignKeys.some((fk) => fk.columns.length === 1 && fk.columns[0] === pk)) return undefined;
  return findColumn(table, pk);
}

/** Builds a diagnostic with the location folded into the message's place. */
export function diag(
  code: string,
  severity: Diagnostic["severity"],
  message: string,
  path?: string,
  loc?: SourceLocation,
  fix?: string,
): Diagnostic {
  const d: Diagnostic = { code, severity, message };
  if (path) d.path = path;
  if (loc) d.loc = loc;
  if (fix) d.fixes = [{ description: fix }];
  return d;
}
