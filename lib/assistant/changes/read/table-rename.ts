/**
 * A table's new name said in a sentence of any length: the table (by any spelling, "table"/"collection" around it)
 * joined to a new name by a word of renaming — "rename the X collection to Y", "X becomes Y", "X should be called
 * Y", "the X table needs to become Y", "can the X table be renamed to Y", "X is named Y", "change X's name to Y",
 * "X → Y (table)", "rename X: Y", "rename the X table — we'd prefer Y", "table name X is confusing, use Y",
 * "I'd rather Y than X as the table name", "the X table is Y from now on". The reason around it ("so ops stop
 * getting confused", "to match the warehouse") is no part of the change. Undefined when the sentence also asks for
 * another change, refuses the rename, keeps the name, or the new name is a state ("should be empty") or a name the
 * schema already has.
 */
import type { SchemaModel, Table } from "../../../schema/model";
import { resolveTable, resolveTableLoose } from "../../designer/resolve";
import { OTHER_CHANGE } from "./families";
import { NOT_A_NAME, STOP } from "./tokens";

/** The new name: one word, then the end, a mark or a word that starts the reason ("… to alerts, to match …"). */
const NEW = String.raw`["'\x60]?([A-Za-z][A-Za-z0-9_]*)["'\x60]?(?=\s*$|\s*[,.;:!?()—–]|\s+-|\s+(?:so|to|because|since|as|in|from|instead|please|pls|plz|going|for|and|but|everywhere|now|then|across|throughout|table|collection|only|too|thanks|thx|cheers|on|than|over|is|would|will|should)\b)`;
const TABLE_WORD = "(?:table|collection)";
const MODAL = String.raw`(?:should|must|needs?\s+to|has\s+to|have\s+to|will|shall|can|could|would|is\s+going\s+to|is\s+to|to)`;

/** Connectors after the table, each with the new name after it. "T?" marks where the table's words end. */
const AFTER: RegExp[] = [
  // "X becomes Y", "X should become Y", "X is now Y", "X is named Y", "X will be called Y", "X should read Y".
  new RegExp(
    String.raw`(?:\s+${TABLE_WORD})?\s+(?:${MODAL}\s+)?(?:be\s+)?(?:becomes?|renamed(?:\s+(?:to|as|into))?|called|named|read|reads|is\s+now|is\s+named|is\s+called|goes\s+by)\s+(?:to\s+)?${NEW}`,
    "i",
  ),
  // "the X table should be Y", "the X table is Y going forward": the word "table" says the name is meant.
  new RegExp(String.raw`\s+${TABLE_WORD}\s+(?:${MODAL}\s+be|is)\s+${NEW}`, "i"),
  // "X → Y (table)", "X -> Y (collection rename)".
  new RegExp(String.raw`(?:\s+${TABLE_WORD})?\s*(?:→|->|=>|⟶|⇒)\s*${NEW}\s*\((?:[^)]*\b${TABLE_WORD}\b[^)]*)\)`, "i"),
];

/** Connectors before the table: "rename (the) (table) X (table) to Y", "change X's name to Y". */
const BEFORE: RegExp[] = [
  new RegExp(
    String.raw`\bre-?name\s+(?:the\s+|our\s+)?(?:${TABLE_WORD}\s+)?(.+?)(?:\s+${TABLE_WORD})?\s*(?:\s(?:to|as|into)\s|→|->|=>|⟶|:|\s[—–-]+\s*(?:(?:we|i)'?d\s+(?:prefer|rather|like)|(?:we|i)\s+would\s+(?:prefer|rather|like)|call\s+it|make\s+it|use)?)\s*${NEW}`,
    "i",
  ),
  new RegExp(
    String.raw`\b(?:change|update|set|switch)\s+(?:the\s+)?(?:name\s+of\s+(?:the\s+)?(.+?)(?:\s+${TABLE_WORD})?|(.+?)(?:\s+${TABLE_WORD})?'?s?\s+name)\s+(?:to|into|as)\s+${NEW}`,
    "i",
  ),
];

