/**
 * Enum values of an existing union field: "add blocked to the status of tasks", "tasks' status can also be
 * cancelled", "remove low from priority on tasks", "allow archived as a status". The values are the user's words;
 * a target that is not a union of literals is not this kind of edit (the caller tries the next reading).
 */
import type { Field, Table, Validator } from "../../schema/model";
import { literalUnion, literalValue } from "../designer/fields";
import { apply, locateField, type FollowUpContext } from "../designer/resolve";

const LIST_SPLIT = /\s*(?:,\s*(?:and|or)?|\band\b|\bor\b|\/)\s*/i;
const VALUE_WORDS = /\b(?:values?|options?|choices?|states?|kinds?|types?|enum|list|possible|allowed|valid|new)\b/gi;

/** The literal values of a union field, or undefined when the field is not a union of literals. */
export function literalsOf(field: Field): string[] | undefined {
  const v = field.validator;
  const members = v.kind === "union" ? v.members : v.kind === "literal" ? [v] : [];
  if (members.length === 0 || !members.every((m) => m.kind === "literal")) return undefined;
  return members.map((m) => String((m as Extract<Validator, { kind: "literal" }>).value));
}

/** Values named in a phrase: "'blocked' and 'cancelled'" → ["blocked", "cancelled"]. */
export function valuesIn(phrase: string): string[] {
  return phrase
    .replace(/^(?:the\s+)?(?:values?|options?|states?|statuses)\s+/i, "")
    .split(LIST_SPLIT)
    .map((w) =>
      literalValue(
        w.replace(/^(?:an?|the)\s+/i, "").replace(/\s+(?:option|value|choice|state|status|kind|type)s?$/i, ""),
      ),
    )
    .filter(Boolean);
}

/** Finds the union field a phrase names ("the status of tasks", "task status", "status options"); no question asked. */
function unionTarget(
  target: string,
  ctx: FollowUpContext,
): { table: Table; field: Field; values: string[] } | undefined {
  const phrase = target
    .replace(VALUE_WORDS, " ")
    .replace(/\s+(?:of|for|on|in)\s*$/i, "")
    .replace(/\s+/g, " ")
    .trim();
  const probe: FollowUpContext = { ...ctx, questions: [], notes: [], assumptions: [], operations: [] };
  // A field may itself be called "state", "kind" or "type": the phrase as said first, then without value words.
  const said = target.replace(/^(?:the\s+)?(?:list\s+of\s+)?/i, "").trim();
  const asSaid = said ? locateField(said, probe, "change") : undefined;
  if (!phrase && !asSaid) return undefined;
  const ref =
    (asSaid && literalsOf(asSaid.field) ? asSaid : undefined) ??
    (phrase
      ? (locateField(phrase, probe, "change") ?? locateField(phrase.replace(/s$/, ""), probe, "change"))
      : undefined);
  if (!ref) return undefined;
  const values = literalsOf(ref.field);
  if (!values) return undefined;
  ctx.recent = probe.recent;
  return { table: ref.table, field: ref.field, values };
}

/** Adds or removes values; returns false when the target is not a union field (not this kind of edit). */
export function editEnumValues(
  verb: "add" | "remove",
  valuesPhrase: string,
  target: string,
  ctx: FollowUpContext,
): boolean {
  const hit = unionTarget(target, ctx);
  if (!hit) return false;
  const asked = valuesIn(valuesPhrase);
  if (asked.length === 0) return false;
  const { table, field, values } = hit;
  const where = `"${table.name}.${field.name}"`;
  if (verb === "add") {
    const fresh = asked.filter((v) => !values.includes(v));
    if (fresh.length === 0) {
      ctx.notes.push(`${where} already allows ${asked.map((v) => `"${v}"`).join(", ")}.`);
      return true;
    }
    apply(
      ctx,
      [{ op: "changeFieldType", table: table.name, field: field.name, validator: literalUnion([...values, ...fresh]) }],
      `Adds ${fresh.map((v) => `"${v}"`).join(", ")} to the values of ${where}.`,
    );
    return true;
  }
  const gone = asked.filter((v) => values.includes(v));
  if (gone.length === 0) {
    ctx.notes.push(`${where} already has no value ${asked.map((v) => `"${v}"`).join(", ")}.`);
    return true;
  }
  const left = values.filter((v) => !gone.includes(v));
  if (left.length === 0) {
    ctx.questions.push(
      `Removing ${gone.map((v) => `"${v}"`).join(", ")} leaves ${where} with no value. Should the field be removed instead?`,
    );
    return true;
  }
  apply(
    ctx,
    [{ op: "changeFieldType", table: table.name, field: field.name, validator: literalUnion(left) }],
    `Removes ${gone.map((v) => `"${v}"`).join(", ")} from the values of ${where}; documents holding them must be migrated first.`,
  );
  return true;
}

/** "set the status values on tasks to a, b and c": the whole list replaced. */
export function setEnumValues(target: string, valuesPhrase: string, ctx: FollowUpContext): boolean {
  const hit = unionTarget(target, ctx);
  const asked = valuesIn(valuesPhrase);
  if (!hit || asked.length < 2) return false;
  const { table, field, values } = hit;
  if (asked.length === values.length && asked.every((v) => values.includes(v))) {
    ctx.notes.push(`"${table.name}.${field.name}" already allows exactly ${asked.map((v) => `"${v}"`).join(", ")}.`);
    return true;
  }
  apply(
    ctx,
    [{ op: "changeFieldType", table: table.name, field: field.name, validator: literalUnion(asked) }],
    `Sets the values of "${table.name}.${field.name}" to ${asked.map((v) => `"${v}"`).join(", ")}.`,
  );
  return true;
}
