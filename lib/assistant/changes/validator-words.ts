/**
 * Types named in words: "number", "date", "list of strings", "reference to users", "one of a, b or c".
 */
import type { SchemaModel, Validator } from "../../schema/model";
import { literalUnion, literalValue } from "../designer/fields";
import { singularPhrase } from "../designer/names";
import { resolveTable } from "../designer/resolve";

/** A validator from words like "number", "date", "list of strings", "reference to users", "one of a, b or c". */
export function validatorFromWords(
  text: string,
  schema: SchemaModel,
): { validator: Validator; note?: string } | undefined {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/^(?:an?|the)\s+/, "")
    .replace(/^v\.(\w+)\(\)$/, "$1")
    .replace(/^float64$/, "number");
  const one = /^(?:one of|enum|union of|either)\s*:?\s*(.+)$/.exec(t);
  if (one)
    return {
      validator: literalUnion(
        one[1]
          .split(/\s*(?:,|\bor\b|\band\b|\/)\s*/)
          .map(literalValue)
          .filter(Boolean),
      ),
    };
  const arr = /^v\.array\((.+)\)$/.exec(t);
  if (arr) {
    const inner = validatorFromWords(arr[1], schema);
    return inner && { validator: { kind: "array", element: inner.validator } };
  }
  const list = /^(?:list|array)\s+of\s+(.+)$/.exec(t);
  if (list) {
    const inner =
      validatorFromWords(singularPhrase(list[1]).replace(/^(\w+)$/, "$1"), schema) ??
      validatorFromWords(list[1], schema);
    return inner && { validator: { kind: "array", element: inner.validator } };
  }
  const ref =
    /^(?:reference|ref|link|pointer|id|foreign key|relation)\s+(?:to|of|for|into)\s+(?:the\s+|an?\s+)?(.+)$/.exec(t) ??
    /^v\.id\(["'](\w+)["']\)$/.exec(t) ??
    /^(\w+)\s+(?:id|reference|ref)$/.exec(t);
  if (ref) {
    const table = resolveTable(schema, ref[1]);
    return table && { validator: { kind: "id", table: table.name } };
  }
  if (/^(url|link|email|e-mail|slug|uuid)\b/.test(t)) return { validator: { kind: "string" } };
  if (/^(numbers?|numeric|float|double|decimal|integers?|int|count|whole number)\b/.test(t))
    return { validator: { kind: "number" } };
  if (/^(money|currency|price|cents)\b/.test(t))
    return { validator: { kind: "number" }, note: "Money is stored as integer cents in v.number()." };
  if (/^(date|datetime|timestamp|time)\b/.test(t))
    return { validator: { kind: "number" }, note: "Dates are stored as milliseconds since the epoch in v.number()." };
  if (/^(strings?|text|str)\b(?!\s+of)/.test(t)) return { validator: { kind: "string" } };
  if (/^(boolean|bool|flag|checkbox|yes\/no|true\/false)\b/.test(t)) return { validator: { kind: "boolean" } };
  if (/^(bigint|int64|long)\b/.test(t)) return { validator: { kind: "int64" } };
  if (/^(tags)\b/.test(t)) return { validator: { kind: "array", element: { kind: "string" } } };
  if (/^(any|json|object|anything)\b/.test(t)) return { validator: { kind: "any" } };
  return undefined;
}
