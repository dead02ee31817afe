/**
 * Migration planning: expand (widen) → backfill → contract (narrow), each phase with its steps and the
 * schema in force after it. Renames come from the injected resolver; nothing is guessed.
 */
import type { Field, SchemaModel, Table } from "../../schema/model";
import { indexNames, sameValidator } from "../../schema/model";
import type { Change, RenameResolver } from "../changes";
import { diffSchemas, type ConfirmedRenames } from "../diff";
import { resolveRenames, type RenameSamples } from "../renames";
import { assessRisks, type MigrationStats, type RiskContext } from "../risks";
import { bumpFor } from "../semver";
import { decisionsOf, fieldBackfills } from "./backfill";
import type { Decision, MigrationPlan, Phase, Step } from "./types";
import { describeWarnings } from "./warnings";
import { pairTables, widenSchema, type TablePair } from "./widen";

export * from "./types";
export { conversionFor } from "./backfill";

export interface PlanOptions {
  /** Document counts per table (and per field), e.g. from the backend or an export. */
  stats?: MigrationStats;
  /** "table.field" → value for backfills (new required fields, optional→required, values that do not fit). */
  defaults?: Record<string, unknown>;
  /** "table.index" names that queries use (MR105). */
  usedIndexes?: string[];
  /** Sampled documents as extra rename evidence. */
  samples?: RenameSamples;
}

/** Plans a migration, asking `resolver` about every rename candidate first. */
export async function planMigration(
  from: SchemaModel,
  to: SchemaModel,
  opts: PlanOptions & { resolver: RenameResolver },
): Promise<MigrationPlan> {
  const renames = await resolveRenames(from, to, opts.resolver, { samples: opts.samples });
  return planWithRenames(from, to, renames, opts);
}

/** Plans a migration with renames already decided (synchronous; used by tests, benchmarks and re-plans). */
export function planWithRenames(
  from: SchemaModel,
  to: SchemaModel,
  renames: ConfirmedRenames,
  opts: PlanOptions = {},
): MigrationPlan {
  const ctx: RiskContext = {
    stats: opts.stats,
    defaults: opts.defaults,
    usedIndexes: opts.usedIndexes,
    tableRenames: Object.fromEntries((renames.tables ?? []).map((r) => [r.from, r.to])),
    merges: Object.fromEntries(
      (renames.merges ?? []).flatMap((m) => m.from.map((f) => [`${m.table}.${f}`, `${m.table}.${m.to}`])),
    ),
  };
  const changes = diffSchemas(from, to, renames);
  const pairs = pairTables(from, to, renames);
  const widened = widenSchema(from, to, pairs);
  const tableRenames = new Map((renames.tables ?? []).map((r) => [r.from, r.to]));
  const backfill: Step[] = [];
  const decisions: Decision[] = [];
  for (const pair of pairs) {
    if (pair.old && pair.next && pair.old.name !== pair.next.name) {
      backfill.push({
        kind: "copyTable",
        from: pair.old.name,
        to: pair.next.name,
        fieldMap: copyMap(pair.old, pair.next, pair.fieldMap),
      });
    }
    const fields = fieldBackfills(pair, ctx, tableRenames);
    if (fields.length && pair.next) {
      backfill.push({ kind: "backfill", table: pair.next.name, fields });
      decisions.push(...decisionsOf(pair.next.name, fields));
    }
  }
  // Copies first: id remaps in other tables' backfills need every copied table's new ids.
  backfill.sort((a, b) => Number(b.kind === "copyTable") - Number(a.kind === "copyTable"));
  const risks = assessRisks(changes, ctx);
  for (const r of risks.filter((x) => x.code === "MR105"))
    decisions.push({
      table: r.path?.split(".")[0] ?? "",
      question: `${r.message} ${r.fixes?.[0]?.description ?? ""}`.trim(),
    });
  const phases: Phase[] = [
    { name: "widen", steps: widenSteps(pairs, widened), schema: widened },
    { name: "backfill", steps: backfill, schema: widened },
    { name: "narrow", steps: narrowSteps(pairs, widened, to), schema: to },
  ];
  const destructive = changes.some(isDestructive);
  return {
    from,
    to,
    changes,
    phases,
    risks,
    warnings: describeWarnings(changes, ctx, backfill),
    decisions,
    safe: decisions.length === 0,
    destructive,
    reversible: !destructive,
    bump: bumpFor(changes),
  };
}

