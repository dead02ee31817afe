/**
 * What the generators need to know about a schema beyond its shape: which field makes a row owned by a user,
 * how a signed-in identity maps to a user document, which index serves each parent reference, and which
 * documents reference a table (for `remove`).
 */
import type { Field, Index, SchemaModel, Table, Validator } from "../schema/model";
import { findTable, walkValidator } from "../schema/model";
import type { DeleteStrategy, ResolvedOptions } from "./options";

/** Field names that make a row belong to the user it points at, most specific first. */
const OWNER_FIELD_NAMES = [
  "ownerId",
  "owner",
  "userId",
  "user",
  "createdBy",
  "createdById",
  "authorId",
  "author",
  "creatorId",
];

/** How `requireUser` finds the signed-in user's document. */
export type IdentityLookup =
  /** A string field compared with `identity.tokenIdentifier` or `identity.subject`, through an index if one starts with it. */
  | { kind: "field"; field: string; source: "tokenIdentifier" | "subject"; index?: string }
  /** Convex Auth style: the identity's subject is `<userId>|<session>`. */
  | { kind: "subjectId" };

export interface Owner {
  field: string;
  /** The users table the owner field points at. */
  usersTable: string;
  optional: boolean;
}

/** A top-level field of `table` holding an id of `parent` (directly, optionally, or `v.union(v.id, v.null())`). */
export interface ParentRef {
  table: string;
  field: string;
  parent: string;
  optional: boolean;
  nullable: boolean;
  /** The index whose first field is `field` (fewest fields wins), if any. */
  index?: Index;
}

/** A reference the generator cannot follow in `remove` (nested in an object, array, record or wider union). */
export interface NestedRef {
  table: string;
  field: string;
  parent: string;
}

/** The shape class of a table's documents. */
export type TableShape = "object" | "union" | "any";

export function tableShape(table: Table): TableShape {
  if (table.anyDocument) return "any";
  return table.variants && table.variants.length > 0 ? "union" : "object";
}

/** The id target of a top-level field when it is `v.id(T)` or `v.union(v.id(T), v.null())`. */
function directId(v: Validator): { parent: string; nullable: boolean } | undefined {
  if (v.kind === "id") return { parent: v.table, nullable: false };
  if (v.kind === "union" && v.members.length === 2) {
    const id = v.members.find((m) => m.kind === "id");
    const nul = v.members.find((m) => m.kind === "null");
    if (id && nul && id.kind === "id") return { parent: id.table, nullable: true };
  }
  return undefined;
}

/** The best index to look a field up by: usable (not staged), starting with the field, fewest fields. */
export function indexStartingWith(table: Table, field: string): Index | undefined {
  return table.indexes
    .filter((i) => !i.staged && i.fields[0] === field)
    .sort((a, b) => a.fields.length - b.fields.length)[0];
}

/** Fields of a table present in every variant (for union documents), else all fields. */
function commonFields(table: Table): Field[] {
  if (tableShape(table) !== "union") return table.fields;
  return table.fields.filter((f) => table.variants!.every((vs) => vs.some((g) => g.name === f.name)));
}

const refsCache = new WeakMap<Table, ParentRef[]>();

/** Direct parent references of a table, in field order. */
export function parentRefs(model: SchemaModel, table: Table): ParentRef[] {
  let cached = refsCache.get(table);
  if (!cached) refsCache.set(table, (cached = computeParentRefs(model, table)));
  return cached;
}

function computeParentRefs(model: SchemaModel, table: Table): ParentRef[] {
  if (tableShape(table) === "any") return [];
  const out: ParentRef[] = [];
  for (const f of commonFields(table)) {
    const d = directId(f.validator);
    if (!d || !findTable(model, d.parent)) continue;
    out.push({
      table: table.name,
      field: f.name,
      parent: d.parent,
      optional: f.optional,
      nullable: d.nullable,
      index: indexStartingWith(table, f.name),
    });
  }
  return out;
}

/** References to `target` the generator does not follow: ids nested inside objects, arrays, records or unions. */
export function nestedRefs(model: SchemaModel, target: string): NestedRef[] {
  const out: NestedRef[] = [];
  for (const t of model.tables) {
    const direct = new Set(parentRefs(model, t).map((r) => r.field));
    for (const f of t.fields) {
      if (direct.has(f.name)) continue;
      let hit = false;
      walkValidator(f.validator, (v) => {
        if (v.kind === "id" && v.table === target) hit = true;
      });
      if (hit) out.push({ table: t.name, field: f.name, parent: target });
    }
  }
  return out;
}

