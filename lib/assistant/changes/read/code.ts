/**
 * Schema changes written as code rather than prose, read by the grammar of their notation and rewritten as the
 * reader's canonical command:
 * - SQL DDL: `ALTER TABLE t ADD [COLUMN] f type [NOT NULL] [REFERENCES u]`, `… ALTER COLUMN f SET|DROP NOT NULL`,
 *   `… RENAME [COLUMN] a TO b`, `… RENAME TO u`, `… DROP [COLUMN] f`, `CREATE [UNIQUE|FULLTEXT] INDEX [name] ON t (a, b)`,
 *   `ALTER TYPE t_f ADD VALUE 'x'`, `DROP TABLE t`;
 * - Prisma: a field line `name Type[][?] [@…]` on a model, `model A → model B`, `@@index([a, b]) on M`,
 *   `` `f?` → `f` `` (presence), an `enum E { a b }` the line's type names;
 * - Convex: `t: defineTable({ …, f: v.x() })`, `t: + f: v.x()`, `t f: type`, `t: .index("n", ["a", "b"])`,
 *   `t: .searchIndex("n", { searchField: "f" })`, `t: f: v.optional(v.x()) → f: v.x()`, `t { - f }`,
 *   `t { a } ⇒ t { b }`, "t f union + v.literal("x")".
 * Presence follows what is said: NOT NULL, words around the code ("(required)", "may be absent"), `?` or
 * `v.optional`; otherwise the grammar's default for a new field (optional). Undefined when the text is no
 * such notation or names no table of the schema.
 */
import type { SchemaModel, Table } from "../../../schema/model";
import { resolveField, resolveTableLoose } from "../../designer/resolve";

