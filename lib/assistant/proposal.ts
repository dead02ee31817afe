/**
 * Turning operations into a Proposal: validate with `applyOperations`, classify destructive changes, print the
 * diff and lint the result. Both the designer and the model path end here, so no invalid schema escapes.
 */
import { createTwoFilesPatch } from "diff";
import type { SchemaModel, Validator } from "../schema/model";
import { findField, findTable } from "../schema/model";
import type { SchemaOperation } from "../schema/operations";
import { applyOperations } from "../schema/operations";
import { lintSchema } from "../lint/index";
import { printSchema } from "../schema/print/index";
import type { Proposal, ProposalHooks, ProposalSource } from "./types";

export interface ProposalDraft {
  operations: SchemaOperation[];
  explanation: string;
  assumptions?: string[];
  confidence: number;
  questions?: string[];
  source: ProposalSource;
  fallbackReason?: string;
}

/**
 * Validates `draft.operations` against `schema` and completes the proposal. When they do not apply, the result
 * has `valid: false`, no operations, the unchanged schema and the errors (with the operation index).
 */
export function finalizeProposal(schema: SchemaModel, draft: ProposalDraft, hooks: ProposalHooks = {}): Proposal {
  const applied = applyOperations(schema, draft.operations);
  const base = {
    assumptions: draft.assumptions ?? [],
    questions: draft.questions ?? [],
    source: draft.source,
    ...(draft.fallbackReason ? { fallbackReason: draft.fallbackReason } : {}),
  };
  if (!applied.ok) {
    const errors = applied.errors.map((e) =>
      e.index >= 0 ? `Operation ${e.index + 1} (${e.operation.op}): ${e.message}` : e.message,
    );
    return {
      ...base,
      operations: [],
      explanation:
        `${draft.explanation}\nThe proposed change is invalid and was not applied: ${errors.join(" ")}`.trim(),
      confidence: 0,
      destructive: false,
      destructiveReasons: [],
      schema,
      diff: "",
      lint: [],
      valid: false,
      errors,
    };
  }
  const reasons = destructiveReasons(schema, draft.operations);
  return {
    ...base,
    operations: draft.operations,
    explanation: draft.explanation,
    confidence: clamp(draft.confidence),
    destructive: reasons.length > 0,
    destructiveReasons: reasons,
    schema: applied.schema,
    diff: schemaDiff(schema, applied.schema, hooks.print),
    lint: (hooks.lint ?? lintSchema)(applied.schema),
    valid: true,
    errors: [],
  };
}

/** Unified diff of the printed schema before and after; "" when the text is the same. */
export function schemaDiff(
  before: SchemaModel,
  after: SchemaModel,
  print: (s: SchemaModel) => string = printSchema,
): string {
  const a = print(before);
  const b = print(after);
  if (a === b) return "";
  return createTwoFilesPatch("convex/schema.ts", "convex/schema.ts", a, b, "before", "after", { context: 3 });
}

/**
 * Operations that can lose data or make existing documents fail validation. Each needs a migration plan.
 * Tables created in the same list are new, so changes to them are not destructive.
 */
export function destructiveReasons(schema: SchemaModel, operations: SchemaOperation[]): string[] {
  const created = new Set(operations.flatMap((o) => (o.op === "createTable" ? [o.table] : [])));
  const existing = (table: string): boolean => !created.has(table) && findTable(schema, table) !== undefined;
  const out: string[] = [];
  for (const o of operations) {
    if (o.op === "dropTable" && existing(o.table)) out.push(`Dropping table "${o.table}" deletes all its documents.`);
    if (o.op === "renameTable" && existing(o.from))
      out.push(`Renaming table "${o.from}" to "${o.to}" needs its documents copied to the new table.`);
    if (o.op === "createTable" || o.op === "dropTable" || o.op === "renameTable") continue;
    if (!existing(o.table)) continue;
    const table = findTable(schema, o.table);
    if (o.op === "removeField" && table && findField(table, o.field))
      out.push(`Removing field "${o.table}.${o.field}" loses its values in existing documents.`);
    if (o.op === "renameField")
      out.push(
        `Renaming field "${o.table}.${o.from}" to "${o.to}" leaves existing documents with the old name until they are migrated.`,
      );
    if (o.op === "changeFieldType" && !widens(table && findField(table, o.field)?.validator, o.validator))
      out.push(`Changing the type of "${o.table}.${o.field}" can make existing documents fail validation.`);
    if (o.op === "setOptional" && !o.optional)
      out.push(`Making "${o.table}.${o.field}" required fails for existing documents that lack it.`);
    if (o.op === "addField" && !o.field.optional)
      out.push(
        `Adding required field "${o.table}.${o.field.name}" fails for existing documents until they are backfilled.`,
      );
  }
  return out;
}

/** A union of literals that keeps every old value (new values added) accepts every existing document. */
function widens(before: Validator | undefined, after: Validator): boolean {
  const literals = (v: Validator): string[] | undefined => {
    const members = v.kind === "union" ? v.members : [v];
    return members.every((m) => m.kind === "literal")
      ? members.map((m) => JSON.stringify((m as { value: unknown }).value))
      : undefined;
  };
  const old = before && literals(before);
  const next = literals(after);
  return Boolean(old && next && old.every((x) => next.includes(x)));
}

function clamp(n: number): number {
  if (!Number.isFinite(n)) return 0;
  return Math.min(1, Math.max(0, n));
}
