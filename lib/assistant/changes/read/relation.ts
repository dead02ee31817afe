/** A relation between two tables: "tasks belong to projects", "link comments to users". */
import { RELATION } from "./families";
import type { Outcome } from "./outcome";
import type { Reading } from "./reading";
/** A relation between the two tables named. */
export function relating(r: Reading, t: string): Outcome {
  if (RELATION.test(t)) {
    const rel = relation(r);
    if (rel) return rel;
  }
  return undefined;
}

/** "tasks belong to projects": the table after "to", "with", "which" is the one referenced. */
function relation(r: Reading): string | undefined {
  const tables = r.tables();
  // "add a reference to users": from which table is not said — the grammar asks, naming the tables.
  if (
    tables.length === 1 &&
    /^(?:please\s+)?(?:add|create)\s+(?:an?\s+)?(?:reference|relation(?:ship)?|link|foreign key)\s+to\b/i.test(r.text)
  )
    return "add a relation";
  if (tables.length !== 2) return undefined;
  // "add createdBy to projects referencing users": a name of its own is the grammar's to read.
  const named = /^(?:please\s+)?(?:add|create|give)\s+(?:an?\s+|the\s+)?(\w+)\s*(?:\(|(?:to|on|as)\b)/i.exec(r.text);
  if (named && !/^(?:reference|ref|link|relation|relationship|pointer|foreign)$/i.test(named[1])) return undefined;
  // "many organizations per user": each of the first belongs to one of the second.
  const per = /\bmany\s+(\w+(?:\s\w+)?)\s+per\s+(\w+(?:\s\w+)?)/i.exec(r.text);
  const perTarget = per ? r.tableAfter(/\bper\s+$/i) : undefined;
  // "point at a community", "between messages and their community": the table said there is the one referenced.
  const target =
    perTarget ??
    r.tableAfter(
      /\b(?:to|with|which|what|for|at|and\s+(?:their|its))\s+(?:an?\s+|the\s+|one\s+|its\s+|their\s+|a\s+single\s+)?$/i,
    );
  if (!target) return undefined;
  const source = tables[0] === target ? tables[1] : tables[0];
  return `${source.name} references ${target.name}`;
}
