/**
 * Naming helpers: inflection through `pluralize`, Convex naming conventions (plural camelCase tables,
 * camelCase fields, `<singular>Id` references, `by_<field>` indexes).
 */
import pluralize from "pluralize";

/** Words split from any casing: "orderItems", "order_items", "Order Items" → ["order", "items"]. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** camelCase of a phrase: "due date" → "dueDate". */
export function camel(text: string): string {
  const ws = words(text);
  return ws.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join("");
}

const SINGULAR_CACHE = new Map<string, string>();

/** Singular of the last word of a phrase, as words: "order items" → "order item". Memoised (pure). */
export function singularPhrase(phrase: string): string {
  const hit = SINGULAR_CACHE.get(phrase);
  if (hit !== undefined) return hit;
  if (SINGULAR_CACHE.size > 20_000) SINGULAR_CACHE.clear();
  const out = singularUncached(phrase);
  SINGULAR_CACHE.set(phrase, out);
  return out;
}

function singularUncached(phrase: string): string {
  const ws = words(phrase);
  if (ws.length === 0) return "";
  ws[ws.length - 1] = pluralize.singular(ws[ws.length - 1]);
  return ws.join(" ");
}

/** Plural of the last word of a phrase: "order item" → "order items". */
export function pluralPhrase(phrase: string): string {
  const ws = words(phrase);
  if (ws.length === 0) return "";
  ws[ws.length - 1] = pluralize.plural(ws[ws.length - 1]);
  return ws.join(" ");
}

/** Convex table name for an entity phrase: "order item" → "orderItems". */
export function tableName(entity: string): string {
  return camel(pluralPhrase(entity));
}

/** Entity key (singular words) of a table name: "orderItems" → "order item". */
export function entityOf(table: string): string {
  return singularPhrase(table);
}

/** Reference field for a table: "projects" → "projectId"; a role prefix gives "ownerId". */
export function idField(tableOrRole: string): string {
  return camel(singularPhrase(tableOrRole)) + "Id";
}

/** Index name following Convex docs: ["projectId", "status"] → "by_projectId_and_status". */
export function indexName(fields: string[]): string {
  return "by_" + fields.join("_and_");
}

/** Normalised comparison key: "Order_Items" and "orderItem" both give "orderitem". */
export function nameKey(name: string): string {
  return words(singularPhrase(name)).join("");
}

export function isPluralWord(word: string): boolean {
  return pluralize.isPlural(word) && !pluralize.isSingular(word);
}
