"use node";
// Parsing a pushed schema needs the parser (a native addon): Node runtime.
import { storedModel } from "../../lib/stored/model";
import { createHash } from "node:crypto";
import { v } from "convex/values";
import { canonicalModel } from "../../lib/docs/manifest";
import { parseSchema } from "../../lib/schema";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { internalAction } from "../_generated/server";
import { badName } from "../httpApi/engineNode";
import { normalizeProjectFiles, SCHEMA_ENTRY } from "../lib/projectFiles";
import type { VersionFiles } from "./files";

/** Convex documents are limited to 1 MB; the schema's sibling files must fit beside it. */
const MAX_FILES_JSON = 800_000;

export type PushResult =
  | { ok: true; unchanged: boolean; version: VersionFiles }
  | { ok: false; status: number; code: string; message: string; errors?: unknown[] };

/**
 * `POST /api/schema/versions` (`schema-assistant push`): the posted schema files become a pending version of the
 * project, to review and migrate in the dashboard — unless they describe the same schema as the current version
 * (compared as models, so formatting alone is no change) or are the very files of a pending version on it, which
 * is then returned unchanged.
 */
export const push = internalAction({
  args: {
    projectId: v.id("projects"),
    userId: v.id("users"),
    files: v.array(v.object({ path: v.string(), content: v.string() })),
  },
  handler: async (ctx, { projectId, userId, files }): Promise<PushResult> => {
    const normalized = normalizeProjectFiles(files);
    if ("error" in normalized) return { ok: false, status: 400, code: "INVALID_REQUEST", message: normalized.error };
    const parsed = parseSchema({ files: normalized.files, entry: SCHEMA_ENTRY });
    if (!parsed.ok) {
      const first = parsed.errors[0];
      return {
        ok: false,
        status: 422,
        code: "SCHEMA_PARSE_ERROR",
        message: `${SCHEMA_ENTRY} does not parse: ${first?.message ?? "unknown error"}`,
        errors: parsed.errors.slice(0, 20).map((e) => ({ message: e.message, loc: e.loc })),
      };
    }
    const bad = badName(parsed.schema);
    if (bad) return { ok: false, status: 422, code: "INVALID_NAME", message: bad };
    const base = await ctx.runQuery(internal.schemaVersions.proposals.baseForProposal, { projectId });
    if (
      canonicalModel(parsed.schema) ===
      canonicalModel(storedModel.parse(base.modelJson, `schemaVersions ${base.versionId}`))
    ) {
      const current = await ctx.runQuery(internal.schemaVersions.files.forApi, { projectId, ref: base.versionId });
      return { ok: true, unchanged: true, version: current! };
    }
    const { [SCHEMA_ENTRY]: source, ...others } = normalized.files;
    const filesJson = Object.keys(others).length ? JSON.stringify(others) : undefined;
    if (filesJson && filesJson.length > MAX_FILES_JSON)
      return {
        ok: false,
        status: 413,
        code: "PAYLOAD_TOO_LARGE",
        message: `The schema's other files are over ${MAX_FILES_JSON / 1000} kB; send only the files schema.ts imports.`,
      };
    const sourceHash = createHash("sha256").update(source).digest("hex");
    // The same files pushed again (CI on every commit) find the version the first push made instead of a duplicate.
    const earlier = await ctx.runQuery(internal.schemaVersions.proposals.pendingWithFiles, {
      projectId,
      parentVersionId: base.versionId,
      sourceHash,
      filesJson,
    });
    if (earlier) {
      const version = await ctx.runQuery(internal.schemaVersions.files.forApi, { projectId, ref: earlier });
      return { ok: true, unchanged: true, version: version! };
    }
    const versionId: Id<"schemaVersions"> = await ctx.runMutation(internal.schemaVersions.proposals.storePending, {
      projectId,
      authorId: userId,
      parentVersionId: base.versionId,
      source,
      filesJson,
      modelJson: JSON.stringify(parsed.schema),
      sourceHash,
      summary: "Pushed from the repository (schema-assistant push)",
      origin: "api",
    });
    const version = await ctx.runQuery(internal.schemaVersions.files.forApi, { projectId, ref: versionId });
    return { ok: true, unchanged: false, version: version! };
  },
});
