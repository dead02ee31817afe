/**
 * "could created at be optional?", "make the deleted at required pls": a change of presence of a field several
 * tables have, with no table named, as the grammar's bare command ("make createdAt optional"), which asks which
 * table is meant. Undefined when a table is named, the field is one table's, or both presences are asked.
 */
import type { SchemaModel } from "../../../schema/model";
import { OPTIONAL, REQUIRED } from "./families";
import { Reading } from "./reading";
import { tidy } from "./tidy";

export function ambiguousPresence(sentence: string, schema: SchemaModel): string | undefined {
  const r = new Reading(tidy(sentence).replace(/[?!.]+$/, ""), schema);
  if (r.tables().length) return undefined;
  const fields = r.fieldMentions();
  const names = new Set(fields.flatMap((m) => m.hits.map((h) => h.field.name)));
  if (fields.length !== 1 || names.size !== 1 || fields[0].hits.length < 2) return undefined;
  const t = r.family();
  const required = REQUIRED.test(t);
  const optional = OPTIONAL.test(t);
  if (required === optional) return undefined;
  return `make ${[...names][0]} ${required ? "required" : "optional"}`;
}
