/**
 * Turning plans and sample values into TypeScript code.
 */
import { propertyKey } from "../schema/model";
import { GENERATORS } from "./generators";
import type { Plan } from "./sample-plan";
import type { SampleValue } from "./sample-data";

/** Marks a reference inside a sample value; `valueToCode` prints it as the parent's id variable. */
export const REF_MARK = "\u0000ref:";

/** The variable holding the ids of a table's inserted documents (seed) or the one id (tests). */
export function idsVar(table: string): string {
  return `ids_${table}`;
}

function keyCode(key: string, refVar: (table: string) => string): string {
  return key.startsWith(REF_MARK) ? `[${refVar(key.slice(REF_MARK.length))}]` : propertyKey(key);
}

/**
 * A sample value as a TypeScript expression. Strings starting with `REF_MARK` become `refVar(table)`;
 * literals get `as const` so they keep their literal types inside unions.
 */
export function valueToCode(value: SampleValue, refVar: (table: string) => string): string {
  if (value === null) return "null";
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "0";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "string")
    return value.startsWith(REF_MARK) ? refVar(value.slice(REF_MARK.length)) : JSON.stringify(value);
  if (value instanceof ArrayBuffer) return `new Uint8Array([${[...new Uint8Array(value)].join(", ")}]).buffer`;
  if (Array.isArray(value)) return `[${value.map((x) => valueToCode(x, refVar)).join(", ")}]`;
  const entries = Object.entries(value).map(([k, x]) => `${keyCode(k, refVar)}: ${valueToCode(x, refVar)}`);
  return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
}

/** A plan as faker code for the seed mutation; `pick`, `faker`, `now` and the `ids_<table>` arrays are in scope. */
export function planToCode(plan: Plan, optionalRate = 0.8): string {
  switch (plan.k) {
    case "gen":
      return GENERATORS[plan.gen].code;
    case "lit":
      if (plan.value === null) return "null";
      return plan.bigint ? `${plan.value}n` : `${JSON.stringify(plan.value)} as const`;
    case "ref":
      return `pick(${idsVar(plan.table)})`;
    case "empty":
      return plan.of === "array" ? "[]" : "{}";
    case "array":
      return `faker.helpers.multiple(() => (${planToCode(plan.element, optionalRate)}), { count: { min: 1, max: 3 } })`;
    case "union":
      return `faker.helpers.arrayElement([${plan.members.map((m) => `() => (${planToCode(m, optionalRate)})`).join(", ")}])()`;
    case "record":
      return `Object.fromEntries(faker.helpers.multiple(() => [${planToCode(plan.key, optionalRate)}, ${planToCode(plan.value, optionalRate)}] as const, { count: { min: 1, max: 2 } }))`;
    case "object": {
      if (plan.fields.length === 0) return "{}";
      const parts = plan.fields.map((f) => {
        const code = `${propertyKey(f.name)}: ${planToCode(f.plan, optionalRate)}`;
        return f.optional ? `...(faker.datatype.boolean(${optionalRate}) ? { ${code} } : {})` : code;
      });
      return `{ ${parts.join(", ")} }`;
    }
  }
}
