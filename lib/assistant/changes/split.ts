/**
 * The clause level of the change grammar: one message may hold several commands ("make dueDate required on
 * tasks and rename title to name"), and a command may name its table apart from its field, before or after it
 * ("in the tasks table, …", "… on tasks"). A clause the change reader (`reader.ts`) understands whole is given as
 * its canonical command; the words of the clause are in `clause.ts`.
 */
import type { SchemaModel, Table } from "../../schema/model";
import { leadingScope } from "./clause";
import { readChange } from "./reader";

export { COMMAND_VERB, scopeSuffix, splitCommands } from "./clause";

/**
 * "in tasks: …", "on the tasks table, …", "for tasks — …": the table, and the text after it. A clause the change
 * reader reads whole ("the billing zip of invoices can be missing sometimes") comes back as the reader's canonical
 * command ("make invoices.billingZip optional"), which names its own table.
 */
export function scopePrefix(text: string, schema: SchemaModel): { table?: Table; text: string } {
  const read = readChange(text, schema);
  return read ? { text: read } : leadingScope(text, schema);
}
