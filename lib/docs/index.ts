/**
 * Living documentation: generated from the schema model (plus relationships and lint findings), reproducible
 * byte for byte for the same input, and checkable for drift.
 */
import type { SchemaModel } from "../schema/model";
import { lintSchema } from "../lint";
import { relationshipAnalysis } from "./analysis";
import { buildAiContext } from "./context";
import { schemaDbml } from "./dbml";
import { buildManifest, MANIFEST_FILE } from "./manifest";
import { schemaMarkdown } from "./markdown";
import { schemaRelationships } from "./relationships";

export { checkDocsDrift, type DocsChange, type DriftResult } from "./drift";
export { buildAiContext, type AiContext, type ContextTable, type QueryHint } from "./context";
export { canonicalModel, normalizeSource, MANIFEST_FILE, type SchemaManifest } from "./manifest";
export { describe as describeRelationship, mermaidDiagram } from "./markdown";
export { isDirect, isIdList, schemaRelationships, type DocRelationship } from "./relationships";
export { sha256 } from "./sha256";
export {
  getDebuggingContext,
  getFeatureContext,
  getQueryContext,
  type ContextMatch,
  type TaskContext,
  type TaskContextOptions,
} from "./task-context";

/** File names `generateDocs` produces, in a fixed order. */
export const DOC_FILES = [
  "SCHEMA.md",
  "schema.dbml",
  "relationship-analysis.md",
  "schema-ai-context.json",
  MANIFEST_FILE,
] as const;

export interface GenerateDocsInput {
  /** the schema source text, or several files by path; hashed after normalization */
  source: string | Record<string, string>;
  /** ISO timestamp, passed in (the engine has no clock); written only to the manifest */
  generatedAt: string;
  /** the schema version label, e.g. "3" or a git sha */
  version: string;
}

/**
 * Generates every documentation file: SCHEMA.md, schema.dbml, relationship-analysis.md, schema-ai-context.json
 * and schema-manifest.json (which hashes the others). Same model and input → same bytes.
 */
export function generateDocs(model: SchemaModel, input: GenerateDocsInput): Record<string, string> {
  const rels = schemaRelationships(model);
  const findings = lintSchema(model);
  const files: Record<string, string> = {
    "SCHEMA.md": schemaMarkdown(model, rels, findings, input.version),
    "schema.dbml": schemaDbml(model, rels),
    "relationship-analysis.md": relationshipAnalysis(model, rels),
    "schema-ai-context.json": JSON.stringify(buildAiContext(model, rels, findings), null, 2) + "\n",
  };
  files[MANIFEST_FILE] = JSON.stringify(buildManifest(model, rels, input, files), null, 2) + "\n";
  return files;
}
export { schemaSourceFiles } from "./source-files";
