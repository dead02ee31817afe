"use node";
// Parsing uses oxc-parser, a native addon, so project creation runs in the Node runtime.
import { createHash } from "node:crypto";
import { v } from "convex/values";
import { generateSampleDocuments } from "../../lib/codegen";
import { parseSchema } from "../../lib/schema";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { action, internalAction } from "../_generated/server";
import { DEMO_FUNCTION_FILES, DEMO_PROJECT_NAME, DEMO_SCHEMA_SOURCE } from "../../lib/demo";
import { normalizeProjectFiles, SCHEMA_ENTRY } from "../lib/projectFiles";

/** Convex documents are limited to 1 MB; the schema's sibling files must fit beside it. */
const MAX_FILES_JSON = 800_000;

const fileArg = v.object({ path: v.string(), content: v.string() });

/** A located problem shown to the user when a schema does not parse. */
export type SchemaProblem = { message: string; file?: string; line?: number; column?: number };

type CreateResult = { ok: true; projectId: Id<"projects"> } | { ok: false; errors: SchemaProblem[] };

/**
 * Creates a project from a pasted `convex/schema.ts` or the files of an uploaded project folder.
 * A schema that does not parse is returned as located errors and nothing is saved.
 */
export const create = action({
  args: { name: v.string(), description: v.optional(v.string()), files: v.array(fileArg) },
  handler: async (ctx, args): Promise<CreateResult> => {
    const user = await ctx.runQuery(api.team.users.current, {});
    const name = args.name.trim();
    if (!name) return { ok: false, errors: [{ message: "A project needs a name." }] };
    const normalized = normalizeProjectFiles(args.files);
    if ("error" in normalized) return { ok: false, errors: [{ message: normalized.error }] };
    const parsed = parseSchema({ files: normalized.files, entry: SCHEMA_ENTRY });
    if (!parsed.ok) {
      return {
        ok: false,
        errors: parsed.errors.map((e) => ({
          message: e.message,
          file: e.loc?.file,
          line: e.loc?.line,
          column: e.loc?.column,
        })),
      };
    }
    const schemaSource = normalized.files[SCHEMA_ENTRY];
    const { [SCHEMA_ENTRY]: _schema, ...others } = normalized.files;
    const filesJson = Object.keys(others).length ? JSON.stringify(others) : undefined;
    if (filesJson && filesJson.length > MAX_FILES_JSON) {
      return {
        ok: false,
        errors: [
          { message: `The project's files are over ${MAX_FILES_JSON / 1000} kB; upload only the convex/ folder.` },
        ],
      };
    }
    const projectId: Id<"projects"> = await ctx.runMutation(internal.projects.projects.insertParsed, {
      userId: user._id,
      name,
      description: args.description,
      schemaSource,
      filesJson,
      modelJson: JSON.stringify(parsed.schema),
      sourceHash: sha256(schemaSource),
    });
    return { ok: true, projectId };
  },
});

/** Seeds the demo project on the first sign-in of a fresh deployment. */
export const seedDemo = internalAction({
  args: { userId: v.id("users") },
  handler: async (ctx, { userId }) => {
    const parsed = parseSchema({ files: { [SCHEMA_ENTRY]: DEMO_SCHEMA_SOURCE }, entry: SCHEMA_ENTRY });
    if (!parsed.ok) throw new Error(`The demo schema does not parse: ${parsed.errors[0]?.message}`);
    const projectId = await ctx.runMutation(internal.projects.projects.insertParsed, {
      userId,
      name: DEMO_PROJECT_NAME,
      description: "A realistic 12-table Convex app to explore: chat, diagram, docs and migrations.",
      schemaSource: DEMO_SCHEMA_SOURCE,
      filesJson: JSON.stringify(DEMO_FUNCTION_FILES),
      modelJson: JSON.stringify(parsed.schema),
      sourceHash: sha256(DEMO_SCHEMA_SOURCE),
      isDemo: true,
      source: "system",
    });
    // Realistic sample documents, so migrations and preflight have data to work on from the first minute.
    const sample = generateSampleDocuments(parsed.schema, { seed: 42, perTable: DEMO_DOCUMENTS_PER_TABLE });
    for (const table of sample.order) {
      const docs = sample.documents[table];
      for (let i = 0; i < docs.length; i += 200) {
        await ctx.runMutation(internal.migrations.sandbox.insertBatch, {
          projectId,
          table,
          docs: docs.slice(i, i + 200),
        });
      }
    }
  },
});

const DEMO_DOCUMENTS_PER_TABLE = 40;

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
