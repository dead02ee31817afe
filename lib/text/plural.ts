/**
 * Counted nouns in words: "1 index", "2 indexes", "1 journaled batch", "2,000 documents". The one helper every view
 * uses (dashboard, docs, messages), so no view says "1 indexes".
 */

/** The plural of a regular English noun: batch → batches, index → indexes, query → queries, table → tables. */
export function pluralOf(noun: string): string {
  if (/(s|x|z|ch|sh)$/i.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/i.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}

/**
 * The noun for `n` things: the singular for exactly 1, else the plural (`plural` for an irregular one, else
 * `pluralOf`). The noun may be a phrase whose last word counts: "journaled batch" → "journaled batches".
 */
export function plural(n: number, noun: string, pluralForm?: string): string {
  return n === 1 ? noun : (pluralForm ?? pluralOf(noun));
}

/** `n` and its noun: "1 index", "3 indexes", "2,000 documents" (thousands separated as in en-US). */
export function count(n: number, noun: string, pluralForm?: string): string {
  return `${n.toLocaleString("en-US")} ${plural(n, noun, pluralForm)}`;
}