/** The owner field of a table, if one of the conventional names holds an id of another table. */
export function findOwner(model: SchemaModel, table: Table): Owner | undefined {
  const refs = parentRefs(model, table).filter((r) => r.parent !== table.name && !r.nullable);
  for (const name of OWNER_FIELD_NAMES) {
    const r = refs.find((x) => x.field === name);
    if (r) return { field: r.field, usersTable: r.parent, optional: r.optional };
  }
  return undefined;
}

const SUBJECT_FIELDS = ["externalId", "clerkId", "clerkUserId", "authId", "subject", "authSubject"];

/** How the signed-in identity is matched to a document of `usersTable`. */
export function identityLookup(model: SchemaModel, usersTable: string): IdentityLookup {
  const t = findTable(model, usersTable);
  if (!t || tableShape(t) !== "object") return { kind: "subjectId" };
  const stringField = (name: string) => t.fields.find((f) => f.name === name && f.validator.kind === "string");
  const token = stringField("tokenIdentifier");
  if (token)
    return {
      kind: "field",
      field: token.name,
      source: "tokenIdentifier",
      index: indexStartingWith(t, token.name)?.name,
    };
  for (const name of SUBJECT_FIELDS) {
    const f = stringField(name);
    if (f) return { kind: "field", field: f.name, source: "subject", index: indexStartingWith(t, f.name)?.name };
  }
  return { kind: "subjectId" };
}

/** A reference into a table being removed, with the strategy `remove` applies to it. */
export interface IncomingRef extends ParentRef {
  strategy: DeleteStrategy;
  /** Set when the configured strategy could not be used (detach of a required field) and "refuse" applies. */
  fallbackReason?: string;
}

/** Every direct reference into `target`, with the strategy for each. */
export function incomingRefs(model: SchemaModel, target: string, options: ResolvedOptions): IncomingRef[] {
  const out: IncomingRef[] = [];
  for (const t of model.tables) {
    for (const r of parentRefs(model, t)) {
      if (r.parent !== target) continue;
      const wanted = options.onDeleteOverrides[`${r.table}.${r.field}`] ?? options.onDelete;
      if (wanted === "detach" && !r.optional && !r.nullable) {
        const reason = `"${r.table}.${r.field}" is required, so it cannot be detached`;
        out.push({ ...r, strategy: "refuse", fallbackReason: reason });
      } else {
        out.push({ ...r, strategy: wanted });
      }
    }
  }
  return out;
}

/** The name of the `listBy…` function for a parent reference: "projectId" → "listByProject". */
export function listByName(ref: ParentRef, taken: Set<string>): string {
  const stem = ref.field.replace(/(_id|Id|_ID|ID)$/, "") || ref.field;
  let name = `listBy${stem.charAt(0).toUpperCase()}${stem.slice(1).replace(/[^A-Za-z0-9_$]/g, "_")}`;
  if (taken.has(name))
    name = `listBy${ref.field.charAt(0).toUpperCase()}${ref.field.slice(1).replace(/[^A-Za-z0-9_$]/g, "_")}`;
  taken.add(name);
  return name;
}

const CONVEX_IDENTIFIER = /^[a-zA-Z][a-zA-Z0-9_]*$/;

/** A problem that makes Convex reject the schema itself (the generated code compiles but cannot be deployed). */
export interface SchemaProblem {
  table: string;
  message: string;
}

/**
 * Names Convex rejects when the schema is pushed (table, top-level field and index names must be identifiers),
 * and parts of the model the parser could not read (its warnings): generated code follows the model as read.
 */
export function schemaProblems(model: SchemaModel): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  for (const t of model.tables) {
    if (!CONVEX_IDENTIFIER.test(t.name))
      out.push({
        table: t.name,
        message: `Table name "${t.name}" is not a valid Convex identifier; Convex rejects the schema.`,
      });
    const fields = t.variants ? t.variants.flat() : t.fields;
    for (const f of new Set(fields.map((x) => x.name))) {
      if (!CONVEX_IDENTIFIER.test(f))
        out.push({
          table: t.name,
          message: `Field "${t.name}.${f}" is not a valid Convex identifier; Convex rejects the schema.`,
        });
    }
    for (const i of [...t.indexes, ...t.searchIndexes, ...t.vectorIndexes]) {
      if (!CONVEX_IDENTIFIER.test(i.name))
        out.push({
          table: t.name,
          message: `Index "${t.name}.${i.name}" is not a valid Convex identifier; Convex rejects the schema.`,
        });
    }
  }
  for (const w of model.warnings) {
    const table = model.tables.find((t) => w.path === t.name || w.path?.startsWith(`${t.name}.`))?.name ?? "";
    out.push({
      table,
      message: `The schema could not be fully read (${w.code}: ${w.message}); the generated code follows the part that was read.`,
    });
  }
  return out;
}
