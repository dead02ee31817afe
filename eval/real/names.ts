/**
 * Loose name matching for the real-app eval, independent of the designer's own naming code: a table or field
 * name becomes its singular words ("order_items", "OrderItems", "orderItem" → "order item"); a small documented
 * synonym list maps a few words people use interchangeably for the same entity.
 */
import pluralize from "pluralize";

/** Words of any casing: "orderItems", "order_items", "Order-Items" → ["order", "items"]. */
export function splitWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Singular of one word; words ending in "data", "status", "news", … are left alone by pluralize itself. */
export function singular(word: string): string {
  return pluralize.isPlural(word) ? pluralize.singular(word) : word;
}

/** Singular words joined by spaces: "orderItems" → "order item". */
export function nameKey(name: string): string {
  return splitWords(name).map(singular).join(" ");
}

/**
 * Words that name the same entity in app descriptions and schemas (README's "Synonyms"). Each group's first
 * word is its canonical form; keys are compared after mapping every word through this list.
 */
export const SYNONYMS: string[][] = [
  ["user", "account", "profile", "member", "person", "people"],
  ["organization", "org", "organisation"],
  ["conversation", "chat", "thread"],
  ["message", "msg"],
  ["document", "doc"],
  ["category", "categorie"],
  ["image", "photo", "picture"],
  ["file", "upload", "attachment"],
  ["note", "memo"],
  ["setting", "preference"],
  ["notification", "alert"],
  ["subscription", "plan"],
  ["event", "meeting"],
];

const CANON = new Map(SYNONYMS.flatMap((g) => g.map((w) => [w, g[0]] as const)));

/** `nameKey` with each word mapped to its synonym group's canonical word. */
export function canonKey(name: string): string {
  return nameKey(name)
    .split(" ")
    .map((w) => CANON.get(w) ?? w)
    .join(" ");
}

/** Field name key for overlap: words, singular, without a trailing "id"/"at"/"date". */
export function fieldKey(name: string): string {
  const ws = splitWords(name).map(singular);
  while (ws.length > 1 && ["id", "at", "date", "time", "ids"].includes(ws[ws.length - 1])) ws.pop();
  return ws.join(" ");
}
