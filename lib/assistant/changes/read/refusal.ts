/** An operation asked for and refused in the same request ("index books by isbn and don't index books by isbn"). */
import type { SchemaModel, Table } from "../../../schema/model";
import { camel, nameKey } from "../../designer/names";
import { TYPE_WORD } from "./families";
import { Reading } from "./reading";
import { tidy } from "./tidy";
import { STOP, tokens } from "./tokens";

/**
 * The question for a request that asks for one operation on a field and refuses it in the same breath ("index
 * books by isbn and don't index books by isbn"), or undefined.
 */
export function selfRefusal(request: string, schema: SchemaModel): string | undefined {
  if (!schema.tables.length) return undefined;
  const found = refusedAndAsked(tidy(request), schema);
  return (
    found &&
    `Should I ${found.verb} "${found.table}.${found.field}" or not? The request asks for it and against it, so nothing changes yet.`
  );
}

function refusedAndAsked(
  text: string,
  schema: SchemaModel,
): { verb: string; table: string; field: string } | undefined {
  for (const [verb, family] of [
    ["index", "index"],
    ["add", "add"],
    ["remove", "(?:remove|delete|drop)"],
    ["rename", "rename"],
    ["merge", "merge"],
    ["split", "split"],
    ["make searchable", "(?:searchable|search)"],
  ]) {
    // "don't index", "no index", "without any index on email", "do not add any index", "do not remove any field".
    const negated = new RegExp(String.raw`\b(?:do not|never|not|no|without)\s+(?:\w+\s+){0,2}?${family}\b`, "i").exec(
      text,
    );
    if (!negated) continue;
    const before = text.slice(0, negated.index);
    const after = text.slice(negated.index + negated[0].length);
    const affirmed = new RegExp(String.raw`\b${verb === "index" ? "(?:index|look up)" : family}\b`, "i");
    // "searchable and never searchable": the asked half is before the refusal.
    const [yes, no] = affirmed.test(before) ? [before, after] : affirmed.test(after) ? [after, before] : [];
    if (yes === undefined || no === undefined) continue;
    // A half that names no table is about the other half's ("index subtasks by title but don't index title").
    const fieldsOf = (part: string, scope: Table[] = []) => {
      const r = new Reading(part, schema);
      const tables = r.tables().length ? r.tables() : scope;
      return r.fieldMentions().flatMap((m) => {
        const hits = m.hits.filter((h) => !tables.length || tables.includes(h.table));
        return hits.length === 1 ? [hits[0]] : [];
      });
    };
    const noFields = fieldsOf(`${no}`, new Reading(yes, schema).tables());
    const yesFields = fieldsOf(yes);
    const same = yesFields.find((h) => noFields.some((x) => x.field === h.field));
    if (same) return { verb, table: same.table.name, field: same.field.name };
    // "make title on tasks searchable and never searchable": a refusal that names nothing is of what was asked.
    const bare = !noFields.length && !new Reading(no, schema).tables().length && /^[\s.!?]*$/.test(no);
    if (bare && yesFields.length === 1) return { verb, table: yesFields[0].table.name, field: yesFields[0].field.name };
    // "index users by isAnonymous, and don't add any index to users", "drop t.f, but do not remove any field from
    // t": every one of the kind refused on the table the asked half changes.
    const anyOf = /\b(?:any|an?)\s+(?:index(?:es)?|fields?|columns?)\b|\b(?:indexes|fields|columns)\b/i.test(
      negated[0] + no,
    );
    const refusedTables = new Reading(no, schema).tables();
    const asked = anyOf && fieldsOf(yes).find((h) => refusedTables.includes(h.table));
    if (asked) return { verb, table: asked.table.name, field: asked.field.name };
  }
  return undefined;
}

/**
 * "add a genre field to books but don't add genre": a new field asked for and refused in one sentence, read as its
 * addition and its removal so the conflict asks, naming the field (read alone, either half would be a guess).
 * Undefined when the sentence is not of that form.
 */
