/**
 * Checks existing documents against a schema the way a Convex push does, reporting the table, document id and
 * field of each mismatch.
 */
import type { ExportedSchema } from "./loader.js";
import { tableOfId } from "./engine-internals.js";

type V = { type: string; value?: unknown; tableName?: string; keys?: V; values?: { fieldType: V } | V };

/** One-sentence problems, e.g. `Document "1messages" in table "messages": field "body" expected string, got 1.` */
export function checkDocuments(
  schema: ExportedSchema | null,
  docs: Array<Record<string, unknown> & { _id: string }>,
  limit = 20,
): string[] {
  if (!schema?.schemaValidation) return [];
  const types = new Map(schema.tables.map((t) => [t.tableName, t.documentType as V | null]));
  const problems: string[] = [];
  for (const doc of docs) {
    const table = tableOfId(doc._id) ?? "";
    const type = types.get(table);
    if (!type) continue;
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(doc)) if (k !== "_id" && k !== "_creationTime") fields[k] = v;
    const err = check(type, fields, "");
    if (err) {
      problems.push(`Document "${doc._id}" in table "${table}": ${err}.`);
      if (problems.length >= limit) break;
    }
  }
  return problems;
}

function show(v: unknown): string {
  if (typeof v === "bigint") return `${v}n`;
  if (v instanceof ArrayBuffer) return "ArrayBuffer";
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function at(p: string): string {
  return p === "" ? "document" : `field "${p}"`;
}

function check(t: V, value: unknown, p: string): string | null {
  const expect = (ok: boolean, what: string) => (ok ? null : `${at(p)} expected ${what}, got ${show(value)}`);
  switch (t.type) {
    case "any":
      return null;
    case "null":
      return expect(value === null, "null");
    case "number":
      return expect(typeof value === "number", "number");
    case "bigint":
    case "int64":
      return expect(typeof value === "bigint", "int64");
    case "boolean":
      return expect(typeof value === "boolean", "boolean");
    case "string":
      return expect(typeof value === "string", "string");
    case "bytes":
      return expect(value instanceof ArrayBuffer, "bytes");
    case "literal":
      return expect(
        value === t.value || (typeof value === "bigint" && String(value) === String(t.value)),
        `literal ${show(t.value)}`,
      );
    case "id":
      return expect(typeof value === "string" && tableOfId(value) === t.tableName, `an id of table "${t.tableName}"`);
    case "array": {
      if (!Array.isArray(value)) return expect(false, "array");
      for (let i = 0; i < value.length; i++) {
        const e = check(t.value as V, value[i], `${p}[${i}]`);
        if (e) return e;
      }
      return null;
    }
    case "record": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return expect(false, "object");
      const vt = t.values && "fieldType" in t.values ? t.values.fieldType : (t.values as V);
      for (const [k, v] of Object.entries(value)) {
        const e = check(vt, v, p ? `${p}.${k}` : k);
        if (e) return e;
      }
      return null;
    }
    case "object": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return expect(false, "object");
      const shape = t.value as Record<string, { fieldType: V; optional: boolean }>;
      const obj = value as Record<string, unknown>;
      for (const [k, f] of Object.entries(shape)) {
        const fp = p ? `${p}.${k}` : k;
        if (obj[k] === undefined) {
          if (!f.optional) return `${at(fp)} is missing but required`;
        } else {
          const e = check(f.fieldType, obj[k], fp);
          if (e) return e;
        }
      }
      for (const k of Object.keys(obj)) if (!(k in shape)) return `${at(p ? `${p}.${k}` : k)} is not in the schema`;
      return null;
    }
    case "union": {
      const options = t.value as V[];
      if (options.some((o) => check(o, value, p) === null)) return null;
      return `${at(p)} matches none of ${options.map((o) => o.type).join(" | ")}, got ${show(value)}`;
    }
    default:
      return null;
  }
}
