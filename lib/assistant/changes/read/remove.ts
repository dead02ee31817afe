/** Removals: "drop the phone from members", "we no longer use the legacy table". */
import { literalsOf } from "../enums";
import { REMOVE, REQUIRED } from "./families";
import type { Outcome } from "./outcome";
import type { Reading } from "./reading";

/** A field or table removed and kept (or required, or renamed) in one breath: both are read, the conflict asks. */
export function removedAndKept(r: Reading, t: string): Outcome {
  const required = REQUIRED.test(t);
  const removal = REMOVE.test(t);
  if (removal && (required || /\b(?:rename|keep)\b/i.test(t)) && r.subject()) {
    const s = r.subject();
    if (s) return `${s.table.name} need ${s.field.name} to be required and never set`;
  }
  // "remove the loans table and keep the loans table": a table both dropped and kept — the conflict asks.
  if (removal && /\bkeep\b/i.test(t) && /\btables?\b/i.test(t) && r.tables().length === 1 && !r.subject()) {
    const table = r.tables()[0].name;
    return `add soft delete to ${table} and drop the ${table} table`;
  }
  return undefined;
}

/** The fields (or the table) removed; a value of a list is the grammar's to take out. */
export function removal(r: Reading, t: string): Outcome {
  const removal = REMOVE.test(t);
  // "remove guest from the roles of memberships": a value of a list, the grammar's to take out.
  const literal = r
    .tables()
    .some((tb) => tb.fields.some((f) => (literalsOf(f) ?? []).some((v) => r.ts.some((x) => x.w === v.toLowerCase()))));
  if (removal && literal) return null;
  if (removal) {
    const s = r.subject();
    if (s)
      return r
        .subjects(s)
        .map((f) => `remove ${f.name} from ${s.table.name}`)
        .join(" and ");
    const tables = r.tables();
    if (tables.length === 1 && /\btables?\b/i.test(t)) return `drop the ${tables[0].name} table`;
  }
  return undefined;
}
