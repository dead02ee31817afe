/**
 * Relationships between tables, inferred from `v.id(...)` validators (Convex has no foreign keys or unique
 * constraints, so kinds beyond many-to-one come from shape and naming), and suggestions for string fields that
 * look like references.
 */
import pluralize from "pluralize";
import type { Field, SchemaModel, Table, Validator } from "../model";
import type { SchemaOperation } from "../operations";

export type RelationshipKind = "many-to-one" | "one-to-one" | "many-to-many" | "self";

/** Crow's-foot style end labels: "1", "0..1", "*". */
export type Cardinality = "1" | "0..1" | "*";

export interface Relationship {
  /**
   * Where the reference lives. `path` is the field path inside the document (`assigneeId`, `meta.ownerId`,
   * `memberIds[]`). For a join-table relationship `from.table` is the first joined table and `from.field`/`path`
   * name the join table's column that points at it (`teamMembers.teamId`).
   */
  from: { table: string; field: string; path: string };
  to: string;
  kind: RelationshipKind;
  /** The reference may be absent (optional field, nullable, or one member of a union). */
  optional: boolean;
  /** The join table, for many-to-many relationships through one. */
  viaJoinTable?: string;
  cardinality: { from: Cardinality; to: Cardinality };
  /** The target is not a table of the model (a system table such as `_storage`, or a missing table). */
  external?: boolean;
}

// Table-name endings that usually hold one row per parent row (`userProfiles.userId` → one-to-one).
const ONE_TO_ONE_SUFFIXES = [
  "profile",
  "profiles",
  "settings",
  "preferences",
  "stats",
  "details",
  "metadata",
  "info",
  "config",
  "configs",
];
const MAX_JOIN_EXTRA_FIELDS = 3;
// Field kinds that hold content of their own: a table with them is an entity, not a join table.
const HEAVY = new Set(["string", "array", "record", "bytes", "any"]);

/** Every reference between tables, in model order, plus many-to-many relationships through join tables. */
export function inferRelationships(model: SchemaModel): Relationship[] {
  const names = new Set(model.tables.map((t) => t.name));
  const out: Relationship[] = [];
  for (const table of model.tables) {
    for (const field of table.fields) {
      for (const ref of references(field)) out.push(directRelationship(table, field, ref, names));
    }
    const join = joinTable(table, names);
    if (join) out.push(join);
  }
  return out;
}

/**
 * The references between tables of the schema, the one thing every view counts ("20 references"): one per place a
 * document holds the id of a document of a table of the model — a field, a nested field, a list or record of ids,
 * a self reference. The diagram draws exactly these as lines. Left out: references to tables that are not in the
 * model (system tables such as `_storage`, missing tables), and a join table's many-to-many, which is made of two
 * references already counted. Several ids of one table at one place (a union) count once.
 */
