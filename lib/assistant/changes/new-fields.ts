/**
 * Fields added with their kind spelled out: "give sessions a size (small, medium or large)", "add a priority to
 * messages with values low, medium or high", "each thread has a reviewState which can be pending, approved or
 * rejected", "give every indexer state a tags, it's a list of strings", "add viewCount to workItems as a number",
 * and relations between existing tables: "every source is owned by a collection", "each artifact version
 * belongs to a plan". Each declines (returns false) when the table is not one of the schema's.
 */
import { findField, sameValidator, type Field, type Table } from "../../schema/model";
import { literalUnion } from "../designer/fields";
import { camel, idField, indexName } from "../designer/names";
import { apply, resolveFieldLoose, resolveTableLoose, type FollowUpContext } from "../designer/resolve";
import { literalsOf, valuesIn } from "./enums";
import { validatorFromWords } from "./validator-words";

function table(ctx: FollowUpContext, phrase: string): Table | undefined {
  const t = resolveTableLoose(ctx.schema, phrase.replace(/^(?:the|each|every|all|an?|our|my)\s+/i, "").trim());
  if (t) ctx.recent = t;
  return t;
}

/** A new union field from the user's values; an existing one with those values is reported. */
export function addEnumField(
  tablePhrase: string,
  fieldPhrase: string,
  valuesPhrase: string,
  ctx: FollowUpContext,
): boolean {
  const t = table(ctx, tablePhrase);
  const values = valuesIn(valuesPhrase.replace(/^(?:either|one\s+of)\s+/i, ""));
  if (!t || values.length < 2) return false;
  const name = camel(fieldPhrase.replace(/^(?:an?|the)\s+/i, ""));
  // Only the same name is the same field here: "level" is not "levelId".
  const existing = findField(t, name) ?? t.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
  if (existing) {
    const have = literalsOf(existing);
    if (have && values.every((v) => have.includes(v)))
      ctx.notes.push(`"${t.name}.${existing.name}" already allows ${values.map((v) => `"${v}"`).join(", ")}.`);
    else if (have)
      apply(
        ctx,
        [
          {
            op: "changeFieldType",
            table: t.name,
            field: existing.name,
            validator: literalUnion([...have, ...values.filter((v) => !have.includes(v))]),
          },
        ],
        `Adds ${values
          .filter((v) => !have.includes(v))
          .map((v) => `"${v}"`)
          .join(", ")} to the values of "${t.name}.${existing.name}".`,
      );
    else
      ctx.questions.push(
        `"${t.name}.${existing.name}" already exists and is not a list of values. Should I change its type to one of ${values.map((v) => `"${v}"`).join(", ")}?`,
      );
    return true;
  }
  const field: Field = { name, validator: literalUnion(values), optional: true };
  apply(
    ctx,
    [{ op: "addField", table: t.name, field }],
    `Adds optional "${t.name}.${name}", one of ${values.map((v) => `"${v}"`).join(", ")}.`,
  );
  return true;
}

/** A field whose type is named ("as a number", "it's a list of strings"); without a type, undefined (not mine). */
export function addFieldOfType(
  tablePhrase: string,
  fieldPhrase: string,
  typePhrase: string | undefined,
  ctx: FollowUpContext,
): boolean | "untyped" {
  const t = table(ctx, tablePhrase);
  if (!t) return false;
  const name = camel(fieldPhrase.replace(/^(?:an?|the)\s+/i, ""));
  if (!name || /^\d/.test(name)) return false;
  const existing = findField(t, name) ?? resolveFieldLoose(t, fieldPhrase);
  const parsed = typePhrase
    ? (validatorFromWords(typePhrase.replace(/\s+(?:flag|field|value)$/i, ""), ctx.schema) ??
      validatorFromWords(typePhrase, ctx.schema))
    : undefined;
  if (existing) {
    if (!parsed || sameValidator(existing.validator, parsed.validator))
      ctx.notes.push(`"${t.name}.${existing.name}" already exists.`);
    else
      ctx.questions.push(
        `"${t.name}.${existing.name}" already exists with another type. Should I change its type instead?`,
      );
    return true;
  }
  if (!typePhrase) return "untyped";
  if (!parsed) return false;
  if (parsed.note) ctx.assumptions.push(parsed.note);
  const ops = [
    { op: "addField" as const, table: t.name, field: { name, validator: parsed.validator, optional: true } },
  ];
  apply(ctx, ops, `Adds optional "${t.name}.${name}".`);
  return true;
}

/** A reference from one existing table to another, optional (existing documents stay valid), with its index. */
export function addRelation(fromPhrase: string, toPhrase: string, ctx: FollowUpContext): boolean {
  const from = table(ctx, fromPhrase);
  const to = resolveTableLoose(ctx.schema, toPhrase.replace(/^(?:the|each|every|an?|one|its|their)\s+/i, "").trim());
  if (!from || !to || from === to) return false;
  ctx.recent = from;
  const existing = from.fields.find((f) => f.validator.kind === "id" && f.validator.table === to.name);
  if (existing) {
    ctx.notes.push(`"${from.name}.${existing.name}" already references "${to.name}".`);
    return true;
  }
  const name = idField(to.name);
  if (findField(from, name)) {
    ctx.questions.push(
      `"${from.name}.${name}" exists but does not reference "${to.name}". What should the reference be called?`,
    );
    return true;
  }
  apply(
    ctx,
    [
      { op: "addField", table: from.name, field: { name, validator: { kind: "id", table: to.name }, optional: true } },
      { op: "addIndex", table: from.name, index: { name: indexName([name]), fields: [name] } },
    ],
    `Adds "${from.name}.${name}" referencing "${to.name}" (optional so existing documents stay valid), with index "${indexName([name])}".`,
  );
  ctx.assumptions.push(
    `"${from.name}.${name}" is optional so existing documents stay valid; backfill it, then make it required.`,
  );
  return true;
}

/** "add an index to auditLog": which fields? (a question naming them). */
export function askIndexFields(tablePhrase: string, ctx: FollowUpContext): boolean {
  const t = table(ctx, tablePhrase);
  if (!t) return false;
  ctx.questions.push(
    `Which fields of "${t.name}" should the index cover, in the order queries compare them? Fields: ${t.fields.map((f) => f.name).join(", ")}.`,
  );
  return true;
}
