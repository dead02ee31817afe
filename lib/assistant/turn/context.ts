/**
 * What the chat's front door knows about a project besides its schema: the function files the optimizer and the
 * impact analysis read, and data statistics or measured reads when the backend has them.
 */
import type { SchemaModel } from "../../schema/model";
import type { PathAlias } from "../../optimize/analyze";
import type { DataStats, Measurement } from "../../optimize/types";
import { finalizeProposal } from "../proposal";
import type { Proposal, ProposalHooks, TurnFinding } from "../types";

export interface ProjectContext {
  schema: SchemaModel;
  /** Project files by path relative to the project root (`convex/tasks.ts`); the schema file may be among them. */
  files?: Record<string, string>;
  /** Path of the schema file among `files`. @default "convex/schema.ts" */
  schemaFile?: string;
  /** Document counts and field selectivity sampled from the project's data. */
  stats?: DataStats;
  /** Reads measured by a running backend, per function. */
  measurements?: Measurement[];
  /** tsconfig path aliases of the functions. */
  aliases?: PathAlias[];
  /** Earlier user messages of the conversation, oldest first. */
  history?: string[];
}

/** The function files of a project: TypeScript/JavaScript under convex/, without the schema and generated code. */
export function functionFiles(project: ProjectContext): Record<string, string> {
  const schemaFile = project.schemaFile ?? "convex/schema.ts";
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(project.files ?? {})) {
    if (
      path === schemaFile ||
      /(^|\/)_generated\//.test(path) ||
      /\.d\.ts$/.test(path) ||
      !/\.(?:[cm]?[jt]sx?)$/.test(path)
    )
      continue;
    out[path] = text;
  }
  return out;
}

/** An answer that changes nothing: the engines' reports, off-topic replies, explanations. */
export function reportProposal(
  project: ProjectContext,
  intent: NonNullable<Proposal["intent"]>,
  explanation: string,
  extra: {
    ran?: string[];
    findings?: TurnFinding[];
    questions?: string[];
    assumptions?: string[];
    confidence?: number;
  } = {},
  hooks: ProposalHooks = {},
): Proposal {
  const p = finalizeProposal(
    project.schema,
    {
      operations: [],
      explanation,
      questions: extra.questions ?? [],
      assumptions: extra.assumptions ?? [],
      confidence: extra.confidence ?? 0.9,
      source: "designer",
    },
    { ...hooks, lint: hooks.lint ?? (() => []) },
  );
  return { ...p, intent, ran: extra.ran ?? [], ...(extra.findings ? { findings: extra.findings } : {}) };
}

/** "convex/tasks.ts:25" */
export function place(f: { file?: string; line?: number; path?: string }): string {
  return f.file ? `${f.file}${f.line ? `:${f.line}` : ""}` : (f.path ?? "");
}
