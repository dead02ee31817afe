/**
 * `POST /api/schema/migrate` with `options.run`: the pending version and migration plan for a posted schema,
 * made as approving a proposal in the dashboard makes them (proposals.approve → migrations.planForApproval), with
 * the caller's rename decisions and backfill values in place of decideRename / setDefault. `draft` plans without
 * writing; `commit` re-plans and writes the version, the approved plan and the run in one transaction.
 */
import { z } from "zod";
import { storedShape } from "../../lib/stored";
import { storedModel } from "../../lib/stored/model";
import { v } from "convex/values";
import { bumpFor, bumpVersion, candidateKey, diffSchemas } from "../../lib/migrate";
import { count } from "../../lib/text";
import type { Doc, Id } from "../_generated/dataModel";
import { internalMutation, internalQuery, type QueryCtx } from "../_generated/server";
import { audit } from "../lib/access";
import { sha256Hex } from "../lib/crypto";
import { buildPlan, needsRun, sandboxStats, type StoredPlan, storedPreflight } from "../migrations/planning";
import { requiredApprovals } from "../migrations/plans";
import { sandboxHolder } from "../migrations/lock";
import { startRun } from "../migrations/runs";
import { insertPending, makeCurrent } from "../schemaVersions/proposals";

/** Something a person (or the calling script) must answer before the run may start. */
export type MigrateDecision =
  | {
      kind: "rename";
      key: string;
      table?: string;
      from: string;
      to: string;
      confidence: number;
      reasons: string[];
      choices: ["rename", "addDrop"];
    }
  | { kind: "default"; key: string; question: string }
  | { kind: "question"; table: string; question: string };

export type Refusal = { ok: false; status: 400 | 404 | 409; code: string; message: string };

type Draft = {
  ok: true;
  project: Doc<"projects">;
  base: Doc<"schemaVersions">;
  stored: StoredPlan;
  /** False when no sandbox document has to change: the version becomes current at once, as approve does. */
  runNeeded: boolean;
  decisions: MigrateDecision[];
  requiredApprovals: number;
};

const draftArgs = {
  projectId: v.id("projects"),
  modelJson: v.string(),
  renamesJson: v.string(),
  defaultsJson: v.string(),
};

/** Plans the change from the current version with the caller's answers; writes nothing. */
export const draft = internalQuery({
  args: draftArgs,
  handler: async (ctx, args) => {
    const d = await draftPlan(ctx, args);
    if (!d.ok) return d;
    return {
      ok: true as const,
      baseVersionId: d.base._id,
      planJson: JSON.stringify(d.stored),
      runNeeded: d.runNeeded,
      decisions: d.decisions,
      requiredApprovals: d.requiredApprovals,
    };
  },
});

/**
 * Stores the version and, when data moves, an approved plan with the preflight the caller ran, then starts the
 * run. Refuses without writing when the schema or the sandbox changed since `draft` (the preflight would be stale).
 */
export const commit = internalMutation({
  args: {
    ...draftArgs,
    userId: v.id("users"),
    tokenId: v.id("apiTokens"),
    baseVersionId: v.id("schemaVersions"),
    targetSchema: v.string(),
    planJson: v.string(),
    preflightJson: v.optional(v.string()),
  },
  handler: async (
    ctx,
    args,
  ): Promise<
    | Refusal
    | {
        ok: true;
        versionId: Id<"schemaVersions">;
        planId: Id<"migrationPlans"> | null;
        runId: Id<"migrationRuns"> | null;
      }
  > => {
    const d = await draftPlan(ctx, args);
    if (!d.ok) return d;
    if (d.base._id !== args.baseVersionId)
      return refuse(409, "STALE", "The project's current schema changed while the request ran; send it again.");
    if (JSON.stringify(d.stored) !== args.planJson)
      return refuse(409, "CONFLICT", "The sandbox data changed while the preflight ran; send the request again.");
    const user = await ctx.db.get(args.userId);
    if (!user) return refuse(404, "NOT_FOUND", "The token's user no longer exists.");
    const n = d.stored.plan.changes.length;
    const versionId = await insertPending(ctx, {
      projectId: d.project._id,
      authorId: user._id,
      parentVersionId: d.base._id,
      source: args.targetSchema,
      filesJson: d.base.filesJson,
      modelJson: args.modelJson,
      sourceHash: await sha256Hex(args.targetSchema),
      summary: `Migration over the HTTP API (${count(n, "change")}).`,
      origin: "api",
    });
    const version = (await ctx.db.get(versionId))!;
    if (!d.runNeeded) {
      await makeCurrent(ctx, version, d.project, user._id, "api");
      return { ok: true, versionId, planId: null, runId: null };
    }
    const preflight = args.preflightJson ? storedPreflight.parse(args.preflightJson, "the dry run's preflight") : null;
    if (d.decisions.length || d.requiredApprovals > 1 || !preflight?.result?.ok)
      throw new Error("commit: the caller must check decisions, approvals and the preflight first.");
    const planId = await ctx.db.insert("migrationPlans", {
      projectId: d.project._id,
      fromVersionId: d.base._id,
      toVersionId: versionId,
      status: "approved",
      planJson: args.planJson,
      preflightJson: args.preflightJson,
      approvals: [user._id],
      createdBy: user._id,
      createdAt: Date.now(),
    });
    const details = { planId, tokenId: args.tokenId };
    const range = `v${d.stored.fromSemver} → v${d.stored.toSemver}`;
    await audit(ctx, {
      projectId: d.project._id,
      actorId: user._id,
      action: "migration.plan",
      target: range,
      details: { ...details, renames: d.stored.renames, defaults: d.stored.defaults },
      source: "api",
    });
    await audit(ctx, {
      projectId: d.project._id,
      actorId: user._id,
      action: "version.approve",
      target: `v${version.semver}`,
      details,
      source: "api",
    });
    await audit(ctx, {
      projectId: d.project._id,
      actorId: user._id,
      action: "migration.approve",
      target: planId,
      details: { approvals: 1, tokenId: args.tokenId },
      source: "api",
    });
    const runId = await startRun(ctx, { plan: (await ctx.db.get(planId))!, project: d.project, user, origin: "api" });
    return { ok: true, versionId, planId, runId };
  },
});

