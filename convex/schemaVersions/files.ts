/**
 * The files of a schema version, as they belong in a repository: `convex/schema.ts`, the files it was stored with
 * (helpers it imports) and the generated migration module of the plan that led to it. Read by the dashboard's
 * download buttons and by `GET /api/schema/versions/…` (`schema-assistant pull`).
 */
import { storedFiles } from "../../lib/stored/model";
import { ConvexError, v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import { internalQuery, query, type QueryCtx } from "../_generated/server";
import { requireMember } from "../lib/access";
import { SCHEMA_ENTRY } from "../lib/projectFiles";
import { parseStored } from "../migrations/planning";

/** Where the generated migration module goes (lib/migrate/codegen's default module name). */
export const MIGRATION_FILE = "convex/migrations/plans.ts";

export interface VersionFiles {
  versionId: Id<"schemaVersions">;
  number: number;
  semver: string;
  status: Doc<"schemaVersions">["status"];
  createdAt: number;
  /** path → text; always holds convex/schema.ts */
  files: Record<string, string>;
  /** the migration module generated for the plan to this version, when there is one */
  migration: { path: string; code: string } | null;
}

async function filesOf(ctx: QueryCtx, version: Doc<"schemaVersions">): Promise<VersionFiles> {
  const plan = (
    await ctx.db
      .query("migrationPlans")
      .withIndex("by_project", (q) => q.eq("projectId", version.projectId))
      .order("desc")
      .collect()
  ).find((p) => p.toVersionId === version._id && p.status !== "cancelled");
  const code = plan ? parseStored(plan).code : null;
  const others = version.filesJson
    ? storedFiles.parse(version.filesJson, `schemaVersions ${version._id} filesJson`)
    : {};
  return {
    versionId: version._id,
    number: version.number,
    semver: version.semver,
    status: version.status,
    createdAt: version.createdAt,
    files: { ...others, [SCHEMA_ENTRY]: version.source },
    migration: code ? { path: MIGRATION_FILE, code } : null,
  };
}

/** A version's files for the dashboard (any member). */
export const get = query({
  args: { versionId: v.id("schemaVersions") },
  handler: async (ctx, { versionId }): Promise<VersionFiles> => {
    const version = await ctx.db.get(versionId);
    if (!version) throw new ConvexError({ code: "NOT_FOUND", message: "Schema version not found." });
    await requireMember(ctx, version.projectId, "viewer", "Schema version not found.");
    return await filesOf(ctx, version);
  },
});

/**
 * A version of a project for the HTTP API (the token was checked by the caller): `ref` is "current", a version
 * number ("3") or a version id. Null when the project has no such version.
 */
export const forApi = internalQuery({
  args: { projectId: v.id("projects"), ref: v.string() },
  handler: async (ctx, { projectId, ref }): Promise<VersionFiles | null> => {
    let version: Doc<"schemaVersions"> | null = null;
    if (ref === "current") {
      const project = await ctx.db.get(projectId);
      version = project?.currentVersionId ? await ctx.db.get(project.currentVersionId) : null;
    } else if (/^[1-9][0-9]{0,8}$/.test(ref)) {
      version = await ctx.db
        .query("schemaVersions")
        .withIndex("by_project", (q) => q.eq("projectId", projectId).eq("number", Number(ref)))
        .unique();
    } else {
      const id = ctx.db.normalizeId("schemaVersions", ref);
      version = id ? await ctx.db.get(id) : null;
    }
    if (!version || version.projectId !== projectId) return null;
    return await filesOf(ctx, version);
  },
});
