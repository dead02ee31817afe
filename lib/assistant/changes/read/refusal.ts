/** An operation asked for and refused in the same request ("index books by isbn and don't index books by isbn"). */
import type { SchemaModel } from "../../../schema/model";
import { Reading } from "./reading";
import { tidy } from "./tidy";

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
  for (const verb of ["index", "add", "remove", "delete", "drop", "rename", "merge", "split"]) {
    const negated = new RegExp(String.raw`\b(?:do not|never|not|no)\s+(?:\w+\s+)?${verb}\b`, "i").exec(text);
    if (!negated) continue;
    const before = text.slice(0, negated.index);
    const after = text.slice(negated.index + negated[0].length);
    const affirmed = new RegExp(String.raw`\b${verb}\b`, "i");
    const [yes, no] = affirmed.test(before) ? [before, after] : affirmed.test(after) ? [after, before] : [];
    if (yes === undefined || no === undefined) continue;
    const fieldsOf = (part: string) => {
      const r = new Reading(part, schema);
      const tables = r.tables();
      return r.fieldMentions().flatMap((m) => {
        const hits = m.hits.filter((h) => !tables.length || tables.includes(h.table));
        return hits.length === 1 ? [hits[0]] : [];
      });
    };
    const noFields = fieldsOf(`${no}`);
    const same = fieldsOf(yes).find((h) => noFields.some((x) => x.field === h.field));
    if (same) return { verb, table: same.table.name, field: same.field.name };
  }
  return undefined;
}
