/**
 * The words of a clause of the change grammar: one message may hold several commands ("make dueDate required on
 * tasks and rename title to name"), and a command may name its table apart from its field, before or after it
 * ("in the tasks table, …", "… on tasks"). Splitting happens only where the next words start a new command.
 */
import type { SchemaModel, Table } from "../../schema/model";
import { resolveTableLoose } from "../designer/resolve";

/** Verbs that start a change command. */
export const COMMAND_VERB = String.raw`(?:please\s+)?(?:make|rename|add|remove|delete|drop|change|convert|turn|switch|set|mark|index|link|connect|relate|include|give|allow|require|get rid of|enable|create|put|store|track|sort|look up|find|query|filter|fetch|search)\b`;

const BOUNDARY = new RegExp(
  String.raw`\s*(?:,\s*(?:and\s+|then\s+|also\s+|plus\s+)*|\s+(?:and\s+then|and\s+also|and|then|also|plus|\+|&)\s+)(?=${COMMAND_VERB})`,
  "i",
);

/** Parts of a sentence at command boundaries (the sentence itself when there is one command). */
export function splitCommands(text: string): string[] {
  return text
    .split(BOUNDARY)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** "in tasks: …", "on the tasks table, …", "for tasks — …": the table, and the text after it. */
export function leadingScope(text: string, schema: SchemaModel): { table?: Table; text: string } {
  // "tasks: add notes: v.optional(v.string())": a bare table name before a colon.
  const bare = /^["'`]?(\w+)["'`]?\s*:\s*(.+)$/.exec(text);
  const bareTable = bare ? resolveTableLoose(schema, bare[1]) : undefined;
  if (bare && bareTable) return { table: bareTable, text: bare[2] };
  const m =
    /^(?:in|on|for|within|inside)\s+(?:the\s+)?([\w' ]+?)(?:\s+(?:table|collection))?\s*(?:[,:—–]|\s-\s)\s*(.+)$/i.exec(
      text,
    );
  const table = m ? resolveTableLoose(schema, m[1]) : undefined;
  return table && m ? { table, text: m[2] } : { text };
}

/** Verbs whose table can follow the field: "make dueDate required on tasks", "rename title to name in tasks". */
const SCOPED_VERB = /^(?:please\s+)?(?:make|rename|change|convert|turn|switch|set|mark|require)\b/i;

/** "… on tasks", "… in the tasks table", "… for task": the table and the command without it. */
export function scopeSuffix(text: string, schema: SchemaModel): { table?: Table; text: string } {
  if (!SCOPED_VERB.test(text)) return { text };
  const m =
    /^(.+?)\s+(?:on|in|of|for|from|within|inside)\s+(?:the\s+)?(?:table\s+)?([\w']+(?:\s[\w']+)?)(?:\s+(?:table|collection)s?)?$/i.exec(
      text,
    );
  if (!m) return { text };
  const table = resolveTableLoose(schema, m[2]);
  return table ? { table, text: m[1] } : { text };
}
