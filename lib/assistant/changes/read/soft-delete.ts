/** Soft delete: "keep deleted books in a trash", "flag loans as deleted instead of removing them". */
import { HARD_DELETE, SOFT_DELETE } from "./families";
import type { Outcome } from "./outcome";
import type { Reading } from "./reading";

/** Soft delete of the tables named; with a hard delete of one table too, both (the conflict asks). */
export function softDelete(r: Reading, t: string): Outcome {
  if (SOFT_DELETE.test(t) && !/\b(?:search|index)\b/i.test(t)) {
    const tables = r.tables();
    // "soft delete books and hard delete them": both ways of deleting at once — the conflict asks which.
    if (tables.length === 1 && HARD_DELETE.test(t))
      return `add soft delete to ${tables[0].name} and drop the ${tables[0].name} table`;
    if (tables.length) return `add soft delete to ${tables.map((x) => x.name).join(" and ")}`;
  }
  return undefined;
}