/** The canonical command for a change written as code, or undefined. */
export function codeNotation(text: string, schema: SchemaModel): string | undefined {
  const t = text
    .replace(/[`]/g, "")
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/\s*\/\/.*$/, (m) => ` ${m.replace(/^\s*\/\/\s*/, "— ")}`)
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[;.]+$/, "");
  return sql(t, schema) ?? prisma(t, schema) ?? convex(t, schema) ?? values(t, schema);
}

/**
 * "bugs.status: open | fixed | blocked", "T.f = a / b / c": the values of a field as the reader's words ("T.f can
 * be a, b or c"); "events billingCycle (monthly or yearly only)": a new field with its values.
 */
function values(t: string, schema: SchemaModel): string | undefined {
  const list = String.raw`["']?[A-Za-z][\w-]*["']?(?:\s*(?:\||/|,|\bor\b)\s*["']?[A-Za-z][\w-]*["']?)+`;
  const dotted = new RegExp(String.raw`^(\w+)\.(\w+)\s*[:=]\s*(${list})$`, "i").exec(t);
  const split = (x: string) =>
    x
      .split(/\s*(?:\||\/|,|\bor\b)\s*/i)
      .map((v) => v.replace(/["']/g, "").trim())
      .filter(Boolean);
  if (dotted && /[|/]/.test(dotted[3])) {
    const tb = table(schema, dotted[1]);
    const vs = split(dotted[3]);
    if (tb && vs.length >= 2) {
      const f = resolveField(tb, dotted[2]);
      if (f) return `${tb.name}.${f.name} can be ${vs.slice(0, -1).join(", ")} or ${vs[vs.length - 1]}`;
      return `give ${tb.name} a ${dotted[2]} (${vs.join(", ")})`;
    }
  }
  // "garages.summaryText, string, not optional": a new field, its type and its presence in a row.
  const row = /^(\w+)\.([A-Za-z]\w*)\s*,\s*(?:an?\s+)?([a-z]+(?:\s+of\s+[a-z]+)?)\s*(?:,\s*(.+))?$/i.exec(t);
  if (row) {
    const tb = table(schema, row[1]);
    const type = tsType(row[3], schema) ?? (/^(?:list|array)\s+of\s+\w+$/i.test(row[3]) ? row[3] : undefined);
    if (tb && type && !resolveField(tb, row[2])) return add(tb, row[2], type, saidPresence(row[4] ?? ""));
  }
  const paren = new RegExp(
    String.raw`^([A-Za-z][\w ]*?)\s+([a-z]+[A-Z]\w*|[a-z]+_\w+)\s*\(\s*(${list})\s*(?:only)?\s*\)$`,
  ).exec(t);
  if (paren) {
    const tb = table(schema, paren[1]);
    const vs = split(paren[3]);
    if (tb && vs.length >= 2 && !resolveField(tb, paren[2])) return `give ${tb.name} a ${paren[2]} (${vs.join(", ")})`;
  }
  return undefined;
}

const ARROW = String.raw`\s*(?:→|->|=>|⇒|⟶|⟹|becomes|to)\s*`;

/** Presence said in words around the code: "(required)", "not optional", "may be absent". */
function saidPresence(text: string): "required" | "optional" | undefined {
  if (
    /\b(?:not\s+(?:be\s+)?(?:optional|nullable)|required|mandatory|not\s+null|must\s+(?:always\s+)?be\s+set)\b/i.test(
      text,
    )
  )
    return /\bnot\s+(?:be\s+)?(?:required|mandatory)\b/i.test(text) ? "optional" : "required";
  if (
    /\b(?:optional|nullable|may\s+be\s+(?:absent|missing|empty|null)|can\s+be\s+(?:absent|missing|empty|null))\b/i.test(
      text,
    )
  )
    return "optional";
  return undefined;
}

function table(schema: SchemaModel, name: string): Table | undefined {
  return resolveTableLoose(schema, name.trim());
}

function add(tb: Table, name: string, type: string, presence: "required" | "optional" | undefined): string {
  // A field the table has already: the grammar says so (or asks about another type).
  const existing = tb.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
  if (existing && !type) return `add a ${existing.name} field to ${tb.name}`;
  return `add ${presence ? `${presence} ` : ""}${name} (${type}) to ${tb.name}`;
}

// ---------------------------------------------------------------------------------------------------------------
// SQL

/** A SQL column type in the reader's type words, or undefined. */
function sqlType(words: string, schema: SchemaModel): string | undefined {
  const w = words.trim();
  const ref = /\breferences\s+["']?(\w+)["']?/i.exec(w);
  if (ref) {
    const tb = table(schema, ref[1]);
    return tb ? `reference to ${tb.name}` : undefined;
  }
  const enumOf = /^enum\s*\((.+)\)/i.exec(w);
  if (enumOf) {
    const values = [...enumOf[1].matchAll(/'([^']+)'|"([^"]+)"/g)].map((m) => m[1] ?? m[2]);
    return values.length >= 2 ? `one of ${values.join(", ")}` : undefined;
  }
  const base = /^(\w+)(?:\s*\([^)]*\))?\s*(\[\])?/i.exec(w);
  if (!base) return undefined;
  const one = SQL_TYPES.find(([re]) => re.test(base[1]))?.[1];
  if (!one) return undefined;
  return base[2] ? `list of ${one}s` : one;
}

const SQL_TYPES: [RegExp, string][] = [
  [/^(?:text|varchar|char|character|citext|uuid|string|nvarchar|clob)$/i, "string"],
  [
    /^(?:int|integer|int2|int4|smallint|serial|numeric|decimal|real|float|float4|float8|double|number|money)$/i,
    "number",
  ],
  [/^(?:bigint|int8|bigserial)$/i, "number"],
  [/^(?:bool|boolean|bit)$/i, "boolean"],
  [/^(?:timestamp|timestamptz|datetime|date|time)$/i, "date"],
  [/^(?:json|jsonb)$/i, "any"],
];

function sql(t: string, schema: SchemaModel): string | undefined {
  const alter = /^alter\s+table\s+(?:if\s+exists\s+)?["']?(\w+)["']?\s+(.+)$/i.exec(t);
  if (alter) {
    const tb = table(schema, alter[1]);
    if (!tb) return undefined;
    const rest = alter[2];
    const addCol = /^add\s+(?:column\s+)?(?:if\s+not\s+exists\s+)?["']?(\w+)["']?\s*(.*)$/i.exec(rest);
    if (addCol) {
      const tail = addCol[2];
      if (!tail.trim()) return add(tb, addCol[1], "", undefined);
      const type = sqlType(tail, schema);
      if (!type) return undefined;
      const presence = /\bnot\s+null\b/i.test(tail) ? "required" : saidPresence(tail.replace(/^\S+/, ""));
      return add(tb, addCol[1], type, presence);
    }
    const nullness = /^alter\s+(?:column\s+)?["']?(\w+)["']?\s+(set|drop)\s+not\s+null\b(.*)$/i.exec(rest);
    if (nullness) {
      const f = resolveField(tb, nullness[1]);
      if (!f) return undefined;
      // "… SET NOT NULL; and also it should be nullable": both at once is a question.
      const other = /\b(?:nullable|optional|required|mandatory)\b/i.exec(nullness[3]);
      const state = nullness[2].toLowerCase() === "set" ? "required" : "optional";
      if (other && (/^(?:nullable|optional)$/i.test(other[0]) ? "optional" : "required") !== state)
        return `make ${tb.name}.${f.name} both required and optional`;
      return `make ${tb.name}.${f.name} ${state}`;
    }
    const renameCol = /^rename\s+(?:column\s+)?["']?(\w+)["']?\s+to\s+["']?(\w+)["']?$/i.exec(rest);
    if (renameCol && !/^to$/i.test(renameCol[1])) return `rename ${renameCol[1]} on ${tb.name} to ${renameCol[2]}`;
    const renameTable = /^rename\s+to\s+["']?(\w+)["']?$/i.exec(rest);
    if (renameTable) return `rename ${tb.name} table to ${renameTable[1]}`;
    const drop = /^drop\s+(?:column\s+)?(?:if\s+exists\s+)?["']?(\w+)["']?$/i.exec(rest);
    if (drop) return `remove ${drop[1]} from ${tb.name}`;
    return undefined;
  }
  const index =
    /^create\s+(unique\s+|fulltext\s+|search\s+)?index\s+(?:if\s+not\s+exists\s+)?(?:["']?\w+["']?\s+)?on\s+["']?(\w+)["']?\s*(?:using\s+\w+\s*)?\(([^)]+)\)/i.exec(
      t,
    );
  if (index) {
    const tb = table(schema, index[2]);
    if (!tb) return undefined;
    const fields = index[3].split(/\s*,\s*/).map((f) => f.replace(/["']|\s+(?:asc|desc)$/gi, "").trim());
    if (/fulltext|search/i.test(index[1] ?? "") && fields.length === 1)
      return `make ${tb.name} searchable by ${fields[0]}`;
    return `index ${tb.name} by ${fields.join(" and ")}`;
  }
  const enumValue = /^alter\s+type\s+["']?(\w+)["']?\s+add\s+value\s+(?:if\s+not\s+exists\s+)?'([^']+)'/i.exec(t);
  if (enumValue) {
    // "locations_role": the table and the field, in either order of their words.
    const parts = enumValue[1].split("_");
    for (let k = 1; k < parts.length; k++) {
      const tb = table(schema, parts.slice(0, k).join("_"));
      const f = tb && resolveField(tb, parts.slice(k).join(" "));
      if (tb && f) return `add ${enumValue[2]} to the ${f.name} of ${tb.name}`;
    }
    return undefined;
  }
  // "select * from t where a = ? and b = ? order by c", "… lists t where a == x order by c …": the index it needs.
  const where =
    /\b(?:from|quer(?:y|ies)|lists?|reads?|fetch(?:es)?|selects?|pulls?|loads?|filters?)\s+(?:the\s+)?(\w+)\s+where\s+(\w+)\s*(?:===?|=|\bis\b)\s*(?:\?|\$\d+|:\w+|["']?[\w-]+["']?)((?:\s+and\s+\w+\s*(?:===?|=)\s*\S+)*)(?:\s+order(?:ed)?\s+by\s+(\w+))?/i.exec(
      t,
    );
  if (where) {
    const tb = table(schema, where[1]);
    const more = [...(where[3] ?? "").matchAll(/\band\s+(\w+)/gi)].map((m) => m[1]);
    const fields = [where[2], ...more, ...(where[4] ? [where[4]] : [])];
    if (tb && fields.every((f) => resolveField(tb, f))) return `index ${tb.name} by ${fields.join(" and ")}`;
  }
  const dropTable = /^drop\s+table\s+(?:if\s+exists\s+)?["']?(\w+)["']?$/i.exec(t);
  if (dropTable) {
    const tb = table(schema, dropTable[1]);
    return tb ? `drop the ${tb.name} table` : undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Prisma

const PRISMA_SCALARS: Record<string, string> = {
  string: "string",
  int: "number",
  float: "number",
  decimal: "number",
  bigint: "number",
  boolean: "boolean",
  datetime: "date",
  json: "any",
  bytes: "string",
};

/** The model a Prisma line is on: "on Model", "to Model", "in model Model", "on M:" (the model name resolved). */
function modelOf(t: string, schema: SchemaModel): Table | undefined {
  const m = /\b(?:on|to|in|into|from|for)\s+(?:the\s+)?(?:model\s+)?["']?([A-Za-z]\w*)["']?(?:\s+model)?\b(?![.(])/gi;
  let found: Table | undefined;
  for (const x of t.matchAll(m)) {
    const tb = table(schema, x[1]);
    if (tb && !found) found = tb;
  }
  return found;
}

function prisma(t: string, schema: SchemaModel): string | undefined {
  // "model events → model calendarEvents".
  const model = new RegExp(String.raw`\bmodel\s+(\w+)${ARROW}(?:model\s+)?(\w+)\b`, "i").exec(t);
  if (model) {
    const tb = table(schema, model[1]);
    if (tb && !table(schema, model[2])) return `rename ${tb.name} table to ${model[2]}`;
  }
  // "@@index([a, b]) on Post".
  const idx = /@@(index|unique)\s*\(\s*\[([^\]]+)\]/i.exec(t);
  if (idx) {
    const tb = modelOf(t.slice(idx.index + idx[0].length), schema) ?? modelOf(t, schema);
    if (!tb) return undefined;
    return `index ${tb.name} by ${idx[2]
      .split(/\s*,\s*/)
      .map((f) => f.trim())
      .join(" and ")}`;
  }
  // "f? → f on M", "change f on M to f?", "f and f? at the same time on M": presence by the question mark.
  const presence =
    new RegExp(
      String.raw`^(?:change\s+)?(\w+)(\??)(?:\s+on\s+(?:model\s+)?\w+)?${ARROW}(\w+)(\??)(?:\s|,|$)`,
      "i",
    ).exec(t.replace(/^.*?:\s+(?=\S+\??\s*(?:→|->|=>|⇒|⟶))/, "")) ??
    /^(?:change\s+)?(\w+)(\??)\s+(?:on\s+\w+\s+)?to\s+(\w+)(\??)/i.exec(t);
  if (presence && presence[1] === presence[3] && presence[2] !== presence[4]) {
    const tb = modelOf(t, schema);
    const f = tb && resolveField(tb, presence[1]);
    if (tb && f) return `make ${tb.name}.${f.name} ${presence[4] ? "optional" : "required"}`;
    if (!tb) return `make ${presence[1]} ${presence[4] ? "optional" : "required"}`;
  }
  const both = /^(\w+)\s+and\s+\1\?\s+(?:at the same time|both)\b/i.exec(t);
  if (both) {
    const tb = modelOf(t, schema);
    const f = tb && resolveField(tb, both[1]);
    if (tb && f) return `make ${tb.name}.${f.name} both required and optional`;
  }
  // A field line: "name Type", "name Type?", "name Type[]", "name Model? @relation(fields: [nameId])".
  const line = /(?:^|\s|:)([a-z]\w*)\s+([A-Z]\w*)(\[\])?(\?)?((?:\s+@[\w.]+(?:\([^)]*\))?)*)(?=\s|,|$)/.exec(t);
  if (line) {
    const tb = modelOf(t.slice(line.index + line[0].length), schema) ?? modelOf(t.slice(0, line.index), schema);
    if (!tb) return undefined;
    const [, name, typeName, list, question, attrs] = line;
    let type = PRISMA_SCALARS[typeName.toLowerCase()];
    let field = name;
    if (!type) {
      const target = table(schema, typeName);
      const enumDef = new RegExp(String.raw`\benum\s+${typeName}\s*\{([^}]+)\}`).exec(t);
      if (enumDef) {
        const values = enumDef[1].split(/[\s,|]+/).filter(Boolean);
        if (values.length < 2) return undefined;
        type = `one of ${values.join(", ")}`;
      } else if (target) {
        type = `reference to ${target.name}`;
        const fk = /fields\s*:\s*\[\s*(\w+)\s*\]/.exec(attrs);
        if (fk) field = fk[1];
      } else return undefined;
    }
    if (list) type = `list of ${/^(?:string|number|boolean|date)$/.test(type) ? `${type}s` : type}`;
    const around = t.slice(line.index + line[0].length);
    // Presence as said in words ("(required)", "may be absent"); a line without "?" alone does not make a field
    // required: the grammar's default (optional) applies, as for a new field said in prose.
    const presence_ = question ? "optional" : saidPresence(around);
    return add(tb, field, type, presence_);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Convex validators

/** A `v.*` validator (or a TypeScript type) in the reader's type words, and whether it is optional. */
function validatorWords(
  code: string,
  schema: SchemaModel,
): { type: string; optional: boolean; said: boolean } | undefined {
  let c = code.trim().replace(/[,;]+$/, "");
  let optional = false;
  let said = false;
  const opt = /^v\.optional\((.*)\)$/.exec(c);
  if (opt) {
    c = opt[1].trim();
    optional = true;
    said = true;
  }
  const type = vType(c, schema);
  if (type) return { type, optional, said: said || /^v\./.test(c) };
  const ts = tsType(c, schema);
  return ts ? { type: ts, optional, said } : undefined;
}

function vType(c: string, schema: SchemaModel): string | undefined {
  const simple = /^v\.(string|number|float64|int64|boolean|any|bytes|null)\(\)$/.exec(c);
  if (simple)
    return {
      string: "string",
      number: "number",
      float64: "number",
      int64: "int64",
      boolean: "boolean",
      any: "any",
      bytes: "string",
      null: undefined,
    }[simple[1]];
  const id = /^v\.id\(\s*["'](\w+)["']\s*\)$/.exec(c);
  if (id) {
    const tb = table(schema, id[1]);
    return tb ? `reference to ${tb.name}` : undefined;
  }
  const arr = /^v\.array\((.+)\)$/.exec(c);
  if (arr) {
    const inner = vType(arr[1].trim(), schema);
    return inner && /^(?:string|number|boolean)$/.test(inner)
      ? `list of ${inner}s`
      : inner
        ? `list of ${inner}`
        : undefined;
  }
  const union = /^v\.union\((.+)\)$/.exec(c);
  if (union) {
    const values = [...union[1].matchAll(/v\.literal\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    return values.length >= 2 ? `one of ${values.join(", ")}` : undefined;
  }
  return undefined;
}

/** "string", "number", "boolean", "string[]", "Id<'users'>", "number (epoch ms)": a TypeScript-like type. */
function tsType(c: string, schema: SchemaModel): string | undefined {
  const id = /^Id<\s*["'](\w+)["']\s*>/.exec(c);
  if (id) {
    const tb = table(schema, id[1]);
    return tb ? `reference to ${tb.name}` : undefined;
  }
  const m = /^(string|number|boolean|bool|integer|int|float|text|date|timestamp)(\[\])?(?=\s|$|\()/i.exec(c);
  if (!m) return undefined;
  const base = /^(?:string|text)$/i.test(m[1])
    ? "string"
    : /^(?:boolean|bool)$/i.test(m[1])
      ? "boolean"
      : /^(?:date|timestamp)$/i.test(m[1])
        ? "date"
        : "number";
  return m[2] ? `list of ${base}s` : base;
}

function convex(t: string, schema: SchemaModel): string | undefined {
  // "teams: defineTable({...}) becomes squads: defineTable({...})": a table renamed.
  const renamedTable = new RegExp(
    String.raw`\b(\w+)\s*:\s*defineTable\(\s*\{[^}]*\}\s*\)${ARROW}(\w+)\s*:\s*defineTable\b`,
    "i",
  ).exec(t);
  if (renamedTable) {
    const tb = table(schema, renamedTable[1]);
    if (tb) return `rename ${tb.name} table to ${renamedTable[2]}`;
  }
  // "t { a } ⇒ t { b }": a field renamed; "t { - f }": removed; "t { + f: v.x() }": added.
  const braces = new RegExp(String.raw`^(\w+)\s*\{\s*(\w+)\s*\}${ARROW}(\w+)\s*\{\s*(\w+)\s*\}$`).exec(t);
  if (braces && braces[1] === braces[3]) {
    const tb = table(schema, braces[1]);
    if (tb) return `rename ${braces[2]} on ${tb.name} to ${braces[4]}`;
  }
  const minus = /^(\w+)\s*\{\s*-\s*(\w+)\s*\}$/.exec(t);
  if (minus) {
    const tb = table(schema, minus[1]);
    if (tb) return `remove ${minus[2]} from ${tb.name}`;
  }
  // "t: .index("by_a_b", ["a", "b"])", "t: .searchIndex("search_name", { searchField: "name" })".
  const idx = /^(?:in\s+)?(\w+)\s*:?\s*\.(index|searchIndex)\(\s*["'](\w+)["']\s*,\s*(.+)\)$/.exec(t);
  if (idx) {
    const tb = table(schema, idx[1]);
    if (!tb) return undefined;
    if (idx[2] === "searchIndex") {
      const f = /searchField\s*:\s*["'](\w+)["']/.exec(idx[4]);
      return f ? `make ${tb.name} searchable by ${f[1]}` : undefined;
    }
    const fields = [...idx[4].matchAll(/["'](\w+)["']/g)].map((m) => m[1]);
    return fields.length ? `index ${tb.name} by ${fields.join(" and ")}` : undefined;
  }
  // "t status union + v.literal("archived")": a value added to a union.
  const plusLiteral = /^(\w+)[.\s]+(\w+)\s+(?:union\s+)?\+\s*v\.literal\(\s*["']([^"']+)["']\s*\)$/.exec(t);
  if (plusLiteral) {
    const tb = table(schema, plusLiteral[1]);
    const f = tb && resolveField(tb, plusLiteral[2]);
    if (tb && f) return `add ${plusLiteral[3]} to the ${f.name} of ${tb.name}`;
  }
  // "in users: f: v.optional(v.string()) → f: v.string()": the same field before and after.
  const changed = new RegExp(
    String.raw`^(?:in\s+|on\s+)?(\w+)\s*[:.]\s*(\w+)\s*:\s*(.+?)${ARROW.replace("|to)", ")")}(\w+)\s*:\s*(.+)$`,
  ).exec(t);
  if (changed && changed[2] === changed[4]) {
    const tb = table(schema, changed[1]);
    const f = tb && resolveField(tb, changed[2]);
    const before = validatorWords(changed[3], schema);
    const after = validatorWords(changed[5], schema);
    if (tb && f && before && after && before.type === after.type && before.optional !== after.optional)
      return `make ${tb.name}.${f.name} ${after.optional ? "optional" : "required"}`;
    if (tb && f && before && after && /^one of /.test(after.type) && before.type === after.type) return undefined;
  }
  // "books.title?: string": an existing field's presence by the question mark.
  const tsPresence = /^(\w+)\.(\w+)(\?)?\s*:\s*([A-Za-z]+(?:\[\])?)$/.exec(t);
  if (tsPresence) {
    const tb = table(schema, tsPresence[1]);
    const f = tb && resolveField(tb, tsPresence[2]);
    const type = tsType(tsPresence[4], schema);
    if (tb && f && type && f.optional !== !!tsPresence[3])
      return `make ${tb.name}.${f.name} ${tsPresence[3] ? "optional" : "required"}`;
  }
  // "t: defineTable({ …, f: v.x() })", "t: + f: v.x()", "t f: type", "t: f?: type (note) — optional".
  const defined =
    /^(\w+)\s*:\s*defineTable\(\s*\{\s*(?:\.\.\.\s*,?\s*)?(\w+)(\?)?\s*:\s*(.+?)\s*,?\s*(?:\.\.\.\s*)?\}\s*\)(.*)$/.exec(
      t,
    );
  const field =
    defined ??
    /^(?:in\s+|on\s+)?(\w+)\s*(?::\s*\+?|\s+\+|\s)\s*(?:(?:add\s+)?(?:an?\s+)?new\s+(?:field|column|attribute|property)\s*:?\s+)?(\w+)(\?)?\s*:\s*(v\.\w+\(.*\)|[A-Za-z]+(?:\[\]|<[^>]*>)?)(.*)$/.exec(
      t,
    );
  if (field) {
    const tb = table(schema, field[1]);
    if (!tb) return undefined;
    const code = field[4].trim();
    const v = validatorWords(code, schema);
    if (!v) return undefined;
    const rest = field[5] ?? "";
    const optional = v.optional || !!field[3];
    const presence = optional ? "optional" : saidPresence(rest);
    return add(tb, field[2], v.type, presence);
  }
  return undefined;
}
