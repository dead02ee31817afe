/**
 * "add an estimate (number) to tasks", "add estimate: number", "add a number field called estimate",
 * "add an optional string notes field", "add archivedAt as a date": a field whose type the user named. Without a
 * type word it is not this edit (design extraction types it from its name).
 */
import { findField, sameValidator, type Field, type SchemaModel, type Table, type Validator } from "../../schema/model";
import { camel } from "../designer/names";
import { validatorFromWords } from "./validator-words";

export interface TypedFieldRequest {
  field: Field;
  note?: string;
}

const FIELD_WORD = "(?:field|column|attribute|property|prop)";

/** Reads one typed field from the item words of an "add …" command, or undefined when no type is named. */
export function typedField(items: string, schema: SchemaModel): TypedFieldRequest | undefined {
  let text = items.trim().replace(/^(?:an?|the|new|another)\s+/i, "");
  const modifier = /^(optional|required|mandatory|nullable)\s+/i.exec(text);
  if (modifier) text = text.slice(modifier[0].length).replace(/^(?:an?\s+)?/, "");
  const trailing = /\s*[,(]?\s*(optional|required|mandatory)\)?$/i.exec(text);
  if (trailing) text = text.slice(0, trailing.index).trim();
  // "notes: v.optional(v.string())", "notes: string?": optional by notation.
  const wrapped = /^(.*?)v\.optional\((.+)\)\s*$/i.exec(text) ?? /^(.*?[:(]\s*\w[\w.()"']*)\?\)?\s*$/.exec(text);
  if (wrapped)
    text =
      wrapped[2] !== undefined && /v\.optional/i.test(text)
        ? `${wrapped[1]}${wrapped[2]}`
        : text.replace(/\?(\)?)\s*$/, "$1");
  const optional = !/required|mandatory/i.test(`${modifier?.[1] ?? ""} ${trailing?.[1] ?? ""}`);
  const forms: [RegExp, number, number][] = [
    [
      new RegExp(
        String.raw`^(?:${FIELD_WORD}\s+)?["'\`]?([\w ]+?)["'\`]?\s*\(\s*(.+?)\s*\)(?:\s+${FIELD_WORD})?$`,
        "i",
      ),
      1,
      2,
    ],
    [new RegExp(String.raw`^(?:${FIELD_WORD}\s+)?["'\`]?([\w ]+?)["'\`]?\s*:\s*(.+)$`, "i"), 1, 2],
    [
      new RegExp(
        String.raw`^(?:${FIELD_WORD}\s+)?["'\`]?([\w ]+?)["'\`]?(?:\s+${FIELD_WORD})?\s+(?:as|of type|with type|typed|type)\s+(?:an?\s+)?(.+)$`,
        "i",
      ),
      1,
      2,
    ],
    [new RegExp(String.raw`^(.+?)\s+${FIELD_WORD}\s+(?:called|named)\s+["'\`]?([\w ]+?)["'\`]?$`, "i"), 2, 1],
    [new RegExp(String.raw`^(.+?)\s+${FIELD_WORD}\s+["'\`]([\w ]+?)["'\`]$`, "i"), 2, 1],
    [new RegExp(String.raw`^(\w+)\s+(.+?)\s+${FIELD_WORD}$`, "i"), 1, 2],
    [new RegExp(String.raw`^(.+?)\s+${FIELD_WORD}\s+(\w+)$`, "i"), 2, 1],
    // "a numeric rating", "an integer number sortOrder": type words first, then the name.
    [
      /^((?:(?:numeric|number|integer|int|decimal|float|whole|boolean|bool|text|string|date|datetime|timestamp|money)\s+)+)([\w]+(?:\s[\w]+)?)$/i,
      2,
      1,
    ],
    // "a completedAt timestamp": an identifier (camelCase or snake_case) then a type word; "a due date" is not one.
    [/^([a-z]+(?:[A-Z][a-z0-9]*)+|[a-z]+(?:_[a-z0-9]+)+)\s+(.+)$/, 1, 2],
    // "a pinned boolean", "a nickname string": a plain word then a type word no field name ends with ("a phone
    // number", "alt text", "a due date" name their field).
    [/^([a-z][a-z0-9]*)\s+(boolean|bool|string|integer|int|int64|float|float64|decimal)$/i, 1, 2],
  ];
  for (const [re, nameAt, typeAt] of forms) {
    const m = re.exec(text);
    if (!m) continue;
    const parsed =
      validatorFromWords(m[typeAt].trim(), schema) ??
      validatorFromWords(m[typeAt].trim().replace(/\s+(?:flag|field|value)$/i, ""), schema);
    const name = camel(m[nameAt].replace(new RegExp(String.raw`\s+${FIELD_WORD}$`, "i"), ""));
    if (!parsed || !name || /^\d/.test(name)) continue;
    return { field: withOptional(name, parsed.validator, optional), note: parsed.note };
  }
  return undefined;
}

function withOptional(name: string, validator: Validator, optional: boolean): Field {
  return { name, validator, optional };
}

/** The existing field of that name, when it already has exactly that type and optionality. */
export function alreadyThere(table: Table, field: Field): "same" | "different" | undefined {
  const existing = findField(table, field.name);
  if (!existing) return undefined;
  return sameValidator(existing.validator, field.validator) ? "same" : "different";
}
