/**
 * The HTTP side of `POST /api/schema/migrate`'s options, and the run flow for `options.run`: parse the target
 * (Node), plan with the caller's answers, refuse with the open decisions, preflight the sandbox, then store the
 * version, plan and run in one mutation (convex/httpApi/migrate.ts). Nothing is written before that mutation.
 */
import { z } from "zod";
import { storedShape, structural } from "../../lib/stored";
import { storedPlan } from "../migrations/planning";
import type { PreflightResult } from "../../lib/migrate";
import { planImpact } from "../../lib/migrate/impact";
import { count } from "../../lib/text";
import type { DbAccess } from "../../lib/optimize/types";
import { internal } from "../_generated/api";
import type { ActionCtx } from "../_generated/server";
import { ApiError, json } from "./shared";
import type { MigrateDecision } from "./migrate";
import type { TokenAuth } from "./tokens";
import { planView, riskOf, rollbackOf } from "../lib/planView";
import type { StoredPreflight } from "../migrations/planning";
import { preflightSandbox } from "../migrations/plans";

export interface MigrateOptions {
  dryRun: boolean;
  run: boolean;
  /** Rename candidate key ("tasks.title->name", "todos->tasks") → "rename" or "addDrop" (as decideRename takes). */
  renames: Record<string, "rename" | "addDrop">;
  /** "table.field" → the value backfills write (as setDefault takes, but as JSON rather than JSON text). */
  defaults: Record<string, unknown>;
}

const OPTION_NAMES = ["dryRun", "run", "renames", "defaults"];
const MAX_ANSWERS = 200;

const invalid = (message: string) => new ApiError(400, "INVALID_REQUEST", message);
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

/** The database accesses the schema action found (its `accessesJson`): the keys the impact reads are checked. */
const storedAccesses = storedShape(
  "database accesses",
  1,
  structural<DbAccess[]>(
    z.array(
      z.looseObject({
        function: z.string(),
        file: z.string(),
        table: z.string(),
        operation: z.string(),
        mode: z.enum(["read", "write"]),
        filters: z.array(z.unknown()),
      }),
    ),
  ),
);

/** Checks the request's `options`, naming the first bad one. */
export function migrateOptions(value: unknown): MigrateOptions {
  if (value === undefined) return { dryRun: false, run: false, renames: {}, defaults: {} };
  if (!isObject(value)) throw invalid('"options" must be an object.');
  const unknown = Object.keys(value).find((k) => !OPTION_NAMES.includes(k));
  if (unknown !== undefined)
    throw invalid(`"options.${unknown.slice(0, 40)}" is not an option (${OPTION_NAMES.join(", ")}).`);
  for (const name of ["dryRun", "run"])
    if (value[name] !== undefined && typeof value[name] !== "boolean")
      throw invalid(`"options.${name}" must be a boolean.`);
  const run = value.run === true;
  const dryRun = value.dryRun === true;
  if (run && dryRun)
    throw invalid('"options.dryRun" and "options.run" exclude each other: a dry run only plans and preflights.');
  const answers = { renames: value.renames ?? {}, defaults: value.defaults ?? {} };
  for (const [name, map] of Object.entries(answers)) {
    if (!isObject(map)) throw invalid(`"options.${name}" must be an object.`);
    if (Object.keys(map).length > MAX_ANSWERS) throw invalid(`"options.${name}" holds at most ${MAX_ANSWERS} entries.`);
    if (Object.keys(map).length && !run) throw invalid(`"options.${name}" applies only with "options.run": true.`);
  }
  for (const [key, decision] of Object.entries(answers.renames as Record<string, unknown>)) {
    if (decision !== "rename" && decision !== "addDrop")
      throw invalid(`"options.renames" → "${key.slice(0, 100)}" must be "rename" or "addDrop".`);
  }
  return {
    dryRun,
    run,
    renames: answers.renames as MigrateOptions["renames"],
    defaults: answers.defaults as Record<string, unknown>,
  };
}