export function addedAndRefused(text: string, schema: SchemaModel): string | undefined {
  const negated = /\b(?:do not|never|not|no need to)\s+(?:\w+\s+)?(?:add|create|include)\b/i.exec(text);
  if (!negated) return undefined;
  const yes = text.slice(0, negated.index);
  const no = text.slice(negated.index + negated[0].length);
  if (!/^(?:please\s+)?(?:add|create|include)\b/i.test(yes.trim())) return undefined;
  const asked = new Reading(yes, schema);
  const tables = asked.tables();
  const refusedTables = new Reading(no, schema).tables();
  const table = tables.length === 1 ? tables[0] : undefined;
  if (!table || refusedTables.some((t) => t !== table)) return undefined;
  // The new name: the words of the refusal that are neither grammar, the table, nor a type, said when asked too.
  const nameWords = (part: string) =>
    tokens(part)
      .filter(
        (t) =>
          t.raw !== "," &&
          !STOP.has(t.w) &&
          !TYPE_WORD.test(t.w) &&
          !/^(?:add|create|include|please|again|either|anything|at|all|but|too)$/.test(t.w) &&
          nameKey(t.raw) !== nameKey(table.name),
      )
      .map((t) => t.w);
  const refused = nameWords(no);
  const said = nameWords(yes);
  if (!refused.length || refused.length > 3 || !refused.every((w) => said.includes(w))) return undefined;
  const name = camel(refused.join(" "));
  const type = tokens(yes).find((t) => TYPE_WORD.test(t.w))?.w ?? "string";
  return `add ${name} (${type}) to ${table.name} and remove ${name} from ${table.name}`;
}

/**
 * "index books by isbn but don't index isbn": an index asked for and refused on the same field, read as the index
 * added and removed again so the conflict asks, naming the field. Undefined when the sentence is not of that form.
 */
export function indexedAndRefused(text: string, schema: SchemaModel): string | undefined {
  const found = refusedAndAsked(text, schema);
  if (found?.verb !== "index") return undefined;
  return `look up ${found.table} by ${found.field}. remove the by_${found.field} index from ${found.table}`;
}

/**
 * "rename title in tasks to heading, and rename title in tasks to label", "remove tasks and rename tasks to todos":
 * one field or table given two new names, or renamed and removed. Read one after the other, the second half would
 * no longer find it, so the request is checked whole: the question naming it, or undefined.
 */
export function changedTwice(text: string, schema: SchemaModel): string | undefined {
  const said: { what: string; change: string }[] = [];
  const clauses = tidy(text).split(
    /\s*(?:[,;.]\s*(?:and\s+|then\s+|also\s+)*|\s+and\s+(?:then\s+|also\s+)?)(?=(?:rename|remove|delete|drop)\b)/i,
  );
  for (const clause of clauses) {
    const m = /^(rename|remove|delete|drop)\s+(.+?)(?:\s+to\s+(\w+))?\s*[.!]*$/i.exec(clause.trim());
    if (!m) continue;
    const r = new Reading(m[2], schema);
    const tables = r.tables();
    const fields = r.fieldMentions().flatMap((f) => {
      const hits = f.hits.filter((h) => !tables.length || tables.includes(h.table));
      return hits.length === 1 ? [`${hits[0].table.name}.${hits[0].field.name}`] : [];
    });
    const what =
      fields.length === 1 ? fields[0] : fields.length === 0 && tables.length === 1 ? tables[0].name : undefined;
    if (!what) continue;
    const change = /^rename$/i.test(m[1]) ? (m[3] ? `rename to "${m[3]}"` : undefined) : "remove";
    if (change) said.push({ what, change });
  }
  for (const a of said)
    for (const b of said)
      if (a !== b && a.what === b.what && a.change !== b.change)
        return `Should I ${a.change.replace(/^rename/, "rename it")} or ${b.change.replace(/^rename/, "rename it")}, for "${a.what}"? The request asks for both, so nothing changes yet.`;
  return undefined;
}
