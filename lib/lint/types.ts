import type { RuleInfo } from "../diagnostics";
import type { Diagnostic, SchemaModel, Severity } from "../schema/model";

/** Options for `lintSchema`. */
export interface LintOptions {
  /** Turn a rule off or change its severity, by code. */
  rules?: Record<string, Severity | "off">;
  /**
   * How many objects/arrays may nest inside one field value before `LINT-DEEP-NESTING` reports.
   * @default 3
   */
  maxNesting?: number;
  /**
   * Also report findings on what libraries create, which the project cannot change: anything located in
   * dependencies (`node_modules/...`), tables marked `generatedBy` (`authTables`, convex-ents join tables) and
   * indexes marked `generatedBy` (convex-ents edge indexes).
   * @default false
   */
  includeDependencies?: boolean;
}

export interface ResolvedLintOptions {
  maxNesting: number;
  includeDependencies: boolean;
}

/** One lint rule: the kit's rule head (code, default severity, summary) and a pure check of a model. */
export interface LintRule extends RuleInfo {
  check(model: SchemaModel, options: ResolvedLintOptions): Diagnostic[];
}
