/**
 * When no rule reads a message that names tables or fields of the schema, the question names them back: "What
 * should change about "tasks.dueDate": make it required or optional, rename it, change its type or remove it?"
 * A specific question beats a generic one, and nothing is guessed.
 */
import type { SchemaModel } from "../../schema/model";
import { words } from "../designer/names";

export function clarifyChange(text: string, schema: SchemaModel): string | undefined {
  const ws = ` ${words(text).join(" ")} `;
  const has = (name: string): boolean => {
    const w = words(name);
    const singular = [...w.slice(0, -1), w[w.length - 1]?.replace(/s$/, "") ?? ""];
    return ws.includes(` ${w.join(" ")} `) || (singular.join(" ").length > 2 && ws.includes(` ${singular.join(" ")} `));
  };
  const tables = schema.tables.filter((t) => has(t.name));
  const fields = (tables.length ? tables : schema.tables).flatMap((t) =>
    t.fields.filter((f) => f.name.length > 2 && has(f.name)).map((f) => `${t.name}.${f.name}`),
  );
  if (fields.length > 0 && fields.length <= 6) {
    return `What should change about ${fields.map((f) => `"${f}"`).join(", ")}: make ${fields.length > 1 ? "them" : "it"} required or optional, rename, change the type, add values, index or remove ${fields.length > 1 ? "them" : "it"}?`;
  }
  if (tables.length > 0 && tables.length <= 6) {
    return `What should change in ${tables.map((t) => `"${t.name}"`).join(", ")}? For example add a field ("add a notes string to ${tables[0].name}"), rename or remove one, or add an index.`;
  }
  return undefined;
}
