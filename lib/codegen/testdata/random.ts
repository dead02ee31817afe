/**
 * Seeded random schema models for the generator's compile-and-run test: a few tables with every validator
 * kind, references to earlier tables (required or optional), optional references to later tables and to
 * themselves, owner fields, indexes on some references, union documents and the odd `v.any()` table.
 * Required references only point backwards, so every random schema can be filled with documents.
 */
import type { Field, Index, SchemaModel, Table, Validator } from "../../schema/model";
import { emptySchema, newTable } from "../../schema/model";
import { prng } from "../../schema/testdata/random-model";


const TABLE_WORDS = ["orders", "items", "posts", "teams", "invoices", "events", "notes", "files", "tags", "reviews", "delete", "class"];
const FIELD_WORDS = ["title", "name", "email", "price", "createdAt", "status", "count", "body", "website", "isActive", "rating", "phone", "city", "dueAt", "label", "amount", "color", "avatarUrl"];

class Gen {
  constructor(private readonly rnd: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.rnd() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(0, xs.length - 1)];
  }
}

function scalar(g: Gen, depth: number): Validator {
  const r = g.int(0, depth > 1 ? 6 : 10);
  switch (r) {
    case 0:
    case 1:
      return { kind: "string" };
    case 2:
      return { kind: "number" };
    case 3:
      return { kind: "boolean" };
    case 4:
      return { kind: "int64" };
    case 5:
      return { kind: "union", members: [{ kind: "literal", value: "draft" }, { kind: "literal", value: "live" }, { kind: "literal", value: 3 }] };
    case 6:
      return { kind: "bytes" };
    case 7:
      return { kind: "array", element: scalar(g, depth + 1) };
    case 8:
      return { kind: "object", fields: [{ name: "a", validator: scalar(g, depth + 1), optional: false }, { name: "b_c", validator: scalar(g, depth + 1), optional: true }] };
    case 9:
      return { kind: "record", key: { kind: "string" }, value: scalar(g, depth + 1) };
    default:
      return { kind: "union", members: [{ kind: "string" }, { kind: "null" }] };
  }
}

function makeTable(g: Gen, name: string, earlier: string[], all: string[], withUsers: boolean): Table {
  const fields: Field[] = [];
  const indexes: Index[] = [];
  const used = new Set<string>();
  const add = (f: Field) => {
    if (used.has(f.name)) return;
    used.add(f.name);
    fields.push(f);
  };
  if (withUsers && g.chance(0.6)) add({ name: g.pick(["ownerId", "userId", "createdBy"]), validator: { kind: "id", table: "users" }, optional: false });
  for (let i = g.int(1, 5); i > 0; i--) add({ name: g.pick(FIELD_WORDS), validator: scalar(g, 0), optional: g.chance(0.3) });
  if (earlier.length > 0 && g.chance(0.8)) add({ name: `${g.pick(earlier)}Id`.replace(/^(\w)/, (c) => c.toLowerCase()), validator: { kind: "id", table: g.pick(earlier) }, optional: g.chance(0.3) });
  if (g.chance(0.3)) add({ name: "parentId", validator: { kind: "id", table: name }, optional: true });
  if (g.chance(0.3)) add({ name: "linkId", validator: { kind: "union", members: [{ kind: "id", table: g.pick(all) }, { kind: "null" }] }, optional: true });
  if (g.chance(0.2) && earlier.length > 0) add({ name: "refs", validator: { kind: "array", element: { kind: "id", table: g.pick(earlier) } }, optional: false });
  if (g.chance(0.15) && earlier.length > 0) add({ name: "byRef", validator: { kind: "record", key: { kind: "id", table: g.pick(earlier) }, value: { kind: "number" } }, optional: true });
  if (g.chance(0.15) && earlier.length > 0) add({ name: "nested", validator: { kind: "object", fields: [{ name: "target", validator: { kind: "id", table: g.pick(earlier) }, optional: false }] }, optional: g.chance(0.5) });
  for (const f of fields) {
    const direct = f.validator.kind === "id" || (f.validator.kind === "union" && f.validator.members.some((m) => m.kind === "id"));
    // Some indexes are compound, some staged (not queryable yet, so the generator must not use them).
    if (direct && g.chance(0.7)) indexes.push({ name: `by_${f.name}`, fields: g.chance(0.2) && fields[0] !== f ? [f.name, fields[0].name] : [f.name], staged: g.chance(0.1) || undefined });
  }
  const text = fields.find((f) => f.validator.kind === "string" && !f.optional);
  const searchIndexes = text && g.chance(0.3) ? [{ name: "search_text", searchField: text.name, filterFields: [] }] : [];
  return { ...newTable(name, fields), indexes, searchIndexes };
}

function unionTable(g: Gen, name: string, earlier: string[]): Table {
  const parent = earlier.length > 0 ? g.pick(earlier) : undefined;
  const common: Field[] = parent ? [{ name: "parentRef", validator: { kind: "id", table: parent }, optional: false }] : [];
  const a: Field[] = [{ name: "kind", validator: { kind: "literal", value: "a" }, optional: false }, ...common, { name: "price", validator: { kind: "number" }, optional: false }];
  const b: Field[] = [{ name: "kind", validator: { kind: "literal", value: "b" }, optional: false }, ...common, { name: "title", validator: { kind: "string" }, optional: true }];
  const merged: Field[] = [
    { name: "kind", validator: { kind: "union", members: [{ kind: "literal", value: "a" }, { kind: "literal", value: "b" }] }, optional: false },
    ...common,
    { name: "price", validator: { kind: "number" }, optional: true },
    { name: "title", validator: { kind: "string" }, optional: true },
  ];
  return { ...newTable(name, merged), variants: [a, b], indexes: parent && g.chance(0.5) ? [{ name: "by_parentRef", fields: ["parentRef"] }] : [] };
}

/** `count` random schema models from a seed (same seed → same models). */
export function randomSchemas(count: number, seed: number): SchemaModel[] {
  const g = new Gen(prng(seed));
  const out: SchemaModel[] = [];
  for (let s = 0; s < count; s++) {
    const withUsers = g.chance(0.6);
    const names = [...(withUsers ? ["users"] : []), ...[...TABLE_WORDS].sort(() => g.int(-1, 1)).slice(0, g.int(1, 5))];
    const tables: Table[] = [];
    for (const [i, name] of names.entries()) {
      const earlier = names.slice(0, i);
      if (name === "users") {
        // Users found by token, by an external (Clerk-style) subject id, or by the Convex Auth convention.
        const key = g.pick(["tokenIdentifier", "externalId", undefined]);
        const fields: Field[] = [...(key ? [{ name: key, validator: { kind: "string" as const }, optional: false }] : []), { name: "name", validator: { kind: "string" }, optional: true }];
        tables.push({ ...newTable("users", fields), indexes: key && g.chance(0.5) ? [{ name: "by_key", fields: [key] }] : [] });
      } else if (g.chance(0.12)) tables.push(unionTable(g, name, earlier));
      else if (g.chance(0.05)) tables.push({ ...newTable(name), anyDocument: true });
      else if (g.chance(0.04)) tables.push(newTable(name));
      else tables.push(makeTable(g, name, earlier, names, withUsers));
    }
    out.push({ ...emptySchema(), tables });
  }
  return out;
}