function isDestructive(c: Change): boolean {
  return (
    c.kind === "dropTable" ||
    c.kind === "dropField" ||
    c.kind === "mergeFields" ||
    c.kind === "narrowType" ||
    c.kind === "changeType" ||
    c.kind === "renameTable" ||
    (c.kind === "changeDocument" && c.relation !== "widen")
  );
}

/** new field name → old field name, for every field of the new table that exists in the old one. */
function copyMap(old: Table, next: Table, fieldMap: Map<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const renamedAway = new Set(fieldMap.values());
  for (const f of next.fields) {
    const source = fieldMap.get(f.name) ?? (renamedAway.has(f.name) ? undefined : f.name);
    if (source && old.fields.some((o) => o.name === source)) out[f.name] = source;
  }
  return out;
}

const tableIn = (schema: SchemaModel, name: string) => schema.tables.find((t) => t.name === name);
const sameField = (a: Field, b: Field) => a.optional === b.optional && sameValidator(a.validator, b.validator);

function widenSteps(pairs: TablePair[], widened: SchemaModel): Step[] {
  const steps: Step[] = [];
  for (const { old, next } of pairs) {
    if (!next) continue;
    const w = tableIn(widened, next.name);
    if (!w) continue;
    if (!old || old.name !== next.name) {
      steps.push({ kind: "addTable", table: next.name });
      continue;
    }
    for (const f of w.fields) {
      const before = old.fields.find((o) => o.name === f.name);
      if (!before) steps.push({ kind: "addField", table: next.name, field: f });
      else if (!sameField(before, f)) steps.push({ kind: "widenField", table: next.name, field: f });
    }
    for (const i of [...w.indexes, ...w.searchIndexes, ...w.vectorIndexes]) {
      if (i.staged && !indexNames(old).includes(i.name))
        steps.push({ kind: "addIndex", table: next.name, index: i, staged: true });
    }
  }
  return steps;
}

function narrowSteps(pairs: TablePair[], widened: SchemaModel, to: SchemaModel): Step[] {
  const data: Step[] = [];
  const schema: Step[] = [];
  for (const { old, next } of pairs) {
    if (old && (!next || next.name !== old.name)) {
      data.push({ kind: "deleteTable", table: old.name });
      schema.push({ kind: "dropTable", table: old.name });
    }
    if (!next) continue;
    const w = tableIn(widened, next.name);
    const target = tableIn(to, next.name);
    if (!w || !target) continue;
    const gone = w.fields.filter((f) => !target.fields.some((t) => t.name === f.name)).map((f) => f.name);
    if (gone.length) {
      data.push({ kind: "unsetFields", table: next.name, fields: gone });
      for (const f of gone) schema.push({ kind: "dropField", table: next.name, field: f });
    }
    for (const f of target.fields) {
      const wf = w.fields.find((x) => x.name === f.name);
      if (wf && !sameField(wf, f)) schema.push({ kind: "narrowField", table: next.name, field: f });
    }
    const wIdx = [...w.indexes, ...w.searchIndexes, ...w.vectorIndexes];
    const tIdx = [...target.indexes, ...target.searchIndexes, ...target.vectorIndexes];
    for (const i of wIdx) {
      const t = tIdx.find((x) => x.name === i.name);
      if (!t) schema.push({ kind: "dropIndex", table: next.name, name: i.name });
      else if (
        JSON.stringify({ ...i, staged: undefined, loc: undefined, generatedBy: undefined }) !==
        JSON.stringify({ ...t, staged: undefined, loc: undefined, generatedBy: undefined })
      ) {
        schema.push(
          { kind: "dropIndex", table: next.name, name: i.name },
          { kind: "enableIndex", table: next.name, name: t.name },
        );
      } else if (i.staged && !t.staged) schema.push({ kind: "enableIndex", table: next.name, name: t.name });
    }
  }
  return [...data, ...schema];
}
