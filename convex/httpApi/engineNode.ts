"use node";
// Planning a migration to a posted schema.ts needs the parser (a native addon): Node runtime.
import { storedFiles, storedModel } from "../../lib/stored/model";
import { v } from "convex/values";
import { planImpact, planWithRenames, preflight, type ChangeImpact } from "../../lib/migrate";
import { analyzeProject } from "../../lib/optimize/analyze";
import type { DbAccess } from "../../lib/optimize/types";
import { parseSchema } from "../../lib/schema";
import type { SchemaModel } from "../../lib/schema/model";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { internalAction, type ActionCtx } from "../_generated/server";
import { planView, riskOf, rollbackOf } from "../lib/planView";

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

type ParseFailure = { ok: false; code: "SCHEMA_PARSE_ERROR" | "INVALID_NAME"; message: string; errors?: unknown[] };

export type MigrateResult =
  | {
      ok: true;
      plan: unknown;
      estimatedRisk: "low" | "medium" | "high";
      rollbackStrategy: string;
      preflight?: unknown;
      impact?: ChangeImpact[];
    }
  | ParseFailure;

/** Plans (and with dryRun, preflights against the sandbox) a migration from the current schema to `targetSchema`. */
export const plan = internalAction({
  args: { projectId: v.id("projects"), targetSchema: v.string(), dryRun: v.boolean() },
  handler: async (ctx, { projectId, targetSchema, dryRun }): Promise<MigrateResult> => {
    const target = await parseTarget(ctx, projectId, targetSchema);
    if (!target.ok) return target;
    const plan = planWithRenames(target.from, target.to, {});
    const result: MigrateResult = {
      ok: true,
      plan: planView(plan),
      estimatedRisk: riskOf(plan),
      rollbackStrategy: rollbackOf(plan),
    };
    // Which of the project's functions read, write, filter or index what changes (static analysis of its files).
    const accesses = functionAccesses(target);
    if (accesses) result.impact = planImpact(plan.changes, accesses, target.from);
    if (dryRun) {
      const tables = target.to.tables.map((t) => t.name);
      const docs = await ctx.runQuery(internal.migrations.sandbox.samples, { projectId, tables, perTable: 10_000 });
      result.preflight = preflight(
        plan,
        Object.entries(docs).map(([t, d]) => [t, d.documents] as const),
      );
    }
    return result;
  },
});

/**
 * The model of a posted schema.ts (for `POST /api/schema/migrate` with run), or why it is refused; with the
 * database accesses of the project's functions (JSON), from which the run's plan gets its impact.
 */
export const parse = internalAction({
  args: { projectId: v.id("projects"), targetSchema: v.string() },
  handler: async (
    ctx,
    { projectId, targetSchema },
  ): Promise<{ ok: true; modelJson: string; accessesJson?: string } | ParseFailure> => {
    const target = await parseTarget(ctx, projectId, targetSchema);
    if (!target.ok) return target;
    const accesses = functionAccesses(target);
    return {
      ok: true,
      modelJson: JSON.stringify(target.to),
      ...(accesses ? { accessesJson: JSON.stringify(accesses) } : {}),
    };
  },
});

/** Every database access of the project's functions (static analysis of its files); undefined when it has none. */
function functionAccesses(target: { files: Record<string, string>; from: SchemaModel }): DbAccess[] | undefined {
  const analysis = analyzeProject({ files: target.files }, { schema: target.from });
  return analysis.functions.length ? analysis.accesses : undefined;
}

/** Parses `targetSchema` beside the current version's other files (helpers it may import); names are checked. */
async function parseTarget(
  ctx: ActionCtx,
  projectId: Id<"projects">,
  targetSchema: string,
): Promise<{ ok: true; from: SchemaModel; to: SchemaModel; files: Record<string, string> } | ParseFailure> {
  const base = await ctx.runQuery(internal.schemaVersions.proposals.baseForProposal, { projectId });
  const files = {
    ...(base.filesJson ? storedFiles.parse(base.filesJson, `schemaVersions ${base.versionId} filesJson`) : {}),
    "convex/schema.ts": targetSchema,
  };
  const parsed = parseSchema({ files, entry: "convex/schema.ts" });
  if (!parsed.ok) {
    const first = parsed.errors[0];
    return {
      ok: false,
      code: "SCHEMA_PARSE_ERROR",
      message: `targetSchema does not parse: ${first?.message ?? "unknown error"}`,
      errors: parsed.errors.slice(0, 20).map((e) => ({ message: e.message, loc: e.loc })),
    };
  }
  const bad = badName(parsed.schema);
  if (bad) return { ok: false, code: "INVALID_NAME", message: bad };
  return {
    ok: true,
    from: storedModel.parse(base.modelJson, `schemaVersions ${base.versionId}`),
    to: parsed.schema,
    files,
  };
}

/** Table and field names must be plain identifiers: anything else (quotes, code, paths) is refused by name. */
export function badName(schema: SchemaModel): string | null {
  for (const t of schema.tables) {
    if (!NAME.test(t.name)) return `Table name "${t.name.slice(0, 80)}" is not a valid identifier.`;
    for (const f of t.fields)
      if (!NAME.test(f.name)) return `Field name "${t.name}.${f.name.slice(0, 80)}" is not a valid identifier.`;
  }
  return null;
}
