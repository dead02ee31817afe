"use node";
// Planning a migration to a posted schema.ts needs the parser (a native addon): Node runtime.
import { v } from "convex/values";
import { planWithRenames, preflight, type MigrationPlan } from "../lib/migrate";
import { parseSchema } from "../lib/schema";
import type { SchemaModel } from "../lib/schema/model";
import { internal } from "./_generated/api";
import { internalAction } from "./_generated/server";

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export type MigrateResult =
  | { ok: true; plan: unknown; estimatedRisk: "low" | "medium" | "high"; rollbackStrategy: string; preflight?: unknown }
  | { ok: false; code: "SCHEMA_PARSE_ERROR" | "INVALID_NAME"; message: string; errors?: unknown[] };

/** Plans (and with dryRun, preflights against the sandbox) a migration from the current schema to `targetSchema`. */
export const plan = internalAction({
  args: { projectId: v.id("projects"), targetSchema: v.string(), dryRun: v.boolean() },
  handler: async (ctx, { projectId, targetSchema, dryRun }): Promise<MigrateResult> => {
    const parsed = parseSchema({ files: { "convex/schema.ts": targetSchema }, entry: "convex/schema.ts" });
    if (!parsed.ok) {
      const first = parsed.errors[0];
      return { ok: false, code: "SCHEMA_PARSE_ERROR", message: `targetSchema does not parse: ${first?.message ?? "unknown error"}`, errors: parsed.errors.slice(0, 20).map((e) => ({ message: e.message, loc: e.loc })) };
    }
    const bad = badName(parsed.schema);
    if (bad) return { ok: false, code: "INVALID_NAME", message: bad };
    const base = await ctx.runQuery(internal.proposals.baseForProposal, { projectId });
    const from = JSON.parse(base.modelJson) as SchemaModel;
    const plan = planWithRenames(from, parsed.schema, {});
    const result: MigrateResult = { ok: true, plan: planView(plan), estimatedRisk: riskOf(plan), rollbackStrategy: rollbackOf(plan) };
    if (dryRun) {
      const tables = parsed.schema.tables.map((t) => t.name);
      const docs = await ctx.runQuery(internal.sandbox.samples, { projectId, tables, perTable: 10_000 });
      result.preflight = preflight(plan, Object.entries(docs).map(([t, d]) => [t, d.documents] as const));
    }
    return result;
  },
});

/** Table and field names must be plain identifiers: anything else (quotes, code, paths) is refused by name. */
function badName(schema: SchemaModel): string | null {
  for (const t of schema.tables) {
    if (!NAME.test(t.name)) return `Table name "${t.name.slice(0, 80)}" is not a valid identifier.`;
    for (const f of t.fields) if (!NAME.test(f.name)) return `Field name "${t.name}.${f.name.slice(0, 80)}" is not a valid identifier.`;
  }
  return null;
}

function planView(p: MigrationPlan) {
  return {
    changes: p.changes,
    phases: p.phases.map((ph) => ({ name: ph.name, steps: ph.steps })),
    risks: p.risks.map((r) => ({ code: r.code, severity: r.severity, message: r.message, path: r.path })),
    warnings: p.warnings,
    decisions: p.decisions,
    safe: p.safe,
    destructive: p.destructive,
    reversible: p.reversible,
    bump: p.bump,
  };
}

function riskOf(p: MigrationPlan): "low" | "medium" | "high" {
  if (p.destructive || p.risks.some((r) => r.severity === "error")) return "high";
  if (!p.safe || p.risks.some((r) => r.severity === "warning")) return "medium";
  return "low";
}

function rollbackOf(p: MigrationPlan): string {
  if (p.changes.length === 0) return "Nothing to roll back: the schemas are the same.";
  if (p.reversible && !p.destructive) return "Reversible from the schemas: roll back restores the previous schema and undoes backfills from the run's journal.";
  return "The run journals every document it changes or deletes; roll back replays the journal in reverse before restoring the previous schema.";
}
