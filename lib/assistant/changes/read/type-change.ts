/** A field's new type: "make pageCount on books a string", "make pageCount a number and a string". */
import { validatorFromWords } from "../validator-words";
import { RENAME, TYPE_WORD } from "./families";
import type { Outcome } from "./outcome";
import type { Reading } from "./reading";

/** One type word said of one field is its new type; two at once are both read (the conflict asks). */
export function typeChange(r: Reading, t: string): Outcome {
  // "make pageCount a number and a string": one field given two types — both are read, the conflict asks.
  const types =
    /\b(?:make|change|convert|turn|switch|set)\b.*?\b(?:to |into |be )?(?:an? )?(\w+)\s+(?:and|and also|but also)\s+(?:to |into )?(?:an? )?(\w+)\b/i.exec(
      r.text,
    );
  if (
    types &&
    TYPE_WORD.test(types[1]) &&
    TYPE_WORD.test(types[2]) &&
    types[1].toLowerCase() !== types[2].toLowerCase()
  ) {
    const s = r.subject();
    if (s) {
      const f = `${s.table.name}.${s.field.name}`;
      // The type it has now goes last, so both changes are read (one already done would be no change).
      const now = validatorFromWords(types[1], r.schema)?.validator.kind === s.field.validator.kind;
      const [x, y] = now ? [types[2], types[1]] : [types[1], types[2]];
      return `change ${f} to ${x} and change ${f} to ${y}`;
    }
  }
  // "make pageCount on books a string": one type word said of one field is its new type, not a new table.
  const oneType = /^(?:please\s+)?make\s+.+?\s+(?:an?\s+)?(\w+)$/i.exec(r.text);
  if (
    oneType &&
    TYPE_WORD.test(oneType[1]) &&
    !/\b(?:and|or|required|optional|new|add|field|column|unique|searchable|index\w*|list|array|arrays|union|enum|one|each|every)\b/i.test(
      r.text,
    )
  ) {
    const s = r.subject();
    const last = r.ts.length - 1;
    if (s && !r.mentions.some((m) => m.start <= last && m.end > last))
      return `change ${s.table.name}.${s.field.name} to ${oneType[1].toLowerCase()}`;
  }
  // "make pageCount a list of string", "make reviewers on posts a list of users": a list of a type word, or of a
  // table's documents, is the field's new type too.
  const listType = /^(?:please\s+)?make\s+.+?\s+(?:into\s+|be\s+)?(?:an?\s+)?(list|array)s?\s+of\s+(\w+)$/i.exec(
    r.text,
  );
  if (
    listType &&
    !/\b(?:and|or|required|optional|new|add|field|column|unique|searchable|index\w*|union|enum|one|each|every)\b/i.test(
      r.text,
    )
  ) {
    const last = r.ts.length - 1;
    const at = r.mentions.filter((m) => m.start <= last && m.end > last);
    const table = at.find((m) => m.kind === "table");
    const word = listType[2].toLowerCase().replace(/(?<=[a-z]{3})s$/, "");
    const element =
      table?.kind === "table" ? `reference to ${table.table.name}` : !at.length && TYPE_WORD.test(word) ? word : "";
    // The field is said before the list: the list's own word is not it.
    const keep = r.mentions;
    r.mentions = r.mentions.filter((m) => m.start < last);
    const s = element ? r.subject() : undefined;
    r.mentions = keep;
    if (s) return `change ${s.table.name}.${s.field.name} to ${listType[1].toLowerCase()} of ${element}`;
  }
  // "change notes on tasks to one of low, high", "convert price to a number": a type change is the grammar's.
  if (
    /^(?:please\s+)?(?:change|convert|turn|switch)\b.*\b(?:to|into)\b/i.test(r.text) &&
    !RENAME.test(t) &&
    !/\bname of\b/i.test(r.text)
  )
    return null;
  return undefined;
}