/**
 * Proposes `targetSchema`, approves it for the token's user and starts the run: 202 `{ plan, estimatedRisk,
 * rollbackStrategy, impact?, preflight, versionId, planId, runId, status: "running" }`, or 200 with `status: "applied"` when
 * no sandbox document has to change. 409 DECISIONS_NEEDED / SECOND_APPROVAL_REQUIRED / PREFLIGHT_FAILED otherwise.
 */
export async function runMigrate(
  ctx: ActionCtx,
  auth: Extract<TokenAuth, { ok: true }>,
  targetSchema: string,
  options: MigrateOptions,
): Promise<Response> {
  const parsed = await ctx.runAction(internal.httpApi.engineNode.parse, { projectId: auth.projectId, targetSchema });
  if (!parsed.ok) return json(422, { error: { code: parsed.code, message: parsed.message, details: parsed.errors } });
  const args = {
    projectId: auth.projectId,
    modelJson: parsed.modelJson,
    renamesJson: JSON.stringify(options.renames),
    defaultsJson: JSON.stringify(options.defaults),
  };
  const draft = await ctx.runQuery(internal.httpApi.migrate.draft, args);
  if (!draft.ok) throw new ApiError(draft.status, draft.code, draft.message);
  const { plan } = storedPlan.parse(draft.planJson, "the drafted migration plan");
  // The functions that read, write, filter or index what changes, as a dry run reports them.
  const impact = parsed.accessesJson
    ? planImpact(plan.changes, storedAccesses.parse(parsed.accessesJson, "the schema action's accesses"), plan.from)
    : undefined;
  const view = {
    plan: planView(plan),
    estimatedRisk: riskOf(plan),
    rollbackStrategy: rollbackOf(plan),
    ...(impact ? { impact } : {}),
  };
  let preflight: PreflightResult | null = null;
  if (draft.runNeeded) {
    if (draft.requiredApprovals > 1) {
      throw new ApiError(
        409,
        "SECOND_APPROVAL_REQUIRED",
        "This project requires a second approver for migration runs: propose the change and have two members approve it in the dashboard.",
      );
    }
    if (draft.decisions.length)
      throw new ApiError(
        409,
        "DECISIONS_NEEDED",
        decisionsMessage(draft.decisions),
        {},
        { decisions: draft.decisions, ...view },
      );
    preflight = await preflightSandbox(ctx, auth.projectId, plan);
    if (!preflight.ok) {
      throw new ApiError(
        409,
        "PREFLIGHT_FAILED",
        `The preflight found ${preflight.invalid} of ${count(preflight.checked, "sandbox document")} invalid after the migration; fix the data or choose other defaults.`,
        {},
        { preflight, ...view },
      );
    }
  }
  const stored: StoredPreflight | null = preflight ? { status: "done", result: preflight, at: Date.now() } : null;
  const done = await ctx.runMutation(internal.httpApi.migrate.commit, {
    ...args,
    userId: auth.userId,
    tokenId: auth.tokenId,
    baseVersionId: draft.baseVersionId,
    targetSchema,
    planJson: draft.planJson,
    preflightJson: stored ? JSON.stringify(stored) : undefined,
  });
  if (!done.ok) throw new ApiError(done.status, done.code, done.message);
  const ids = { versionId: done.versionId, planId: done.planId, runId: done.runId };
  if (!done.runId) return json(200, { ...view, preflight, ...ids, status: "applied" });
  const poll = `/api/schema/migrate/runs/${auth.projectId}/${done.runId}`;
  return json(202, { ...view, preflight, ...ids, status: "running", statusUrl: poll }, { Location: poll });
}

function decisionsMessage(decisions: MigrateDecision[]): string {
  const parts = decisions.map((d) =>
    d.kind === "rename"
      ? `rename candidate "${d.key}" (options.renames: "rename" or "addDrop")`
      : d.kind === "default"
        ? `a value for "${d.key}" (options.defaults)`
        : d.question,
  );
  return `The run needs ${count(decisions.length, "decision")}: ${parts.join("; ")}.`;
}