export function tableReferences(model: SchemaModel): Relationship[] {
  const seen = new Set<string>();
  return inferRelationships(model).filter((r) => {
    if (r.viaJoinTable || r.external) return false;
    const key = referenceKey(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** How many references between tables the schema has (see `tableReferences`): the count every view shows. */
export function referenceCount(model: SchemaModel): number {
  return tableReferences(model).length;
}

/** `tasks.projectId->projects`, `tags.postIds->posts`, `docs.meta.ownerId->users`: a reference's stable name. */
export function referenceKey(r: Relationship): string {
  return `${r.from.table}.${r.from.path.replace(/\[\]|\{\}/g, "")}->${r.to}`;
}

interface Ref {
  path: string;
  to: string;
  inArray: boolean;
  optional: boolean;
}

/** `v.id` occurrences inside a field's validator, with their path and whether they sit in an array or union. */
function references(field: Field): Ref[] {
  const out: Ref[] = [];
  const visit = (v: Validator, path: string, inArray: boolean, optional: boolean): void => {
    switch (v.kind) {
      case "id":
        out.push({ path, to: v.table, inArray, optional });
        break;
      case "array":
        visit(v.element, `${path}[]`, true, optional);
        break;
      case "object":
        for (const f of v.fields) visit(f.validator, `${path}.${f.name}`, inArray, optional || f.optional);
        break;
      case "record":
        visit(v.value, `${path}{}`, true, optional);
        break;
      case "union": {
        const nonNull = v.members.filter((m) => m.kind !== "null");
        for (const m of nonNull) visit(m, path, inArray, optional || v.members.length > 1);
        break;
      }
    }
  };
  visit(field.validator, field.name, false, field.optional);
  return out;
}

function directRelationship(table: Table, field: Field, ref: Ref, names: Set<string>): Relationship {
  const base = { from: { table: table.name, field: field.name, path: ref.path }, to: ref.to, optional: ref.optional };
  const toEnd: Cardinality = ref.optional ? "0..1" : "1";
  const extra = names.has(ref.to) ? {} : { external: true as const };
  if (ref.to === table.name) {
    return {
      ...base,
      kind: "self",
      cardinality: ref.inArray ? { from: "*", to: "*" } : { from: "*", to: toEnd },
      ...extra,
    };
  }
  if (ref.inArray) return { ...base, kind: "many-to-many", cardinality: { from: "*", to: "*" }, ...extra };
  if (looksOneToOne(table.name, ref.to))
    return { ...base, kind: "one-to-one", cardinality: { from: "0..1", to: toEnd }, ...extra };
  return { ...base, kind: "many-to-one", cardinality: { from: "*", to: toEnd }, ...extra };
}

/** `userProfiles → users`, `userSettings → users`, `profiles → users`: one row per target row by naming. */
function looksOneToOne(from: string, to: string): boolean {
  const lower = from.toLowerCase();
  const target = pluralize.singular(to).toLowerCase();
  return ONE_TO_ONE_SUFFIXES.some((s) => lower === s || lower === target + s);
}

/**
 * A join table: exactly two required `v.id` fields to other tables of the model, and few other fields that carry
 * no content of their own (roles, flags, timestamps; no free text, lists or records), or a name made of both
 * tables (`taskLabels`). Gives the many-to-many relationship between the two tables it joins.
 */
function joinTable(table: Table, names: Set<string>): Relationship | undefined {
  if (table.variants || table.anyDocument) return undefined;
  const ids = table.fields.filter((f) => f.validator.kind === "id" && !f.optional);
  if (ids.length !== 2) return undefined;
  const [a, b] = ids.map((f) => ({ field: f.name, to: (f.validator as { table: string }).table }));
  if (!names.has(a.to) || !names.has(b.to) || a.to === table.name || b.to === table.name) return undefined;
  const extras = table.fields.filter((f) => !ids.includes(f));
  const named = [a.to, b.to].every((t) => table.name.toLowerCase().includes(pluralize.singular(t).toLowerCase()));
  const light = extras.length <= MAX_JOIN_EXTRA_FIELDS && extras.every((f) => !HEAVY.has(f.validator.kind));
  if (!light && !(named && extras.length <= MAX_JOIN_EXTRA_FIELDS + 2)) return undefined;
  return {
    from: { table: a.to, field: a.field, path: `${table.name}.${a.field}` },
    to: b.to,
    kind: "many-to-many",
    optional: false,
    viaJoinTable: table.name,
    cardinality: { from: "*", to: "*" },
  };
}

export interface ReferenceSuggestion {
  table: string;
  field: string;
  /** the table the string field seems to reference */
  target: string;
  confidence: "high" | "medium";
  /** One sentence with quoted names. */
  message: string;
  /** The change that turns the field into a typed reference. */
  operation: SchemaOperation;
}

// Field names that usually mean a user even though no table is named after them.
const USER_ALIASES = [
  "owner",
  "author",
  "creator",
  "createdby",
  "updatedby",
  "assignee",
  "reporter",
  "sender",
  "recipient",
  "actor",
  "member",
];

/** String fields (or arrays of strings) named like references to an existing table, e.g. `userId: v.string()`. */
export function suggestReferences(model: SchemaModel): ReferenceSuggestion[] {
  const byLower = new Map(model.tables.map((t) => [t.name.toLowerCase(), t.name]));
  const users = byLower.get("users");
  const out: ReferenceSuggestion[] = [];
  for (const table of model.tables) {
    for (const field of table.fields) {
      const v = field.validator;
      const isArray = v.kind === "array" && v.element.kind === "string";
      if (v.kind !== "string" && !isArray) continue;
      const m = /^(.+?)(Id|_id|ID|Ids|_ids|IDs)$/.exec(field.name);
      const stem = m ? m[1] : field.name;
      const exact = m ? findTable(byLower, stem) : undefined;
      const alias =
        !exact && users && USER_ALIASES.includes(stem.toLowerCase().replace(/_/g, "")) && (m || /by$/i.test(field.name))
          ? users
          : undefined;
      const target = exact ?? alias;
      if (!target) continue;
      const id: Validator = { kind: "id", table: target };
      const confidence = exact ? "high" : "medium";
      out.push({
        table: table.name,
        field: field.name,
        target,
        confidence,
        message: `Field "${table.name}.${field.name}" is a string but looks like a reference to "${target}"; use ${isArray ? `v.array(v.id("${target}"))` : `v.id("${target}")`}.`,
        operation: {
          op: "changeFieldType",
          table: table.name,
          field: field.name,
          validator: isArray ? { kind: "array", element: id } : id,
        },
      });
    }
  }
  return out;
}

/** A table named after `stem` in plural or singular form (`user` → `users`, `teamMember` → `teamMembers`). */
function findTable(byLower: Map<string, string>, stem: string): string | undefined {
  const s = stem.toLowerCase().replace(/_/g, "");
  for (const candidate of [pluralize.plural(s), s, pluralize.singular(s)]) {
    const hit = byLower.get(candidate) ?? [...byLower.entries()].find(([k]) => k.replace(/_/g, "") === candidate)?.[1];
    if (hit) return hit;
  }
  return undefined;
}
