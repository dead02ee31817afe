/**
 * One analysis of a schema model, shared by every view: the CLI's `analyze` (text and `--json`), the dashboard and
 * the HTTP API (stored per schema version by `convex/schemaVersions/analyses.ts`). Counts, relationships, lint findings and the
 * health score are computed here once, so the views cannot disagree.
 *
 * What counts as an index: `indexes` counts database indexes (`.index(name, fields)`, staged ones included). Search
 * indexes (`.searchIndex`) and vector indexes (`.vectorIndex`) are counted apart, in `searchIndexes` and
 * `vectorIndexes`, and never in `indexes`: they are queried differently and have their own limits.
 *
 * What counts as a relationship: the references between tables (`tableReferences` / `referenceCount` of
 * lib/schema/relationships), the count the diagram, SCHEMA.md and the dashboard show. A join table's many-to-many is
 * made of two references already counted: it is listed apart, in `joinTableRelationships`, and never counted.
 * References to tables outside the model (`_storage`, a missing table) are neither listed nor counted.
 */
import { docRelationships, schemaRelationships, type DocRelationship } from "../docs/relationships";
import { healthScore, lintSchema, type HealthScore, type LintOptions } from "../lint";
import type { Diagnostic, SchemaModel, Table } from "../schema/model";
import { tableReferences } from "../schema/relationships";

/** Counts for one table. */
export interface TableCounts {
  name: string;
  fields: number;
  /** database indexes only (see the module comment) */
  indexes: number;
  searchIndexes: number;
  vectorIndexes: number;
}

/** Counts for the whole schema: the per-table counts summed, plus tables and relationships. */
export interface SchemaCounts {
  tables: number;
  fields: number;
  /** database indexes only (see the module comment) */
  indexes: number;
  searchIndexes: number;
  vectorIndexes: number;
  /** references between tables (`referenceCount`): the count every view shows */
  relationships: number;
}

export interface SchemaAnalysis {
  /** the schema's entry file, "convex/schema.ts" when the model does not say */
  entry: string;
  summary: SchemaCounts;
  tables: TableCounts[];
  /** the references between tables (`tableReferences`), as many as `summary.relationships` */
  relationships: DocRelationship[];
  /** many-to-many through a join table (each made of two counted references; not counted itself) */
  joinTableRelationships: DocRelationship[];
  /** parser warnings: what static reading could not resolve (they count in the health score) */
  warnings: Diagnostic[];
  /** lint findings, sorted as `lintSchema` sorts them */
  lint: Diagnostic[];
  healthScore: number;
  breakdown: HealthScore["breakdown"];
}

/** Counts of one table (database, search and vector indexes apart). */
export function tableCounts(t: Table): TableCounts {
  return {
    name: t.name,
    fields: t.fields.length,
    indexes: t.indexes.length,
    searchIndexes: t.searchIndexes.length,
    vectorIndexes: t.vectorIndexes.length,
  };
}

/**
 * Lint, health score (parser warnings plus lint findings, as `schemaHealth` scores them), relationships and counts
 * for one model.
 */
export function analyzeSchema(model: SchemaModel, options: LintOptions = {}): SchemaAnalysis {
  const lint = lintSchema(model, options);
  const health = healthScore(model, [...model.warnings, ...lint]);
  const relationships = docRelationships(model, tableReferences(model));
  const tables = model.tables.map(tableCounts);
  const sum = (f: (t: TableCounts) => number) => tables.reduce((n, t) => n + f(t), 0);
  return {
    entry: model.entry ?? "convex/schema.ts",
    summary: {
      tables: tables.length,
      fields: sum((t) => t.fields),
      indexes: sum((t) => t.indexes),
      searchIndexes: sum((t) => t.searchIndexes),
      vectorIndexes: sum((t) => t.vectorIndexes),
      relationships: relationships.length,
    },
    tables,
    relationships,
    joinTableRelationships: schemaRelationships(model).filter((r) => r.viaJoinTable),
    warnings: model.warnings,
    lint,
    healthScore: health.score,
    breakdown: health.breakdown,
  };
}
