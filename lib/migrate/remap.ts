/**
 * Ids of a renamed (copied) table inside arrays, objects and records: which validators hold them, the validator
 * once the table has its new name, and the value with every such id replaced by its copy's id.
 */
import type { Validator } from "../schema/model";
import { compileValidator } from "./validate";

/** True when `v` holds ids of `table` below its top level (inside an array, object or record). */
export function nestsIdsOf(v: Validator, table: string): boolean {
  switch (v.kind) {
    case "union":
      return v.members.some((m) => nestsIdsOf(m, table));
    case "array":
      return holdsIdsOf(v.element, table);
    case "object":
      return v.fields.some((f) => holdsIdsOf(f.validator, table));
    case "record":
      return holdsIdsOf(v.key, table) || holdsIdsOf(v.value, table);
    default:
      return false;
  }
}

function holdsIdsOf(v: Validator, table: string): boolean {
  return (
    (v.kind === "id" && v.table === table) ||
    nestsIdsOf(v, table) ||
    (v.kind === "union" && v.members.some((m) => holdsIdsOf(m, table)))
  );
}

/** `v` with `v.id(from)` replaced by `v.id(to)` everywhere. */
export function renameIdTable(v: Validator, from: string, to: string): Validator {
  switch (v.kind) {
    case "id":
      return v.table === from ? { kind: "id", table: to } : v;
    case "array":
      return { kind: "array", element: renameIdTable(v.element, from, to) };
    case "object":
      return {
        kind: "object",
        fields: v.fields.map((f) => ({ ...f, validator: renameIdTable(f.validator, from, to) })),
      };
    case "record":
      return { kind: "record", key: renameIdTable(v.key, from, to), value: renameIdTable(v.value, from, to) };
    case "union":
      return { kind: "union", members: v.members.map((m) => renameIdTable(m, from, to)) };
    default:
      return v;
  }
}

const checkers = new WeakMap<Validator, (x: unknown) => boolean>();
const checkerOf = (v: Validator) => {
  let check = checkers.get(v);
  if (!check) checkers.set(v, (check = compileValidator(v)));
  return check;
};

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  x !== null && typeof x === "object" && !Array.isArray(x) && !(x instanceof ArrayBuffer);

/**
 * `x` (a value of validator `v`) with each id of `table` that `idMap` knows replaced by its new id, following
 * the validator so strings elsewhere are left alone. Ids missing from the map are kept (the preflight and the
 * final schema push report them).
 */
export function remapIdsWithin(v: Validator, x: unknown, table: string, idMap: ReadonlyMap<string, string>): unknown {
  switch (v.kind) {
    case "id":
      return v.table === table && typeof x === "string" ? (idMap.get(x) ?? x) : x;
    case "array":
      return Array.isArray(x) ? x.map((e) => remapIdsWithin(v.element, e, table, idMap)) : x;
    case "object": {
      if (!isPlainObject(x)) return x;
      const out: Record<string, unknown> = { ...x };
      for (const f of v.fields) if (f.name in x) out[f.name] = remapIdsWithin(f.validator, x[f.name], table, idMap);
      return out;
    }
    case "record":
      if (!isPlainObject(x)) return x;
      return Object.fromEntries(
        Object.entries(x).map(([k, y]) => [
          String(remapIdsWithin(v.key, k, table, idMap)),
          remapIdsWithin(v.value, y, table, idMap),
        ]),
      );
    case "union": {
      // The member the value is an instance of; a value that fits none (invalid data) is left alone.
      const member = v.members.find((m) => checkerOf(m)(x));
      return member ? remapIdsWithin(member, x, table, idMap) : x;
    }
    default:
      return x;
  }
}
