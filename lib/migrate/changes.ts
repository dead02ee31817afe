/**
 * Typed schema changes: the output of the differ and the input of risks and planning.
 * Each change is a small JSON-safe value (Atlas-style `AddTable`, `DropColumn`, `RenameColumn{From,To}`).
 */
import type { Field, Index, SchemaOptions, SearchIndex, Table, Validator, VectorIndex } from "../schema/model";

/** How the set of accepted values moved: widen = every old value is still valid. */
export type Relation = "equal" | "widen" | "narrow" | "change";

export type Change =
  | { kind: "addTable"; table: string; def: Table }
  | { kind: "dropTable"; table: string; def: Table }
  | { kind: "renameTable"; from: string; to: string; confidence: number }
  | { kind: "addField"; table: string; field: Field }
  | { kind: "dropField"; table: string; field: Field }
  | { kind: "renameField"; table: string; from: string; to: string; field: Field; previous: Field; confidence: number }
  /** Several fields combined into one new field (`billableTokens` + `unbillableTokens` → `tokens`); the sources are dropped. */
  | {
      kind: "mergeFields";
      table: string;
      from: string[];
      to: string;
      field: Field;
      how: MergeHow;
      /** For `how: "object"`, the member each source fills (parallel to `from`). */
      members?: string[];
    }
  | TypeChange<"widenType">
  | TypeChange<"narrowType">
  | TypeChange<"changeType">
  | { kind: "makeOptional"; table: string; field: string; validator: Validator }
  | { kind: "makeRequired"; table: string; field: string; validator: Validator }
  /** The document validator (union variants / `v.any()`) changed in a way the field view does not show. */
  | { kind: "changeDocument"; table: string; relation: Relation }
  | { kind: "addIndex"; table: string; index: Index }
  | { kind: "dropIndex"; table: string; index: Index }
  | { kind: "changeIndex"; table: string; from: Index; to: Index }
  | { kind: "addSearchIndex"; table: string; index: SearchIndex }
  | { kind: "dropSearchIndex"; table: string; index: SearchIndex }
  | { kind: "changeSearchIndex"; table: string; from: SearchIndex; to: SearchIndex }
  | { kind: "addVectorIndex"; table: string; index: VectorIndex }
  | { kind: "dropVectorIndex"; table: string; index: VectorIndex }
  | { kind: "changeVectorIndex"; table: string; from: VectorIndex; to: VectorIndex }
  | { kind: "changeDescription"; table: string; field?: string; from?: string; to?: string }
  | { kind: "changeOptions"; from: SchemaOptions; to: SchemaOptions };

/** A field's validator moved: widen (old values all still valid), narrow, or an unrelated change. */
export interface TypeChange<K extends "widenType" | "narrowType" | "changeType"> {
  kind: K;
  table: string;
  field: string;
  from: Validator;
  to: Validator;
}

export type ChangeKind = Change["kind"];

/** The change of the given kind (for typed risk checks and step builders). */
export type ChangeOf<K extends ChangeKind> = Extract<Change, { kind: K }>;

/**
 * How merged fields combine into one value: numbers add up, strings join with a space, "first" takes the first set;
 * "object" builds an object whose members are the sources (`templateId` + `templateVariables` → `template: { id,
 * variables }`); "array" collects the sources in order, leaving out those unset (`aImage` + `bImage` → `images`).
 */
export type MergeHow = "sum" | "concat" | "first" | "object" | "array";

/** A possible rename the differ found; only the resolver turns it into a `rename*` change. */
export interface RenameCandidate {
  /** "merge": several dropped fields into one new field; `from` is "a+b", `sources` lists them. */
  kind: "table" | "field" | "merge";
  sources?: string[];
  /** For merges: how the sources combine, and for "object" the member each source fills (parallel to `sources`). */
  how?: MergeHow;
  members?: string[];
  /** For field renames, the table (its name in the target schema). */
  table?: string;
  from: string;
  to: string;
  /** 0..1: same type, similar name, overlapping sampled data. */
  confidence: number;
  /** Why the candidate was proposed, for prompts. */
  reasons: string[];
}

export type RenameDecision = "rename" | "addDrop";

/** Decides each candidate. The CLI prompts, tests pass fixed answers, non-interactive runs fail. */
export type RenameResolver = (candidate: RenameCandidate) => RenameDecision | Promise<RenameDecision>;

/** Dotted path of a change, for diagnostics: "users", "users.email", "users.by_email". */
export function changePath(c: Change): string {
  switch (c.kind) {
    case "changeOptions":
      return "";
    case "renameTable":
      return c.to;
    case "addTable":
    case "dropTable":
    case "changeDocument":
      return c.table;
    case "addField":
    case "dropField":
      return `${c.table}.${c.field.name}`;
    case "renameField":
    case "mergeFields":
      return `${c.table}.${c.to}`;
    case "changeDescription":
      return c.field ? `${c.table}.${c.field}` : c.table;
    case "changeIndex":
    case "changeSearchIndex":
    case "changeVectorIndex":
      return `${c.table}.${c.to.name}`;
    case "addIndex":
    case "dropIndex":
    case "addSearchIndex":
    case "dropSearchIndex":
    case "addVectorIndex":
    case "dropVectorIndex":
      return `${c.table}.${c.index.name}`;
    default:
      return `${c.table}.${c.field}`;
  }
}