/** "table name X is confusing, use Y", "I'd rather Y than X as the table name". */
const PREFER: [RegExp, number, number][] = [
  // "let's go with racks instead of shelves", "use racks as the name of the shelves table".
  [
    new RegExp(
      String.raw`\b(?:use|go\s+with|call\s+it|prefer|pick|choose)\s+${NEW}\s+(?:instead\s+of|rather\s+than|in\s+place\s+of)\s+(?:the\s+)?["'\x60]?(\w+(?:\s\w+)?)["'\x60]?(?:\s+${TABLE_WORD})?(?=\s*$|\s*[,.;!?]|\s+(?:for|as)\s+(?:the\s+)?${TABLE_WORD})`,
      "i",
    ),
    2,
    1,
  ],
  [
    new RegExp(
      String.raw`\buse\s+${NEW}\s+as\s+(?:the\s+)?(?:new\s+)?name\s+(?:of|for)\s+(?:the\s+)?["'\x60]?(\w+(?:\s\w+)?)["'\x60]?(?:\s+${TABLE_WORD})?\s*$`,
      "i",
    ),
    2,
    1,
  ],
  // "switch the table name from shelves to racks", "change the collection name of shelves to racks".
  [
    new RegExp(
      String.raw`\b(?:change|switch|update|set)\s+(?:the\s+)?${TABLE_WORD}\s+name\s+(?:of\s+|from\s+)?(?:the\s+)?["'\x60]?(\w+(?:\s\w+)?)["'\x60]?\s+to\s+${NEW}`,
      "i",
    ),
    1,
    2,
  ],
  // "please rename shelves, we call them racks now", "rename table shelves racks".
  [
    new RegExp(
      String.raw`\brename\s+(?:the\s+)?["'\x60]?(\w+(?:\s\w+)?)["'\x60]?(?:\s+${TABLE_WORD})?\s*,?\s+(?:since\s+|as\s+|because\s+)?(?:we|they|everyone|people|users|the\s+team)\s+(?:now\s+|all\s+)?call\s+(?:them|it)\s+${NEW}`,
      "i",
    ),
    1,
    2,
  ],
  [new RegExp(String.raw`\brename\s+(?:the\s+)?${TABLE_WORD}\s+["'\x60]?(\w+)["'\x60]?\s+${NEW}\s*$`, "i"), 1, 2],
  [
    new RegExp(
      String.raw`\b(?:the\s+)?(?:${TABLE_WORD}\s+name\s+)?["'\x60]?(\w+)["'\x60]?(?:\s+${TABLE_WORD})?(?:\s+name)?\s+is\s+(?:a\s+|an\s+)?(?:\w+\s+)?(?:confusing|bad|misleading|wrong|unclear|odd|weird|poor|ugly|awkward|outdated)(?:\s+name)?[,;.]?\s*(?:so\s+)?(?:let'?s\s+|please\s+|just\s+|we\s+should\s+)?(?:use|call\s+it|name\s+it|rename\s+it(?:\s+to)?|go\s+with|switch\s+to|prefer)\s+${NEW}`,
      "i",
    ),
    1,
    2,
  ],
  [
    new RegExp(
      String.raw`\b(?:i'?d|we'?d|i\s+would|we\s+would)\s+(?:rather|prefer)\s+(?:have\s+|use\s+)?${NEW}\s+(?:than|over|instead\s+of|to)\s+["'\x60]?(\w+)["'\x60]?\s+(?:as|for)\s+(?:the\s+|its\s+)?${TABLE_WORD}(?:'?s)?\s+name`,
      "i",
    ),
    2,
    1,
  ],
];

