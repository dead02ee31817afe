/**
 * Plans for a project's sandbox data: statistics from the sandbox, the lib/migrate plan with the rename decisions
 * and backfill values people made, generated @convex-dev/migrations code, and whether a change needs a run at all.
 */
import { z } from "zod";
import { storedShape, structural } from "../../lib/stored";
import { count } from "../../lib/text";
import { storedModel } from "../../lib/stored/model";
import { type StoredPlan, storedPlan } from "../../lib/stored/plan";
import {
  candidateKey,
  dataSteps,
  generateMigrations,
  planMigration,
  type MigrationStats,
  type PreflightResult,
  type RenameCandidate,
} from "../../lib/migrate";
import type { SchemaModel } from "../../lib/schema/model";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { sandboxTableStats } from "../lib/sandboxCounts";

export { type StoredPlan, storedPlan };

/** Stored preflight state (`migrationPlans.preflightJson`). */
export interface StoredPreflight {
  status: "running" | "done" | "failed";
  result?: PreflightResult;
  error?: string;
  at: number;
  forced?: boolean;
}

/** `migrationPlans.preflightJson`. */
export const storedPreflight = storedShape(
  "preflight",
  1,
  structural<StoredPreflight>(
    z.looseObject({
      status: z.enum(["running", "done", "failed"]),
      result: z.looseObject({ ok: z.boolean(), invalid: z.number() }).optional(),
      error: z.string().optional(),
      at: z.number(),
      forced: z.boolean().optional(),
    }),
  ),
);

/**
 * Documents per table and per field in the project's sandbox (tables of `model`): the counts every sandbox writer
 * keeps (lib/sandboxCounts), one read per table instead of every row.
 */
export async function sandboxStats(
  ctx: QueryCtx,
  projectId: Id<"projects">,
  model: SchemaModel,
): Promise<MigrationStats> {
  const stats: MigrationStats = { tables: {} };
  for (const t of model.tables) stats.tables[t.name] = await sandboxTableStats(ctx, projectId, t.name);
  return stats;
}

/** True when the project's sandbox holds any document. */
export async function sandboxHasData(ctx: QueryCtx, projectId: Id<"projects">): Promise<boolean> {
  return (
    (await ctx.db
      .query("sandboxDocuments")
      .withIndex("by_project_table", (q) => q.eq("projectId", projectId))
      .first()) !== null
  );
}

/** Builds (or rebuilds) the stored plan from two versions with the decisions taken so far. */
export async function buildPlan(
  from: Pick<Doc<"schemaVersions">, "modelJson" | "semver">,
  to: Pick<Doc<"schemaVersions">, "modelJson" | "semver">,
  stats: MigrationStats,
  renames: Record<string, "rename" | "addDrop">,
  defaults: Record<string, unknown>,
): Promise<StoredPlan> {
  const candidates: RenameCandidate[] = [];
  const plan = await planMigration(
    storedModel.parse(from.modelJson, `schemaVersions v${from.semver}`),
    storedModel.parse(to.modelJson, `schemaVersions v${to.semver}`),
    {
      stats,
      defaults,
      // Record every candidate; only a person's explicit "rename" makes it one.
      resolver: (c) => {
        candidates.push(c);
        return renames[candidateKey(c)] === "rename" ? "rename" : "addDrop";
      },
    },
  );
  let code: string | null = null;
  let codeError: string | undefined;
  try {
    code = generateMigrations(plan, { title: `v${from.semver} → v${to.semver}` }).code;
  } catch (err) {
    codeError = err instanceof Error ? err.message : String(err);
  }
  return { plan, candidates, renames, defaults, stats, code, codeError, fromSemver: from.semver, toSemver: to.semver };
}

/** A change needs a migration run when it writes documents or narrows what stored documents may hold. */
export function needsRun(stored: StoredPlan): boolean {
  const { plan } = stored;
  if (stored.candidates.length > 0 || plan.decisions.length > 0 || dataSteps(plan).length > 0) return true;
  return plan.phases.some((p) =>
    p.steps.some(
      (s) =>
        (s.kind === "narrowField" || s.kind === "dropField" || s.kind === "dropTable") &&
        (stored.stats.tables[s.table]?.count ?? 1) > 0,
    ),
  );
}

/** Why a run may not start yet (empty when it may). */
export function blockers(
  stored: StoredPlan,
  approvals: number,
  required: number,
  preflight: StoredPreflight | null,
  force: boolean,
): string[] {
  const out: string[] = [];
  const undecided = stored.candidates.filter((c) => !(candidateKey(c) in stored.renames));
  if (undecided.length)
    out.push(
      `Decide ${count(undecided.length, "rename candidate")} first (${undecided.map(candidateKey).join(", ")}).`,
    );
  for (const d of stored.plan.decisions)
    out.push(d.field ? `Choose a value for "${d.table}.${d.field}": ${d.question}` : d.question);
  if (approvals < required) out.push(`Needs ${count(required, "approval")} by different members (has ${approvals}).`);
  if (!preflight || preflight.status === "running") out.push("Run the preflight first.");
  else if (preflight.status === "failed") out.push(`The preflight failed: ${preflight.error}`);
  else if (preflight.result && !preflight.result.ok && !force)
    out.push(
      `The preflight found ${count(preflight.result.invalid, "invalid document")}; fix the data or defaults, or force the run.`,
    );
  return out;
}

export const parseStored = (plan: Doc<"migrationPlans">): StoredPlan =>
  storedPlan.parse(plan.planJson, `migrationPlans ${plan._id}`);
export const parsePreflight = (plan: Doc<"migrationPlans">): StoredPreflight | null =>
  plan.preflightJson ? storedPreflight.parse(plan.preflightJson, `migrationPlans ${plan._id} preflightJson`) : null;
