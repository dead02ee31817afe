/**
 * Convex names for imported tables and fields.
 *
 * Decision: Convex table names are the camelCase plural of the Prisma model name (`AdvisorMemory` →
 * `advisorMemories`) or the camelCase of the SQL table name (`order_items` → `orderItems`, kept singular if it was).
 * `@@map`/`@map` names are the database names: they are how data files are matched, never the Convex names.
 * Field names are camelCase (`author_id` → `authorId`); Prisma field names are kept as written.
 * The report lists every renamed table and column so the mapping stays visible.
 */
import pluralize from "pluralize";

/** `order_items` → `orderItems`, `OrderItem` → `orderItem`, `HTTPLog` → `httpLog`. */
export function camelCase(name: string): string {
  const parts = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  if (parts.length === 0) return "field";
  const out = parts.map((p, i) => (i === 0 ? p.toLowerCase() : p[0].toUpperCase() + p.slice(1).toLowerCase())).join("");
  return /^[0-9]/.test(out) ? `f${out}` : out;
}

export function pascalCase(name: string): string {
  const c = camelCase(name);
  return c[0].toUpperCase() + c.slice(1);
}

/** Prisma model name → Convex table name: camelCase plural. */
export function tableNameForModel(model: string): string {
  return camelCase(pluralize(model));
}

/** SQL table name → Convex table name: camelCase, plurality kept. Schema prefixes are dropped. */
export function tableNameForSql(table: string): string {
  return camelCase(table.replace(/^.*\./, ""));
}

/** A Convex field name: user fields may not start with `_`. */
export function fieldName(column: string): string {
  const stripped = column.replace(/^_+/, "");
  return camelCase(stripped || column);
}

/** Field name for a reference: `author` → `authorId`, `authorId` stays. */
export function idFieldName(base: string): string {
  const c = camelCase(base);
  return /Id$/.test(c) ? c : `${c}Id`;
}

/** Index name from fields: `by_authorId_createdAt`. */
export function indexName(fields: string[]): string {
  return `by_${fields.join("_")}`;
}

/** Picks `name`, or `name2`, `name3`… when taken. */
export function uniqueName(name: string, taken: Set<string>): string {
  let out = name;
  for (let i = 2; taken.has(out); i++) out = `${name}${i}`;
  taken.add(out);
  return out;
}
