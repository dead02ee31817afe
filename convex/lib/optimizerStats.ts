/**
 * The statistics the optimizer runs with in the dashboard: field selectivity from documents sampled out of the
 * project's sandbox data. The query insights (optimizer/runNode.ts) and the chat's "make it faster" (assistant/replyNode.ts)
 * both take them from here, so the one optimizer entry sees the same inputs in both.
 */
import type { DataStats } from "../../lib/optimize/types";
import { statsFromSamples } from "../../lib/optimize/measurements";
import type { SchemaModel } from "../../lib/schema/model";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";

/** Documents sampled per table to estimate field selectivity. */
export const SAMPLE_SIZE = 500;

/** Statistics from the sandbox's documents, or undefined when it holds none. */
export async function sampledStats(
  ctx: ActionCtx,
  projectId: Id<"projects">,
  schema: SchemaModel,
): Promise<DataStats | undefined> {
  const samples = await ctx.runQuery(internal.migrations.sandbox.samples, {
    projectId,
    tables: schema.tables.map((t) => t.name),
    perTable: SAMPLE_SIZE,
  });
  return Object.values(samples).some((s) => s.count > 0) ? statsFromSamples(samples) : undefined;
}
