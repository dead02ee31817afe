/**
 * From the knowledge notation and attribute names to model fields.
 */
import type { Field, Validator } from "../../schema/model";
import { ATTRIBUTE_RULES, ENUM_ATTRIBUTES, ENUM_VALUES } from "./knowledge/attributes";
import { camel } from "./names";

export interface TypedField {
  field: Field;
  assumptions: string[];
}

const MONEY = "Money is stored as an integer number of cents in v.number() to avoid rounding errors.";
const TIME = "Dates and times are stored as milliseconds since the epoch in v.number() (Convex has no date type).";

/** A field from the notation "money?", "enum:a|b", "time", ... */
export function fieldFromNotation(name: string, notation: string): TypedField {
  const optional = notation.endsWith("?");
  const type = optional ? notation.slice(0, -1) : notation;
  const assumptions: string[] = [];
  let validator: Validator;
  let description: string | undefined;
  if (type.startsWith("enum:")) {
    validator = literalUnion(type.slice(5).split("|"));
  } else if (type.startsWith("id:")) {
    validator = { kind: "id", table: type.slice(3) };
  } else {
    switch (type) {
      case "money":
        validator = { kind: "number" };
        description = "Amount in cents.";
        assumptions.push(MONEY);
        break;
      case "time":
        validator = { kind: "number" };
        description = "Milliseconds since the epoch.";
        assumptions.push(TIME);
        break;
      case "int":
      case "number":
        validator = { kind: "number" };
        break;
      case "boolean":
        validator = { kind: "boolean" };
        break;
      case "record":
        validator = { kind: "record", key: { kind: "string" }, value: { kind: "string" } };
        break;
      case "tags":
        validator = { kind: "array", element: { kind: "string" } };
        break;
      case "any":
        validator = { kind: "any" };
        break;
      default:
        validator = { kind: "string" };
    }
  }
  const field: Field = { name, validator, optional };
  if (description) field.description = description;
  return { field, assumptions };
}

/** A union of string literals, or the single literal when there is one value. */
export function literalUnion(values: string[]): Validator {
  const members: Validator[] = values.map((value) => ({ kind: "literal", value }));
  return members.length === 1 ? members[0] : { kind: "union", members };
}

/**
 * Literal value from a user's word: "in progress" → "in_progress". A value written in capitals is kept as written
 * ("LOST", "ON HOLD" → "ON_HOLD"): the user chose that case for the stored value.
 */
export function literalValue(text: string): string {
  const t = text.trim();
  if (/[A-Z]{2}/.test(t) && !/[a-z]/.test(t)) return t.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  return t
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/** The notation for an attribute of `entity` named `name` (camelCase) with optional user-given values. */
export function notationFor(
  entity: string,
  name: string,
  values?: string[],
): { notation: string; assumption?: string } {
  if (values && values.length >= 2) return { notation: `enum:${values.map(literalValue).join("|")}` };
  if (ENUM_ATTRIBUTES.test(name)) {
    const known = ENUM_VALUES[`${entity}.${name}`] ?? ENUM_VALUES[name];
    if (known) {
      return {
        notation: `enum:${known.join("|")}`,
        assumption: `"${name}" is a union of ${known.map((v) => `"${v}"`).join(", ")}; say which values you need if these are wrong.`,
      };
    }
    return {
      notation: "string",
      assumption: `"${name}" is a free string; list its values to make it a union of literals.`,
    };
  }
  for (const rule of ATTRIBUTE_RULES)
    if (rule.test.test(name)) return { notation: rule.type, assumption: rule.assumption };
  return { notation: "string" };
}

/** Field for an attribute phrase of an entity: "due date" on "task" → dueDate: v.number(). */
export function attributeField(
  entity: string,
  phrase: string,
  opts: { values?: string[]; optional?: boolean; unit?: string } = {},
): TypedField {
  const name = camel(phrase);
  const inferred = notationFor(entity.replace(/ /g, ""), name, opts.values);
  const money = opts.unit && /^(cents|dollars|euros|pounds|usd|eur)$/.test(opts.unit);
  const { notation, assumption } = opts.unit
    ? { notation: money ? "money" : "number", assumption: undefined }
    : inferred;
  const typed = fieldFromNotation(name, notation);
  if (opts.unit && !money) typed.field.description = `In ${opts.unit}.`;
  if (opts.optional !== undefined) typed.field.optional = opts.optional;
  if (assumption) typed.assumptions.push(assumption);
  return typed;
}
