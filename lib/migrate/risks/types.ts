/** Shared types for risk rules: one rule per file, each with a stable code. */
import type { RuleInfo } from "../../diagnostics";
import type { Change, ChangeKind, ChangeOf } from "../changes";

/** Row counts, when known: `count` documents per table, `present[field]` documents holding each field. */
export interface TableStats {
  count: number;
  present?: Record<string, number>;
}

export interface MigrationStats {
  tables: Record<string, TableStats>;
}

export interface RiskContext {
  stats?: MigrationStats;
  /** "table.index" names that queries use. */
  usedIndexes?: string[];
  /** "table.field" → value chosen for backfills. */
  defaults?: Record<string, unknown>;
  /** Confirmed table renames, old name → new name (id references to them are remapped, not converted). */
  tableRenames?: Record<string, string>;
  /** Confirmed merges: "table.field" of each merged field → "table.target" (their values move, they are not lost). */
  merges?: Record<string, string>;
}

/**
 * A risk rule: the kit's rule head (code, default severity, summary), which changes it looks at, when it fires,
 * what it says and the safe way through.
 */
export interface RiskRule<K extends ChangeKind = ChangeKind> extends RuleInfo {
  kinds: K[];
  applies(change: ChangeOf<K>, ctx: RiskContext): boolean;
  message(change: ChangeOf<K>): string;
  safePath: string;
}

/** Documents in `table`: a number when known, undefined when not (treated as "may hold data"). */
export function rows(ctx: RiskContext, table: string): number | undefined {
  return ctx.stats?.tables[table]?.count;
}

/** True unless the stats prove the table is empty. */
export function mayHaveRows(ctx: RiskContext, table: string): boolean {
  const n = rows(ctx, table);
  return n === undefined || n > 0;
}

/** True unless the stats prove no document holds `field`. */
export function mayHoldField(ctx: RiskContext, table: string, field: string): boolean {
  if (!mayHaveRows(ctx, table)) return false;
  const present = ctx.stats?.tables[table]?.present?.[field];
  return present === undefined || present > 0;
}

/** True unless the stats prove every document holds `field`. */
export function mayMissField(ctx: RiskContext, table: string, field: string): boolean {
  const t = ctx.stats?.tables[table];
  if (!t) return true;
  const present = t.present?.[field];
  return t.count > 0 && (present === undefined || present < t.count);
}

export const hasDefault = (ctx: RiskContext, table: string, field: string): boolean =>
  ctx.defaults !== undefined && Object.hasOwn(ctx.defaults, `${table}.${field}`);

/** Identity helper that keeps a rule's change type narrow. */
export function defineRisk<K extends ChangeKind>(rule: RiskRule<K>): RiskRule<K> {
  return rule;
}

export type { Change };
