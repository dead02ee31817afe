/**
 * Yes/no questions about what the schema has: "does tasks have a title field?", "is there a due date on tasks?",
 * "do we store an email for users?". They ask, they do not order: the answer says whether the field is there
 * ("already") and changes nothing; a field that is missing is offered, never added unasked.
 */
import type { Field, SchemaModel, Table } from "../../schema/model";
import { resolveField, resolveTableLoose } from "../designer/resolve";

export interface PresenceAnswer {
  table: Table;
  /** The field asked about, when the table has it. */
  field?: Field;
  /** The field's words as asked ("due date"). */
  asked: string;
}

const ARTICLE = String.raw`(?:an?|any|the|some)\s+`;
const NOUN = String.raw`([a-z][\w]*(?:\s+[a-z][\w]*){0,2}?)`;
const FIELD_WORD = String.raw`(?:\s+(?:field|column|property|attribute))?`;
const TABLE = String.raw`(?:the\s+|each\s+|every\s+|a\s+|an\s+|our\s+|my\s+)?([a-z][\w]*(?:\s+[a-z][\w]*)?)(?:\s+table)?`;

/** [pattern, group of the table, group of the field]. Anchored: a question from start to end. */
const QUESTIONS: [RegExp, number, number][] = [
  // "does tasks have a title field?", "do tasks have due dates?", "has the users table got an email?"
  [
    new RegExp(
      String.raw`^(?:does|do|has|have)\s+${TABLE}\s+(?:have|has|got|hold|contain|store)\s+(?:${ARTICLE})?${NOUN}${FIELD_WORD}\s*\?\s*$`,
      "i",
    ),
    1,
    2,
  ],
  // "is there a due date on tasks?", "is there a title field in the tasks table?"
  [
    new RegExp(
      String.raw`^(?:is|are)\s+there\s+(?:already\s+)?(?:${ARTICLE})?${NOUN}${FIELD_WORD}\s+(?:on|in|for)\s+${TABLE}\s*\?\s*$`,
      "i",
    ),
    2,
    1,
  ],
  // "do we store an email for users?", "do we keep a due date on tasks?"
  [
    new RegExp(
      String.raw`^do\s+(?:we|you|i)\s+(?:already\s+)?(?:store|keep|save|track|have)\s+(?:${ARTICLE})?${NOUN}${FIELD_WORD}\s+(?:on|in|for|of)\s+${TABLE}\s*\?\s*$`,
      "i",
    ),
    2,
    1,
  ],
];

/** The table and field a yes/no presence question asks about, or undefined when the message is not one. */
export function presenceQuestion(text: string, schema: SchemaModel): PresenceAnswer | undefined {
  // "does instagramMedia have a timestamp? we need one": the question, with a wish for the field when it is missing.
  const wish =
    /^(.+?\?)\s*(?:(?:if\s+not,?\s+)?(?:we|i)\s+(?:need|want|would\s+like)\s+(?:one|it|that)|if\s+not,?\s+(?:please\s+)?add\s+(?:one|it))[.!]*$/i.exec(
      text.trim(),
    );
  if (wish) {
    const asked = presenceQuestion(wish[1], schema);
    return asked?.field ? asked : undefined;
  }
  const t = text.trim().replace(/\s+/g, " ");
  for (const [re, tableAt, fieldAt] of QUESTIONS) {
    const m = re.exec(t);
    if (!m) continue;
    const table = resolveTableLoose(schema, m[tableAt]);
    if (!table) continue;
    const asked = m[fieldAt].trim();
    // "do users have many tasks?", "does a project have tasks?": a relation asked about, not a field.
    if (/^(?:many|multiple|several|more|other)\b/i.test(asked) || resolveTableLoose(schema, asked)) return undefined;
    return { table, field: resolveField(table, asked), asked };
  }
  return undefined;
}
