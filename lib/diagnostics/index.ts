/**
 * One diagnostics kit for every stage (schema reading, lint, migration risks, optimizer, import): the shape of a
 * finding, the head every rule declares (stable code, default severity, one-line summary), and the registry of every
 * code (`./registry`). lib/schema/model re-exports the types, so existing imports keep working.
 */
import type { SourceLocation } from "../schema/model";
import type { SchemaOperation } from "../schema/operations";

export type Severity = "error" | "warning" | "info";

/** A suggested fix: a sentence, and where possible the schema operations that perform it. */
export interface Fix {
  description: string;
  /** Operations `applyOperations` can apply (lib/schema/operations). */
  operations?: SchemaOperation[];
}

/** A finding from any stage: parser warnings, lint rules, risk codes, optimizer findings, import problems. */
export interface Diagnostic {
  /** Stable code, e.g. "SA101" for a parser warning or "LINT-ID-INDEX". Never reused for another meaning. */
  code: string;
  severity: Severity;
  /** One sentence with quoted names: `Field "tasks.ownerId" references "users" but has no index.` */
  message: string;
  /** Dotted model path: "tasks", "tasks.ownerId", "tasks.by_owner". */
  path?: string;
  loc?: SourceLocation;
  fixes?: Fix[];
}

/** The stage a code belongs to (its prefix: SA, LINT-, MR, OPT, IMP-/DATA-). */
export type Stage = "schema" | "lint" | "migrate" | "optimize" | "import";

/**
 * What every rule of every stage declares: its stable code, its default severity (the highest it emits) and one
 * line saying what it finds. Lint rules, risk rules and optimizer checks extend it with their stage's check.
 */
export interface RuleInfo {
  code: string;
  severity: Severity;
  /** One sentence: what the rule finds and why it matters. */
  summary: string;
}

/** A rule that checks one input (a model, a plan's changes, an analysis) and reports findings. */
export interface Rule<Input, D extends Diagnostic = Diagnostic> extends RuleInfo {
  check(input: Input): D[];
}
