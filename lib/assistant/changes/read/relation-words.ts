/**
 * A reference between two tables said as a notation or a plain sentence, as the canonical "A references B" (or a
 * named field "add f (reference to B) to A"):
 * - "A.fId -> B", "A.f → B": the field of A refers to B;
 * - "B 1—n A", "B 1:n A", "B one-to-many A", "A n—1 B", "A many-to-one B": the many side refers to the one;
 * - "link A → B", "A ⟶ B: add the reference", "A → B (reference)";
 * - "A missing FK to B", "A needs a foreign key / reference / link to B";
 * - "each row of A should reference one row of B", "an A is always owned by exactly one B".
 * Undefined when the sentence is none of these or does not name two tables of the schema.
 */
import type { SchemaModel, Table } from "../../../schema/model";
import { resolveTable, resolveTableLoose } from "../../designer/resolve";

const ARROW = String.raw`\s*(?:→|->|⟶|=>|⇒)\s*`;
const NAME = String.raw`["'\x60]?([A-Za-z][\w ]*?)["'\x60]?`;

function table(schema: SchemaModel, phrase: string): Table | undefined {
  const p = phrase
    .trim()
    .replace(/^(?:the|a|an|each|every|one)\s+/i, "")
    .replace(/\s+(?:table|collection|model)$/i, "");
  return p ? (resolveTable(schema, p) ?? resolveTableLoose(schema, p)) : undefined;
}

function refers(from: Table | undefined, to: Table | undefined): string | undefined {
  return from && to && from !== to ? `${from.name} references ${to.name}` : undefined;
}

export function relationSaid(sentence: string, schema: SchemaModel): string | undefined {
  const t = sentence
    .replace(/[.!?]+$/, "")
    .replace(/\s+/g, " ")
    .trim();
  // "oauthStates.profileId -> profiles": a named field refers to a table.
  const dotted = new RegExp(String.raw`^["'\x60]?(\w+)\.(\w+)["'\x60]?${ARROW}${NAME}$`, "i").exec(t);
  if (dotted) {
    const from = table(schema, dotted[1]);
    const to = table(schema, dotted[3]);
    if (from && to && !from.fields.some((f) => f.name.toLowerCase() === dotted[2].toLowerCase()))
      return `add ${dotted[2]} (reference to ${to.name}) to ${from.name}`;
  }
  // "outreachContacts 1—n resumeVariations", "A many-to-one B".
  const card =
    /^["'`]?([\w ]+?)["'`]?\s*(1|one|n|many|\*)\s*(?:[—–:-]|\.\.|-?to-?)\s*(1|one|n|many|\*)\s*["'`]?([\w ]+?)["'`]?$/i.exec(
      t,
    );
  if (card) {
    const a = table(schema, card[1]);
    const b = table(schema, card[4]);
    const one = (x: string) => /^(?:1|one)$/i.test(x);
    if (one(card[2]) && !one(card[3])) return refers(b, a);
    if (!one(card[2]) && one(card[3])) return refers(a, b);
  }
  // "link class pools → session", "A ⟶ B: add the reference", "A → B (reference)".
  const linked = new RegExp(
    String.raw`^(?:(?:please\s+)?(?:link|connect|relate|reference)\s+)?${NAME}${ARROW}${NAME}(?:\s*(?::|—|-|,)\s*(?:please\s+)?(?:add|create|store)\s+(?:the\s+|a\s+)?(?:reference|relation(?:ship)?|link|foreign key|fk)|\s*\((?:reference|relation|link|fk|foreign key)\))?$`,
    "i",
  ).exec(t);
  if (
    linked &&
    (/^(?:please\s+)?(?:link|connect|relate|reference)\b/i.test(t) ||
      /reference|relation|link|fk|foreign/i.test(t.slice(linked[1].length)))
  )
    return refers(table(schema, linked[1]), table(schema, linked[2]));
  // "transcripts missing FK to users", "A needs a reference to B".
  const missing =
    /^(?:the\s+)?([\w ]+?)\s+(?:is\s+|are\s+)?(?:missing|lacks?|lacking|needs?|should\s+have|must\s+have)\s+(?:an?\s+|the\s+)?(?:fk|foreign\s+key|reference|ref|link|relation(?:ship)?|pointer)\s+(?:to|into|on)\s+(?:the\s+)?([\w ]+?)$/i.exec(
      t,
    );
  if (missing) return refers(table(schema, missing[1]), table(schema, missing[2]));
  // "Each row of invitations should reference one row of users", "A room is always owned by exactly one user".
  const each =
    /^(?:each|every|an?|one)\s+(?:row|record|document|entry|item)?\s*(?:of|in)?\s*(?:the\s+)?([\w ]+?)\s+(?:should|must|will|is|has\s+to|needs\s+to)?\s*(?:always\s+)?(?:reference|references|point\s+to|points\s+to|be\s+owned\s+by|owned\s+by|belong\s+to|belongs\s+to|be\s+linked\s+to|linked\s+to)\s+(?:exactly\s+)?(?:one|a\s+single|an?|the)\s+(?:row\s+|record\s+|document\s+|entry\s+)?(?:of\s+|in\s+)?(?:the\s+)?([\w ]+?)(?:\s*[;,].*)?$/i.exec(
      t,
    );
  if (each) return refers(table(schema, each[1]), table(schema, each[2]));
  return undefined;
}