/** A rename refused, or the old name kept in the same breath ("but keep it called users"): no rename here. */
const REFUSED =
  /\b(?:do\s+not|don'?t|never|not|no\s+need\s+to|without)\s+(?:\w+\s+){0,2}?(?:re-?nam|chang\w*\s+(?:the|its|their)\s+names?)|\bkeep(?:ing|s)?\b|\bstill\s+(?:be\s+)?(?:called|named)\b|\bleav(?:e|ing)\s+(?:it|them|the\s+name|its\s+name)\b|\bstays?\s+(?:called|named|as)\b|\b(?:both|either)\b/i;
/** Words that say a state, not a name. */
const STATE =
  /^(?:empty|gone|kept|there|smaller|bigger|faster|slower|public|private|unique|searchable|indexed|required|optional|mandatory|nullable|read|readonly|fine|ok|okay|same|different|consistent|plural|singular|shorter|longer|clearer|better|more|less|one|two|used|in|on|at|by|of|for|with|the|a|an|it|its|now|also|too|plain|simple)$/i;

/** How many of the last words of `phrase` name `table`. */
function tableWords(phrase: string, table: Table, schema: SchemaModel): number {
  const ws = phrase
    .replace(/["'`]/g, " ")
    .replace(new RegExp(String.raw`\s+${TABLE_WORD}s?\s*$`, "i"), "")
    .trim()
    .split(/\s+/);
  for (let n = 1; n <= Math.min(3, ws.length); n++) {
    const words = ws.slice(ws.length - n).join(" ");
    const t =
      resolveTable(schema, words) ?? (n === 1 && words.length >= 5 ? resolveTableLoose(schema, words) : undefined);
    if (t === table) return n;
  }
  return 0;
}

/** The table the last one to three words of `phrase` name, exactly ("scraped pages", "the X"), or undefined. */
function tableAtEnd(phrase: string, schema: SchemaModel): Table | undefined {
  const ws = phrase
    .replace(/["'`]/g, " ")
    .replace(new RegExp(String.raw`\s+${TABLE_WORD}s?\s*$`, "i"), "")
    .trim()
    .split(/\s+/);
  for (let n = Math.min(3, ws.length); n >= 1; n--) {
    const words = ws.slice(ws.length - n).join(" ");
    if (!/^[A-Za-z]/.test(words)) continue;
    const t =
      resolveTable(schema, words) ?? (n === 1 && words.length >= 5 ? resolveTableLoose(schema, words) : undefined);
    if (t) return t;
  }
  return undefined;
}

function acceptable(table: Table | undefined, name: string, schema: SchemaModel): boolean {
  return (
    !!table &&
    !STOP.has(name.toLowerCase()) &&
    !NOT_A_NAME.test(name) &&
    !STATE.test(name) &&
    !/(?:ed|able|ly)$/i.test(name) &&
    !/^(?:string|text|number|integer|int|boolean|bool|date|datetime|timestamp|array|list|reference|id|json|any)$/i.test(
      name,
    ) &&
    !resolveTable(schema, name) &&
    !table.fields.some((f) => f.name.toLowerCase() === name.toLowerCase())
  );
}

/**
 * "can you rename shelves? racks would be better": a rename asked in one sentence and its new name said in the
 * next, as one sentence ("rename shelves to racks."). The text unchanged otherwise.
 */
export function joinRenameTarget(text: string): string {
  return text.replace(
    /\b(re-?name\s+(?:the\s+)?[\w ]+?)\s*[?.!]+\s+["'`]?([A-Za-z]\w*)["'`]?\s+(?:would\s+be|is|sounds|seems|reads)\s+(?:a\s+|much\s+|way\s+)?(?:better|nicer|clearer|more\s+accurate|more\s+fitting)\b(?:\s+(?:name|choice|fit))?[.!]?/gi,
    (_m, rename: string, name: string) => `${rename} to ${name}.`,
  );
}

/** "rename X table to Y" for a sentence that renames one table and asks nothing else, or undefined. */
export function tableRenamed(sentence: string, schema: SchemaModel): string | undefined {
  const text = sentence
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/\b(?:tabel|tbale|talbe)\b/gi, "table")
    .replace(/\b(?:renmae|raname|renam|rneame)\b/gi, "rename")
    .trim();
  if (REFUSED.test(text)) return undefined;
  const found: { table: Table; name: string; start: number; end: number }[] = [];
  for (const re of AFTER) {
    const g = new RegExp(re.source, "gi");
    for (const m of text.matchAll(g)) {
      // "email in users needs to become emailAddress": the table is the scope of a field said before it.
      const before = text.slice(0, m.index);
      const table = tableAtEnd(before, schema);
      const words = table ? tableWords(before, table, schema) : 0;
      const lead = before
        .replace(/["'`]/g, " ")
        .replace(new RegExp(String.raw`\s+${TABLE_WORD}s?\s*$`, "i"), "")
        .trim()
        .split(/\s+/)
        .slice(0, -words)
        .join(" ");
      if (table && /\w\s+(?:in|on|of|for|from|at)\s+(?:the\s+|an?\s+|each\s+|every\s+)?$/i.test(`${lead} `)) continue;
      if (acceptable(table, m[1], schema) && table) {
        const before = text.slice(0, m.index);
        found.push({
          table,
          name: m[1],
          start: before.length - before.split(/\s+/).slice(-3).join(" ").length,
          end: m.index + m[0].length,
        });
      }
    }
  }
  for (const re of BEFORE) {
    const m = re.exec(text);
    if (!m) continue;
    const phrase = m[1] ?? m[2];
    const name = m[m.length - 1];
    // The whole phrase is the table: "rename title on tasks to name" renames a field, not this.
    const whole = phrase
      .replace(/["'`]/g, "")
      .replace(new RegExp(String.raw`^(?:the\s+|our\s+)?(?:${TABLE_WORD}\s+)?|\s+${TABLE_WORD}$`, "gi"), "")
      .trim();
    const table =
      whole.split(/\s+/).length <= 3
        ? (resolveTable(schema, whole) ?? (/^\w{5,}$/.test(whole) ? resolveTableLoose(schema, whole) : undefined))
        : undefined;
    if (table && acceptable(table, name, schema))
      found.push({ table, name, start: m.index, end: m.index + m[0].length });
  }
  // "the table pages, change its name to screens": "its" is the one table said before.
  const its = new RegExp(String.raw`\b(?:change|update|set|switch)\s+its\s+name\s+(?:to|into|as)\s+${NEW}`, "i").exec(
    text,
  );
  if (its) {
    const words = text
      .slice(0, its.index)
      .replace(/["'`,.;:]/g, " ")
      .split(/\s+/)
      .filter(Boolean);
    const named = new Set<Table>();
    for (let i = 0; i < words.length; i++)
      for (let n = 1; n <= 3 && i + n <= words.length; n++) {
        const t = resolveTable(schema, words.slice(i, i + n).join(" "));
        if (t && !STOP.has(words[i].toLowerCase())) named.add(t);
      }
    const [table] = [...named];
    if (named.size === 1 && acceptable(table, its[1], schema))
      found.push({ table, name: its[1], start: 0, end: its.index + its[0].length });
  }
  for (const [re, at, to] of PREFER) {
    const m = re.exec(text);
    const table = m ? tableAtEnd(m[at], schema) : undefined;
    if (m && acceptable(table, m[to], schema) && table)
      found.push({ table, name: m[to], start: m.index, end: m.index + m[0].length });
  }
  const distinct = [...new Set(found.map((f) => `${f.table.name}>${f.name}`))];
  if (distinct.length !== 1) return undefined;
  const hit = found[0];
  const rest = `${text.slice(0, hit.start)} ${text.slice(hit.end)}`;
  // "rename users to members and teams to squads": another rename after this one.
  if (OTHER_CHANGE.test(rest) || /\b(?:rename|and|also|then|plus)\b[^.]*\b(?:to|into|as)\s+["'`]?[A-Za-z]/i.test(rest))
    return undefined;
  return `rename ${hit.table.name} table to ${hit.name}`;
}