function refuse(status: Refusal["status"], code: string, message: string): Refusal {
  return { ok: false, status, code, message };
}

/** The decisions `apiMigrateRun` passes on (checked at the HTTP boundary, re-read here from their JSON). */
const renameDecisions = storedShape("rename decisions", 1, z.record(z.string(), z.enum(["rename", "addDrop"])));
const backfillDefaults = storedShape("backfill values", 1, z.record(z.string(), z.unknown()));

async function draftPlan(
  ctx: QueryCtx,
  args: { projectId: Id<"projects">; modelJson: string; renamesJson: string; defaultsJson: string },
): Promise<Draft | Refusal> {
  const project = await ctx.db.get(args.projectId);
  const base = project?.currentVersionId ? await ctx.db.get(project.currentVersionId) : null;
  if (!project || !base) return refuse(404, "PROJECT_NOT_FOUND", "Project not found.");
  // Until a run finishes its version is not current yet: a second run would start from the same data.
  const holder = await sandboxHolder(ctx, project._id);
  if (holder) return refuse(409, "CONFLICT", `${holder} Then send the request again.`);
  const renames = renameDecisions.parse(args.renamesJson, "the request's renames");
  const defaults = backfillDefaults.parse(args.defaultsJson, "the request's defaults");
  const from = storedModel.parse(base.modelJson, `schemaVersions ${base._id}`);
  const to = storedModel.parse(args.modelJson, "the parsed target schema");
  const semver = bumpVersion(base.semver, bumpFor(diffSchemas(from, to)));
  const stats = await sandboxStats(ctx, project._id, from);
  const stored = await buildPlan(base, { modelJson: args.modelJson, semver }, stats, renames, defaults);
  // An answer to a question the plan does not ask is a mistake (a typo would otherwise be ignored silently).
  const candidates = stored.candidates.map(candidateKey);
  const unknownRename = Object.keys(renames).find((k) => !candidates.includes(k));
  if (unknownRename !== undefined) {
    return refuse(
      400,
      "INVALID_REQUEST",
      `options.renames: "${unknownRename.slice(0, 100)}" is not a rename candidate of this change (candidates: ${candidates.map((c) => `"${c}"`).join(", ") || "none"}).`,
    );
  }
  const fields = new Set(to.tables.flatMap((t) => t.fields.map((f) => `${t.name}.${f.name}`)));
  const unknownDefault = Object.keys(defaults).find((k) => !fields.has(k));
  if (unknownDefault !== undefined)
    return refuse(
      400,
      "INVALID_REQUEST",
      `options.defaults: "${unknownDefault.slice(0, 100)}" is not a field ("table.field") of targetSchema.`,
    );
  const decisions: MigrateDecision[] = [
    ...stored.candidates
      .filter((c) => !(candidateKey(c) in renames))
      .map(
        (c): MigrateDecision => ({
          kind: "rename",
          key: candidateKey(c),
          table: c.table,
          from: c.from,
          to: c.to,
          confidence: c.confidence,
          reasons: c.reasons,
          choices: ["rename", "addDrop"],
        }),
      ),
    ...stored.plan.decisions.map(
      (q): MigrateDecision =>
        q.field
          ? { kind: "default", key: `${q.table}.${q.field}`, question: q.question }
          : { kind: "question", table: q.table, question: q.question },
    ),
  ];
  const runNeeded = Object.values(stats.tables).some((t) => t.count > 0) && needsRun(stored);
  return { ok: true, project, base, stored, runNeeded, decisions, requiredApprovals: requiredApprovals(project) };
}
