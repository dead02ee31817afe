/**
 * Relationships as the docs render them: `inferRelationships` from lib/schema, flattened, plus whether an index
 * serves "find the documents pointing at X".
 */
import type { SchemaModel } from "../schema/model";
import {
  inferRelationships,
  type Cardinality,
  type Relationship,
  type RelationshipKind,
} from "../schema/relationships";

export interface DocRelationship {
  /** table holding the reference (for a join-table relationship: the first joined table) */
  from: string;
  /** top-level field holding the reference (for a join-table relationship: the join table's column) */
  field: string;
  /** where in the document: "assigneeId", "meta.ownerId", "memberIds[]", "attrs{}"; "teamMembers.teamId" for joins */
  path: string;
  to: string;
  kind: RelationshipKind;
  cardinality: { from: Cardinality; to: Cardinality };
  optional: boolean;
  /** a direct reference that an index of `from` starts with (always false for arrays and joins) */
  indexed: boolean;
  viaJoinTable?: string;
  /** the target is not a table of the model (`_storage`, or a missing table) */
  external?: boolean;
}

/** A reference held in one document field (not an array/record element, not a join-table pair). */
export function isDirect(r: DocRelationship): boolean {
  return !r.viaJoinTable && !/[[{]/.test(r.path);
}

/** A reference inside an array or record: a list of ids in one document. */
export function isIdList(r: DocRelationship): boolean {
  return !r.viaJoinTable && /[[{]/.test(r.path);
}

/** Every relationship of the schema, in model order (see `inferRelationships`). */
export function schemaRelationships(model: SchemaModel): DocRelationship[] {
  return docRelationships(model, inferRelationships(model));
}

/** Relationships of `model` (e.g. its `tableReferences`) as the docs render them. */
export function docRelationships(model: SchemaModel, relationships: Relationship[]): DocRelationship[] {
  const firstIndexFields = new Map(
    model.tables.map((t) => [t.name, new Set(t.indexes.filter((i) => !i.staged).map((i) => i.fields[0]))]),
  );
  return relationships.map((r) => {
    const out: DocRelationship = {
      from: r.from.table,
      field: r.from.field,
      path: r.from.path,
      to: r.to,
      kind: r.kind,
      cardinality: r.cardinality,
      optional: r.optional,
      indexed: false,
    };
    if (r.viaJoinTable) out.viaJoinTable = r.viaJoinTable;
    if (r.external) out.external = true;
    out.indexed = isDirect(out) && (firstIndexFields.get(r.from.table)?.has(r.from.path) ?? false);
    return out;
  });
}
