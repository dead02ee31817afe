"use node";
// Editing schema.ts surgically needs the parser (a native addon), so proposals are built in the Node runtime.
import { storedFiles, storedModel } from "../../lib/stored/model";
import { createHash } from "node:crypto";
import { ConvexError, v } from "convex/values";
import { parseOperations } from "../../lib/assistant/operation-schemas";
import { applyOperationsToSource } from "../../lib/schema";
import { replayOperations } from "../../lib/schema/replay";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { action, type ActionCtx } from "../_generated/server";

/**
 * Turns schema operations (from the visual designer or an API client) into a pending version: the operations are
 * validated, applied to the current `schema.ts` keeping its comments and formatting, and stored for approval.
 */
export const fromOperations = action({
  // No `origin` argument: the audit log's source is set by the server (a signed-in caller is the dashboard).
  args: { projectId: v.id("projects"), operations: v.array(v.any()), summary: v.string() },
  handler: async (
    ctx,
    args,
  ): Promise<{ ok: true; versionId: Id<"schemaVersions"> } | { ok: false; errors: string[] }> => {
    const user = await ctx.runQuery(api.team.users.current, {});
    const project = await ctx.runQuery(api.projects.projects.get, { projectId: args.projectId });
    if (project.role === "viewer")
      throw new ConvexError({ code: "FORBIDDEN", message: "Viewers cannot propose changes." });
    const parsed = parseOperations(args.operations);
    if (!parsed.ok) return { ok: false, errors: parsed.errors };
    return await proposeOperations(ctx, {
      projectId: args.projectId,
      authorId: user._id,
      operations: parsed.operations,
      summary: args.summary,
    });
  },
});

/**
 * "Rebase on current": an overtaken proposal's changes (what it changed on the version it was made on) are applied
 * again to the current version as a new pending proposal, which replaces it. Changes no operation can express are
 * reported and nothing is stored.
 */
export const rebase = action({
  args: { versionId: v.id("schemaVersions") },
  handler: async (
    ctx,
    { versionId },
  ): Promise<{ ok: true; versionId: Id<"schemaVersions"> } | { ok: false; errors: string[] }> => {
    const p = await ctx.runQuery(internal.schemaVersions.proposals.forRebase, { versionId });
    if (!p.overtaken)
      return { ok: false, errors: ["This proposal is already on the current version; approve it as it is."] };
    const replay = replayOperations(
      storedModel.parse(p.parentModelJson, `the parent of schemaVersions ${versionId}`),
      storedModel.parse(p.modelJson, `schemaVersions ${versionId}`),
    );
    if (!replay.ok) return replay;
    const rebased = await proposeOperations(ctx, {
      projectId: p.projectId,
      authorId: p.userId,
      operations: replay.operations,
      summary: p.summary,
    });
    if (rebased.ok)
      await ctx.runMutation(internal.schemaVersions.proposals.markRebased, {
        versionId,
        rebasedId: rebased.versionId,
        userId: p.userId,
      });
    return rebased;
  },
});

/** Applies operations to the project's current source and stores the result as a pending version. */
export async function proposeOperations(
  ctx: ActionCtx,
  args: {
    projectId: Id<"projects">;
    authorId: Id<"users">;
    operations: Parameters<typeof applyOperationsToSource>[1];
    summary: string;
    origin?: "dashboard" | "cli" | "api" | "system";
  },
): Promise<{ ok: true; versionId: Id<"schemaVersions"> } | { ok: false; errors: string[] }> {
  const base = await ctx.runQuery(internal.schemaVersions.proposals.baseForProposal, { projectId: args.projectId });
  const files = base.filesJson ? storedFiles.parse(base.filesJson, `schemaVersions ${base.versionId} filesJson`) : {};
  const edited = applyOperationsToSource(base.source, args.operations, "convex/schema.ts", files);
  if (!edited.ok) return { ok: false, errors: edited.errors.map((e) => e.message) };
  const versionId = await ctx.runMutation(internal.schemaVersions.proposals.storePending, {
    projectId: args.projectId,
    authorId: args.authorId,
    parentVersionId: base.versionId,
    source: edited.source,
    filesJson: base.filesJson,
    modelJson: JSON.stringify(edited.schema),
    sourceHash: createHash("sha256").update(edited.source).digest("hex"),
    summary: args.summary,
    origin: args.origin,
  });
  return { ok: true, versionId };
}
