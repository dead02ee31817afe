/** The migration plan as data: phases of steps, intermediate schemas, risks, decisions and semver. */
import type { Diagnostic, Field, Index, SchemaModel, SearchIndex, Validator, VectorIndex } from "../../schema/model";
import type { Change, MergeHow } from "../changes";

/** How a backfilled value is computed from the document. */
export type Conversion =
  | { kind: "toString" }
  | { kind: "toNumber" }
  | { kind: "toInt64" }
  | { kind: "wrapArray" }
  /**
   * `v.id(from)` → `v.id(to)` after a table rename copied documents to new ids. `within`: the field's old validator
   * when the ids sit inside arrays, objects or records (the remap follows it).
   */
  | { kind: "remapId"; fromTable: string; toTable: string; within?: Validator };

export type BackfillSource =
  | { kind: "default"; value: unknown }
  | { kind: "copy"; from: string }
  | { kind: "convert"; from: string; conversion: Conversion; fallback?: { value: unknown } }
  /**
   * Merged fields: sum of the numbers, strings joined with a space, the first one set, an object of them (`members`
   * names the member each source fills), or an array of those set, in order.
   */
  | { kind: "combine"; from: string[]; how: MergeHow; members?: string[] }
  /** No value is known: the user must choose one before the plan can run. */
  | { kind: "decision"; reason: string };

/** One field written by a backfill: when (value missing / not valid under the target / always) and from what. */
export interface FieldBackfill {
  field: string;
  when: "missing" | "invalid" | "always";
  source: BackfillSource;
}

export type PhaseName = "widen" | "backfill" | "narrow";

export type Step =
  // widen (schema only)
  | { kind: "addTable"; table: string }
  | { kind: "addField"; table: string; field: Field }
  | { kind: "widenField"; table: string; field: Field }
  | { kind: "addIndex"; table: string; index: Index | SearchIndex | VectorIndex; staged: boolean }
  // backfill (data)
  | { kind: "copyTable"; from: string; to: string; fieldMap: Record<string, string> }
  | { kind: "backfill"; table: string; fields: FieldBackfill[] }
  // narrow (data, then schema)
  | { kind: "unsetFields"; table: string; fields: string[] }
  | { kind: "deleteTable"; table: string }
  | { kind: "narrowField"; table: string; field: Field }
  | { kind: "dropField"; table: string; field: string }
  | { kind: "dropIndex"; table: string; name: string }
  | { kind: "enableIndex"; table: string; name: string }
  | { kind: "dropTable"; table: string };

export type StepKind = Step["kind"];

/** Steps that read and write documents (the executor runs them in batches). */
export type DataStep = Extract<Step, { kind: "copyTable" | "backfill" | "unsetFields" | "deleteTable" }>;

export interface Phase {
  name: PhaseName;
  steps: Step[];
  /** The schema in force once the phase is done. */
  schema: SchemaModel;
}

/** Something the user must decide before the plan is safe to run. */
export interface Decision {
  table: string;
  field?: string;
  question: string;
}

export type Bump = "major" | "minor" | "patch" | "none";

export interface MigrationPlan {
  from: SchemaModel;
  to: SchemaModel;
  changes: Change[];
  phases: Phase[];
  risks: Diagnostic[];
  /** Prisma-style sentences for the top of generated code and the CLI. */
  warnings: string[];
  decisions: Decision[];
  /** No open decision and no error-level risk without a chosen path. */
  safe: boolean;
  /** Stored values are deleted (dropped tables or fields, rewritten values). */
  destructive: boolean;
  /** The reverse plan can be derived from the schemas alone (the run's journal can always roll back). */
  reversible: boolean;
  bump: Bump;
}

/** Stable id of a data step inside a plan, used by journal markers. */
export function stepId(phase: PhaseName, index: number, step: Step): string {
  const table = "table" in step ? step.table : `${step.from}->${step.to}`;
  return `${phase}/${index}/${step.kind}/${table}`;
}

export function isDataStep(s: Step): s is DataStep {
  return s.kind === "copyTable" || s.kind === "backfill" || s.kind === "unsetFields" || s.kind === "deleteTable";
}
